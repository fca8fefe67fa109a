/**
 * `npm run eval [-- --set dev|holdout|all]`: accuracy per category and language, confusion pairs
 * and every miss. Exits 1 when the set is below the targets.
 */
import { parseArgs } from "node:util";
import { createAssistant } from "../core/index.js";
import { ACCURACY_TARGETS, evaluate, formatReport, loadEvalSet, type EVAL_SETS } from "../evaluation/evaluate.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const { values } = parseArgs({ options: { set: { type: "string", default: "dev" } } });
const names: Array<keyof typeof EVAL_SETS> = values.set === "all" ? ["dev", "holdout"] : [values.set as keyof typeof EVAL_SETS];
if (!names.every((name) => name === "dev" || name === "holdout")) {
  process.stderr.write(`unknown set '${values.set}': use dev, holdout or all\n`);
  process.exit(2);
}

const assistant = createAssistant(loadKnowledgeOrExit());
let belowTarget = false;
for (const name of names) {
  const report = evaluate(loadEvalSet(name), (question, locale) => assistant.ask(question, locale ? { locale } : {}));
  process.stdout.write(`${formatReport(report, `${name} set`)}\n\n`);
  belowTarget ||= report.inScope.accuracy < ACCURACY_TARGETS.inScope || report.outOfScope.rejection < ACCURACY_TARGETS.outOfScopeRejection;
}
process.exitCode = belowTarget ? 1 : 0;
