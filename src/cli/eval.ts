/**
 * `npm run eval [-- --set NAME|all]`: accuracy per category, class and language, confusion pairs
 * and every miss. A sealed holdout (SEALED_SETS) shows its numbers only, unless
 * `--unseal` is given (to study its misses before writing a fresh holdout).
 * Exits 1 when a set is below the targets.
 */
import { createAssistant } from "../core/index.js";
import { existsSync } from "node:fs";
import {
  ACCURACY_TARGETS,
  DIALOGUE_SETS,
  SEALED_SETS,
  EVAL_SETS,
  evaluate,
  evaluateDialogues,
  formatDialogueReport,
  formatReport,
  loadDialogueSet,
  loadEvalSet,
  type DialogueSetName,
  type EvalSetName,
} from "../evaluation/evaluate.js";
import { argumentsOrExit } from "./arguments.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const USAGE = `usage: npm run eval [-- --set NAME|all] [-- --unseal]
  --set: one evaluation set by name (all of them by default)
  --unseal: a sealed holdout's misses too, to study them before writing a fresh holdout`;
const { values } = argumentsOrExit({ options: { set: { type: "string", default: "all" }, unseal: { type: "boolean", default: false } } }, USAGE);
const known = Object.keys(EVAL_SETS) as EvalSetName[];
const knownDialogues = Object.keys(DIALOGUE_SETS) as DialogueSetName[];
const names = values.set === "all" ? known : known.filter((name) => name === values.set);
const dialogueNames = values.set === "all" ? knownDialogues : knownDialogues.filter((name) => name === values.set);
if (names.length + dialogueNames.length === 0) {
  process.stderr.write(`unknown set '${values.set}': use ${[...known, ...knownDialogues].join(", ")} or all\n`);
  process.exit(2);
}

const assistant = createAssistant(loadKnowledgeOrExit());
let belowTarget = false;
for (const name of names) {
  const report = evaluate(loadEvalSet(name), (question, locale) => assistant.ask(question, locale ? { locale } : {}));
  const sealed = SEALED_SETS.has(name) && !values.unseal;
  process.stdout.write(`${formatReport(report, `${name} set${sealed ? " (sealed: numbers only)" : ""}`, { sealed })}\n\n`);
  belowTarget ||= report.inScope.accuracy < ACCURACY_TARGETS.inScope || report.outOfScope.rejection < ACCURACY_TARGETS.outOfScopeRejection;
}
for (const name of dialogueNames) {
  if (!existsSync(DIALOGUE_SETS[name])) continue;
  const report = evaluateDialogues(loadDialogueSet(name), assistant);
  const sealed = SEALED_SETS.has(name) && !values.unseal;
  process.stdout.write(`${formatDialogueReport(report, `${name} set${sealed ? " (sealed: numbers only)" : ""}`, { sealed })}\n\n`);
  belowTarget ||= report.turns.accuracy < ACCURACY_TARGETS.inScope;
}
process.exitCode = belowTarget ? 1 : 0;
