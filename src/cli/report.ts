/**
 * `npm run report [-- --json] [-- --limit N]`: what users asked that the bot could not answer
 * (grouped by normalised text, with counts and languages), the most disliked answers, and the
 * answer rate per day, platform and language, from the insights database (INSIGHTS_DB: a SQLite
 * file or a postgres:// URL).
 */
import { existsSync } from "node:fs";
import { argumentsOrExit } from "./arguments.js";
import { configOrExit } from "./load-or-exit.js";
import { DEFAULT_INSIGHTS_DB } from "../config.js";
import type { Report } from "../operations/insights.js";
import { isPostgresUrl, openInsights } from "../operations/insights-store.js";

const USAGE = `usage: npm run report [-- --json] [-- --limit N]
  --json: the report as one JSON object
  --limit: how many unanswered questions and disliked answers (20 by default)`;
const { values } = argumentsOrExit({ options: { json: { type: "boolean", default: false }, limit: { type: "string", default: "20" } } }, USAGE);
const config = configOrExit();
const path = config.insights?.path ?? DEFAULT_INSIGHTS_DB;
if (!isPostgresUrl(path) && !existsSync(path)) {
  process.stderr.write(`No insights database at ${path} yet: it is created when the bot runs with INSIGHTS=on.\n`);
  process.exit(1);
}
const insights = await openInsights({ path, retentionDays: config.insights?.retentionDays ?? 90, log: (_level, message) => process.stderr.write(`${message}\n`) });
const report = await insights.report(Number(values.limit) || 20);
await insights.close();
process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : format(report));

function format({ unanswered, disliked, answerRate }: Report): string {
  const lines = ["Most frequent unanswered questions:"];
  if (unanswered.length === 0) lines.push("  (none)");
  for (const row of unanswered) lines.push(`  ${String(row.count).padStart(5)}  [${row.languages.join(",")}]  ${row.example}`);
  lines.push("", "Most disliked answers (topic: dislikes / likes):");
  if (disliked.length === 0) lines.push("  (none)");
  for (const row of disliked) lines.push(`  ${row.topic}: ${row.dislikes} / ${row.likes}`);
  lines.push("", "Answer rate per day, platform and language:");
  if (answerRate.length === 0) lines.push("  (no questions yet)");
  for (const row of answerRate) lines.push(`  ${row.day}  ${row.platform.padEnd(9)} ${row.language}  ${(row.rate * 100).toFixed(1).padStart(5)}%  (${row.answered}/${row.questions})`);
  return `${lines.join("\n")}\n`;
}
