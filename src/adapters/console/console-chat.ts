/**
 * The terminal chat: `npm start` without platform tokens. Interactive on a terminal (greeting,
 * /help, numbered suggestions, /quit); with piped input it answers each line and ends with it.
 * The whole session is one conversation: "e in Grecia?" follows the question before it.
 */
import { createInterface } from "node:readline";
import type { Assistant, Language, Suggestion } from "../../core/index.js";
import { continueConversation, memoryContextStore, type ContextStore } from "../shared/context-store.js";
import { ANSI, PLAIN, renderForTerminal } from "./render-terminal.js";

export interface ConsoleChatOptions {
  assistant: Assistant;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  /** The terminal user's language, if known: the greeting's language and the tie-breaker. */
  locale: Language | undefined;
  defaultLanguage: Language;
  log?: (message: string) => void;
  /** Where the session's context is kept (tests pass one with their own clock). */
  contexts?: ContextStore;
}

/** A terminal has one person at it: one conversation. */
const CONVERSATION = "console";

const TEXTS = {
  it: {
    commands: "Comandi: /help per l'aiuto, un numero per scegliere un suggerimento, /quit per uscire.",
    apology: "Scusa, qualcosa è andato storto nel rispondere. Riprova.",
  },
  en: {
    commands: "Commands: /help for help, a number to pick a suggestion, /quit to leave.",
    apology: "Sorry, something went wrong while answering. Please try again.",
  },
} as const;

export function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { assistant, input, output, interactive, locale, log = () => {}, contexts = memoryContextStore() } = options;
  const style = interactive ? ANSI : PLAIN;
  let language: Language = locale ?? options.defaultLanguage;
  let lastSuggestions: Suggestion[] = [];
  const write = (text: string) => output.write(`${text}\n`);

  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  if (interactive) {
    lines.setPrompt("> ");
    write(renderForTerminal(assistant.smalltalk("greeting", language), style));
    write(style.dim(TEXTS[language].commands));
    lines.prompt();
  }

  const handle = async (line: string): Promise<"quit" | void> => {
    const text = line.trim();
    if (text === "") return;
    if (/^\/(quit|exit|esci)$/i.test(text)) return "quit";
    if (/^\/(help|aiuto)$/i.test(text)) {
      write(renderForTerminal(assistant.smalltalk("help", language), style));
      write(style.dim(TEXTS[language].commands));
      return;
    }
    const picked = /^\d+$/.test(text) ? lastSuggestions[Number(text) - 1] : undefined;
    const { answer } = await continueConversation(assistant, contexts, CONVERSATION, picked ? picked.question : text, locale ? { locale } : {});
    language = answer.language;
    lastSuggestions = answer.suggestions;
    write(renderForTerminal(answer, style, interactive));
    if (!interactive) write("");
  };

  // Lines are answered one after the other, in order: each is read in the context the one
  // before it left, however fast piped input arrives.
  let answering = Promise.resolve();
  let quitting = false;
  const step = async (line: string) => {
    if (quitting) return;
    try {
      if ((await handle(line)) === "quit") {
        quitting = true;
        lines.close();
        return;
      }
    } catch (error) {
      // The chat outlives any single failed answer.
      log(`console chat: failed to answer: ${(error as Error).stack ?? String(error)}`);
      write(TEXTS[language].apology);
    }
    if (interactive) lines.prompt();
  };

  return new Promise((resolve) => {
    lines.on("line", (line) => {
      answering = answering.then(() => step(line));
    });
    lines.on("close", () => void answering.then(() => resolve()));
  });
}
