/**
 * `npm run --silent ask -- --json --dialogue < dialogue.jsonl`: each input line is
 * `{"conversation", "question"}`, read in the context of the earlier lines of its conversation, as
 * a chat would read it; a line that is not one gets `{"error", "line"}` and the rest go on.
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import type { Assistant, AskOptions } from "../core/index.js";
import { renderForTerminal } from "../adapters/console/render-terminal.js";
import { continueConversation, memoryContextStore } from "../adapters/shared/context-store.js";

const DialogueLineSchema = z.object({
  conversation: z.string().min(1, "conversation must be a non-empty string"),
  question: z.string().refine((q) => q.trim() !== "", "question must be a non-empty string"),
});

/**
 * Conversations as long as the input: no expiry and no forgetting, so that a line is read in the
 * context of its conversation however long ago that conversation last spoke.
 */
export async function answerDialogues(assistant: Assistant, flags: { json?: boolean; locale?: string }): Promise<void> {
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
