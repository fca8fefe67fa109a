/**
 * Start-up for every entry point: `.env`, configuration, knowledge. Bad setup is reported in a
 * few lines naming the culprit (variable, file, JSON path), never as a stack trace.
 */
import type { AnyPlatform } from "../adapters/shared/platform.js";
import { ConfigError, loadDotEnv, readConfig, type Config } from "../config.js";
import type { Knowledge } from "../core/index.js";
import { KnowledgeError, loadKnowledge } from "../knowledge/load-knowledge.js";

/** The configuration, with the settings of the platforms in `PLATFORMS` (src/main.ts), or of `platforms`. */
export function configOrExit(): Config;
export function configOrExit<const Platforms extends readonly AnyPlatform[]>(platforms: Platforms): Config<Platforms>;
export function configOrExit(platforms?: readonly AnyPlatform[]): Config<readonly AnyPlatform[]> {
  loadDotEnv();
  try {
    return platforms ? readConfig(process.env, platforms) : readConfig();
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
