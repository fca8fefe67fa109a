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
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createAssistant, type Assistant, type AskOptions } from "../core/index.js";
import { renderForTerminal } from "../adapters/console/render-terminal.js";
import { continueConversation, memoryContextStore } from "../adapters/shared/context-store.js";
import { loadKnowledgeOrExit } from "./load-or-exit.js";

const USAGE = `usage: npm run --silent ask -- [--json] [--explain] [--locale it|en] ["question"]
       npm run --silent ask -- --json --dialogue < dialogue.jsonl
  without a question, reads one question per line from standard input
  --dialogue: each line is {"conversation": "<id>", "question": "<text>"}, read in the context of
  the earlier lines of the same conversation; the answer gains "inherited"`;

const DialogueLineSchema = z.object({
  conversation: z.string().min(1, "conversation must be a non-empty string"),
  question: z.string().refine((q) => q.trim() !== "", "question must be a non-empty string"),
});

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        dialogue: { type: "boolean", default: false },
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
  if (values.dialogue && (positionals.length > 0 || values.explain)) {
    process.stderr.write(`--dialogue reads its questions from standard input and cannot be combined with --explain\n${USAGE}\n`);
    process.exit(2);
  }
  const assistant = createAssistant(loadKnowledgeOrExit());
  if (values.dialogue) {
    void answerDialogues(assistant, values);
    return;
  }
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

/**
 * Conversations as long as the input: no expiry and no forgetting, so that a line is read in the
 * context of its conversation however long ago that conversation last spoke.
 */
async function answerDialogues(assistant: Assistant, flags: { json?: boolean; locale?: string }): Promise<void> {
  const contexts = memoryContextStore({ capacity: Infinity });
  const options: AskOptions = flags.locale ? { locale: flags.locale } : {};
  const write = (text: string) => process.stdout.write(`${text}\n`);
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === "") continue;
    const turn = parseDialogueLine(line);
    if ("error" in turn) {
      write(JSON.stringify({ error: turn.error, line: lineNumber }));
      continue;
    }
    const { answer, inherited } = await continueConversation(assistant, contexts, turn.conversation, turn.question, options, Infinity);
    write(flags.json ? JSON.stringify({ ...answer, inherited }) : `${renderForTerminal(answer)}\n`);
  }
}

function parseDialogueLine(line: string): { conversation: string; question: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = DialogueLineSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return { error: parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ") };
}

main();
