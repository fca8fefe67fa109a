/**
 * `npm run check-data [-- --data DIR]`: validates the knowledge base and prints what it holds.
 * Exits 1 with file, JSON path and reason for every problem.
 */
import { parseArgs } from "node:util";
import { createAssistant } from "../core/index.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const { values } = parseArgs({ options: { data: { type: "string" } } });
const started = performance.now();
const knowledge = loadKnowledgeOrExit(values.data);
const loaded = performance.now();
const assistant = createAssistant(knowledge);
const indexed = performance.now();

const phrasings = (language: "it" | "en") => knowledge.faq.reduce((sum, entry) => sum + entry.questions[language].length, 0);
const lines = [
  "Knowledge base is valid.",
  `  services      ${knowledge.services.length} (${knowledge.services.map((s) => s.id).join(", ")})`,
  `  sources       ${knowledge.sources.length}`,
  `  regions       ${knowledge.regions.length} with curated names (every ISO 3166-1 country is recognised by name)`,
  `  availability  ${knowledge.availability.length} facts over ${new Set(knowledge.availability.map((f) => f.service)).size} services`,
  `  FAQ entries   ${knowledge.faq.length}: ${phrasings("it")} Italian and ${phrasings("en")} English phrasings`,
  ...knowledge.services.map(
    (service) => `                ${service.id.padEnd(9)} ${knowledge.faq.filter((entry) => entry.service === service.id).length} entries`,
  ),
  `  small talk    ${knowledge.smalltalk.map((s) => s.id).join(", ")}`,
  `  index         ${assistant.stats.topics} topics, ${assistant.stats.phrasings} phrasings`,
  `  start-up      load + validate ${(loaded - started).toFixed(0)} ms, index ${(indexed - loaded).toFixed(0)} ms`,
];
process.stdout.write(`${lines.join("\n")}\n`);
