/**
 * `npm run --silent ask -- [--json] [--explain] [--locale it] "question"`
 * `npm run --silent ask -- --json --dialogue < dialogue.jsonl`
 *
 * With a question: answers it. Without: answers each line of standard input (JSON Lines with
 * --json), each on its own. With --dialogue, each input line is `{"conversation", "question"}`
 * and is read in the context of the earlier lines of its conversation, as a chat would read it;
 * a line that is not one gets `{"error", "line"}` and the rest go on. Standard output carries
 * only answers (and those error objects); problems with the command itself go to standard error.
 */
// First: decides how V8 compiles everything after it (see the module).
import "./short-process-tiering.js";
import type { Assistant } from "../core/index.js";
import { renderForTerminal } from "../adapters/console/render-terminal.js";
import { argumentsOrExit } from "./arguments.js";
import { cachedAssistantOrExit } from "./cached-assistant.js";

const USAGE = `usage: npm run --silent ask -- [--json] [--explain] [--locale it|en] ["question"]
       npm run --silent ask -- --json --dialogue < dialogue.jsonl
  without a question, reads one question per line from standard input
  --dialogue: each line is {"conversation": "<id>", "question": "<text>"}, read in the context of
  the earlier lines of the same conversation; the answer gains "inherited"`;

async function main(): Promise<void> {
  const { values, positionals } = argumentsOrExit(
    {
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        dialogue: { type: "boolean", default: false },
        locale: { type: "string" },
      },
    },
    USAGE,
  );
  if (values.dialogue && (positionals.length > 0 || values.explain)) {
    process.stderr.write(`--dialogue reads its questions from standard input and cannot be combined with --explain\n${USAGE}\n`);
    process.exit(2);
  }
  const assistant = await cachedAssistantOrExit();
  if (values.dialogue) {
    // Its own module: conversations and the line schema are loaded only when asked for.
    void import("./ask-dialogue.js").then(({ answerDialogues }) => answerDialogues(assistant, values));
    return;
  }
  const respond = (question: string) => process.stdout.write(`${format(assistant, question, values)}\n`);

  if (positionals.length > 0) {
    respond(positionals.join(" "));
    return;
  }
  const output = batchedOutput();
  // Each line is read on its own, so its answer depends on the line alone: a line seen before (the
  // same question asked again, a set read several times) is answered from the first time.
  const answered = new Map<string, Buffer>();
  // Only reading standard input needs readline (~2.5 ms to load): a question given as an argument does not.
  const { createInterface } = await import("node:readline");
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    let bytes = answered.get(line);
    if (bytes === undefined) {
      bytes = Buffer.from(`${format(assistant, line, values)}\n`);
      if (answered.size >= REMEMBERED_LINES) answered.clear();
      answered.set(line, bytes);
    }
    output.write(bytes);
  });
}

/** Answers kept for repeated lines: ~2 KB each as JSON, so at most ~20 MB. */
const REMEMBERED_LINES = 10_000;

/**
 * Standard output for many answers: a write per answer is a system call (~15 µs, as much as
 * serialising the answer), so the answers to the lines at hand (readline hands over a whole chunk
 * of input at once) are written together, as soon as those lines are answered. Answers come as
 * bytes: a repeated one is encoded once, and a batch is a copy of them.
 */
function batchedOutput(): { write(bytes: Buffer): void } {
  let pending: Buffer[] = [];
  const flush = () => {
    const batch = Buffer.concat(pending);
    pending = [];
    process.stdout.write(batch);
  };
  return {
    write(bytes) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(bytes);
    },
  };
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

void main();
