/**
 * The terminal chat as a person uses it: greeting, /help, numbered suggestions picked by number,
 * /quit, and an answer that fails without ending the chat.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsoleChat } from "../../src/adapters/console/console-chat.js";
import { createAssistant, type Assistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const assistant = createAssistant(loadKnowledge());

async function chat(lines: string[], options: { interactive: boolean; assistant?: Assistant; locale?: "it" | "en" }) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => (text += chunk.toString()));
  const logged: string[] = [];
  const done = runConsoleChat({
    assistant: options.assistant ?? assistant,
    input,
    output,
    interactive: options.interactive,
    locale: options.locale,
    defaultLanguage: "it",
    log: (message) => logged.push(message),
  });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  // Terminal mode echoes input and moves the cursor: keep only printable text.
  return { text: text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ""), logged };
}

describe("console chat", () => {
  it("GIVEN a terminal THEN greets, shows commands and prompts", async () => {
    const { text } = await chat([], { interactive: true, locale: "en" });
    expect(text).toContain(assistant.smalltalk("greeting", "en").body);
    expect(text).toContain("/quit");
    expect(text).toContain("> ");
  });

  it("GIVEN /help THEN explains what the bot knows", async () => {
    const { text } = await chat(["/help"], { interactive: true, locale: "it" });
    expect(text).toContain(assistant.smalltalk("help", "it").body);
  });

  it("GIVEN a fallback with suggestions THEN typing a number answers that suggestion", async () => {
    const vague = "youpin spedizione";
    const suggestions = assistant.ask(vague).suggestions;
    expect(suggestions.length).toBeGreaterThan(1);
    const { text } = await chat([vague, "2"], { interactive: true });
    expect(text).toMatch(/1\. .*\n\s+2\. /);
    expect(text).toContain(assistant.ask(suggestions[1]!.question).body);
  });

  it("GIVEN /quit THEN stops reading", async () => {
    const { text } = await chat(["/quit", "ciao"], { interactive: true, locale: "it" });
    expect(text.split(assistant.smalltalk("greeting", "it").body)).toHaveLength(2); // only the opening greeting
  });

  it("GIVEN piped input THEN answers each line, without prompt or greeting", async () => {
    const { text } = await chat(["cos'è youpin?", "grazie"], { interactive: false });
    expect(text).not.toContain("> ");
    expect(text).toContain(assistant.ask("cos'è youpin?").body);
    expect(text).toContain(assistant.ask("grazie").body);
  });

  it("GIVEN a follow-up THEN it is read in the context of the question before it, and nothing crosses a declined turn", async () => {
    const { text } = await chat(["Xiaomi Pay funziona in Italia?", "e in Grecia?", "Apple Pay funziona in Italia?", "e in Francia?"], { interactive: false });
    expect(text).toContain("Xiaomi Pay – Grecia");
    expect(text).not.toContain("– Francia");
  });

  it("GIVEN an answer that fails THEN apologises, logs, and keeps answering", async () => {
    let calls = 0;
    const flaky: Assistant = {
      ...assistant,
      converse: (question, context, options) => {
        if (calls++ === 0) throw new Error("boom");
        return assistant.converse(question, context, options);
      },
    };
    const { text, logged } = await chat(["first", "ciao"], { interactive: false, assistant: flaky });
    expect(text).toContain("Scusa, qualcosa è andato storto");
    expect(text).toContain(assistant.ask("ciao").body);
    expect(logged.join("\n")).toContain("boom");
  });
});
