/**
 * Start-up for every entry point: `.env`, configuration, knowledge. Bad setup is reported in a
 * few lines naming the culprit (variable, file, JSON path), never as a stack trace.
 */
import { ConfigError, loadDotEnv, readConfig, type Config } from "../config.js";
import type { Knowledge } from "../core/index.js";
import { KnowledgeError, loadKnowledge } from "../knowledge/load-knowledge.js";

export function configOrExit(): Config {
  loadDotEnv();
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Loads the knowledge from `dataDir`, else from the configured DATA_DIR, else from data/. */
export function loadKnowledgeOrExit(dataDir?: string): Knowledge {
  try {
    return loadKnowledge(dataDir ?? configOrExit().dataDir);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
