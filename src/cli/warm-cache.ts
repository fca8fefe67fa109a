/**
 * The last step of `npm run build`: writes the start-up cache of `ask` (dist/knowledge-cache.json,
 * see src/knowledge/knowledge-cache.ts) for the configured data folder, so the first `ask` after a
 * build starts as fast as the next ones. Bad data or configuration does not fail the build: one
 * line says the cache was not written (`npm run check-data` explains bad data).
 */
import { ConfigError, loadDotEnv, readConfig } from "../config.js";
import { createAssistant } from "../core/index.js";
import { loadCachedKnowledge } from "../knowledge/knowledge-cache.js";

try {
  loadDotEnv();
  const prepared = await loadCachedKnowledge(readConfig().dataDir);
  createAssistant(prepared.knowledge, {}, prepared.cache);
  prepared.save();
} catch (error) {
  const known = error instanceof ConfigError || (error instanceof Error && error.name === "KnowledgeError");
  if (!known) throw error;
  process.stderr.write(`start-up cache not written: ${error.message.split("\n")[0]!.replace(/:$/, "")}\n`);
}
