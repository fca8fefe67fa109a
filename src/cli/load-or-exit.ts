import type { Knowledge } from "../core/index.js";
import { KnowledgeError, loadKnowledge } from "../knowledge/load-knowledge.js";

/** For command-line entry points: a bad knowledge base is reported in a few lines, not a stack trace. */
export function loadKnowledgeOrExit(dataDir?: string): Knowledge {
  try {
    return loadKnowledge(dataDir);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
