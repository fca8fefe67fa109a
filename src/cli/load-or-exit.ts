/**
 * Start-up for every entry point: `.env`, configuration, knowledge. Bad setup is reported in a
 * few lines naming the culprit (variable, file, JSON path), never as a stack trace.
 */
import type { LoadedKnowledge } from "../core/index.js";
import { KnowledgeError, loadKnowledge } from "../knowledge/load-knowledge.js";
import { configOrExit } from "./config-or-exit.js";

export { configOrExit };

/** Loads the knowledge from `dataDir`, else from the configured DATA_DIR, else from data/. */
export function loadKnowledgeOrExit(dataDir?: string): LoadedKnowledge {
  try {
    return loadKnowledge(dataDir ?? configOrExit().dataDir);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
