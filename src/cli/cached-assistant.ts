/**
 * The assistant for a command that starts often (`ask`): the configuration checked and the
 * knowledge loaded as for every command, but both from the start-up caches when they match (see
 * config-check.ts and src/knowledge/knowledge-cache.ts), else checked, loaded, validated and built
 * as always, and the caches refreshed for the next start. A start that hits both loads neither
 * zod nor the validation.
 */
import { createAssistant, type Assistant } from "../core/index.js";
import { loadCachedKnowledge } from "../knowledge/knowledge-cache.js";
import { checkedDataDir } from "./config-check.js";

export async function cachedAssistantOrExit(): Promise<Assistant> {
  const dataDir = await checkedDataDir();
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
