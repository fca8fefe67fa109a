/**
 * The last step of `npm run build`: writes the start-up caches of `ask` (dist/config-check.json and
 * dist/knowledge-cache.json, see cli/config-check.ts and src/knowledge/knowledge-cache.ts) for the
 * configured data folder, so the first `ask` after a build starts as fast as the next ones. Bad
 * data or configuration does not fail the build: one line says the caches were not written
 * (`npm run check-data` explains bad data). It also writes the Italian word list sorted, for
 * lookups in place (src/knowledge/dictionaries.ts).
 */
import { createAssistant } from "../core/index.js";
import { writeSortedItalianWords } from "../knowledge/dictionaries.js";
import { loadCachedKnowledge } from "../knowledge/knowledge-cache.js";
import { checkConfig } from "./config-check.js";

writeSortedItalianWords();
const checked = await checkConfig();
if ("error" in checked) {
  process.stderr.write(`start-up cache not written: ${checked.error}\n`);
} else {
  try {
    const prepared = await loadCachedKnowledge(checked.dataDir);
    createAssistant(prepared.knowledge, {}, prepared.cache);
    prepared.save();
  } catch (error) {
    if (!(error instanceof Error && error.name === "KnowledgeError")) throw error;
    process.stderr.write(`start-up cache not written: ${error.message.split("\n")[0]!.replace(/:$/, "")}\n`);
  }
}
