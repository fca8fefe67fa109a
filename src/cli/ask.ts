/**
 * `npm run --silent ask -- [--json] [--explain] [--locale it] "question"`
 *
 * With a question: answers it. Without: answers each line of standard input (JSON Lines with
 * --json). Standard output carries only answers; problems go to standard error.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createAssistant, type Assistant } from "../core/index.js";
import { renderForTerminal } from "../adapters/console/render-terminal.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const USAGE = `usage: npm run --silent ask -- [--json] [--explain] [--locale it|en] ["question"]
  without a question, reads one question per line from standard input`;

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        locale: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const assistant = createAssistant(loadKnowledgeOrExit());
  const respond = (question: string) => process.stdout.write(`${format(assistant, question, values)}\n`);

  if (positionals.length > 0) {
    respond(positionals.join(" "));
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() !== "") respond(line);
  });
}

function format(assistant: Assistant, question: string, flags: { json?: boolean; explain?: boolean; locale?: string }): string {
  const options = flags.locale ? { locale: flags.locale } : {};
  if (flags.explain) {
    const explanation = assistant.explain(question, options);
    if (flags.json) return JSON.stringify({ ...explanation.answer, explain: { ...explanation, answer: undefined } });
    return `${renderForTerminal(explanation.answer)}\n${JSON.stringify({ ...explanation, answer: undefined }, null, 2)}`;
  }
  const answer = assistant.ask(question, options);
  return flags.json ? JSON.stringify(answer) : renderForTerminal(answer);
}

main();
