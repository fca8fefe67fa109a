/**
 * `npm run check-data [-- --data DIR]`: validates the knowledge base and prints what it holds.
 * Exits 1 with file, JSON path and reason for every problem.
 * `-- --stale [--today YYYY-MM-DD]` also lists the FAQ topics whose newest source is more than
 * three years old (today by default; `--today` pins the clock for tests and for re-checking).
 */
import { createAssistant } from "../core/index.js";
import { DateSchema } from "../core/schema.js";
import { formatStaleTopics, STALE_AFTER_MONTHS, staleTopics } from "../knowledge/freshness.js";
import { argumentsOrExit } from "./arguments.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const USAGE = `usage: npm run check-data [-- --data DIR] [-- --stale [--today YYYY-MM-DD]]
  --data: the knowledge folder (DATA_DIR, else data/)
  --stale: also the topics whose newest source is over ${STALE_AFTER_MONTHS} months old, as of --today`;
const { values } = argumentsOrExit({ options: { data: { type: "string" }, stale: { type: "boolean", default: false }, today: { type: "string" } } }, USAGE);
const today = values.today ?? new Date().toISOString().slice(0, 10);
if (!DateSchema.safeParse(today).success) {
  process.stderr.write(`--today: expected a date as YYYY-MM-DD, got '${today}'\n`);
  process.exit(1);
}
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
if (values.stale) {
  const stale = staleTopics(knowledge, today);
  lines.push(
    "",
    `Topics whose newest source is more than ${STALE_AFTER_MONTHS / 12} years old (as of ${today}): ${stale.length}`,
    ...formatStaleTopics(stale).map((line) => `  ${line}`),
  );
}
process.stdout.write(`${lines.join("\n")}\n`);
