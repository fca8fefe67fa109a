/**
 * `npm run eval [-- --set dev|textbook|chat-dev|holdout|all]`: accuracy per category, class and
 * language, confusion pairs and every miss. The sealed holdout shows its numbers only, unless
 * `--unseal` is given (to study its misses before writing a fresh holdout).
 * Exits 1 when a set is below the targets.
 */
import { parseArgs } from "node:util";
import { createAssistant } from "../core/index.js";
import { ACCURACY_TARGETS, EVAL_SETS, evaluate, formatReport, loadEvalSet, type EvalSetName } from "../evaluation/evaluate.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const { values } = parseArgs({ options: { set: { type: "string", default: "all" }, unseal: { type: "boolean", default: false } } });
const known = Object.keys(EVAL_SETS) as EvalSetName[];
const names = values.set === "all" ? known : [values.set as EvalSetName];
if (!names.every((name) => known.includes(name))) {
  process.stderr.write(`unknown set '${values.set}': use ${known.join(", ")} or all\n`);
  process.exit(2);
}

const assistant = createAssistant(loadKnowledgeOrExit());
let belowTarget = false;
for (const name of names) {
  const report = evaluate(loadEvalSet(name), (question, locale) => assistant.ask(question, locale ? { locale } : {}));
  const sealed = name === "holdout" && !values.unseal;
  process.stdout.write(`${formatReport(report, `${name} set${sealed ? " (sealed: numbers only)" : ""}`, { sealed })}\n\n`);
  belowTarget ||= report.inScope.accuracy < ACCURACY_TARGETS.inScope || report.outOfScope.rejection < ACCURACY_TARGETS.outOfScopeRejection;
}
process.exitCode = belowTarget ? 1 : 0;
