/**
 * The assistant for a command that starts often (`ask`): from the start-up cache when it matches
 * the data and the code (src/knowledge/knowledge-cache.ts), else loaded, validated and built as
 * always, and the cache refreshed for the next start. Only the modules a cached start needs are
 * imported up front: the validation (and zod) come in on a miss.
 */
import { createAssistant, type Assistant } from "../core/index.js";
import { loadCachedKnowledge } from "../knowledge/knowledge-cache.js";
import { configOrExit } from "./config-or-exit.js";

export async function cachedAssistantOrExit(): Promise<Assistant> {
  const dataDir = configOrExit().dataDir;
  let prepared;
  try {
    prepared = await loadCachedKnowledge(dataDir);
  } catch (error) {
    // Loaded already by the miss that threw: no cost to a start that succeeds.
    const { KnowledgeError } = await import("../knowledge/load-knowledge.js");
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const assistant = createAssistant(prepared.knowledge, {}, prepared.cache);
  prepared.save();
  return assistant;
}
