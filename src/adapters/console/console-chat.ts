/**
 * The terminal chat: `npm start` without platform tokens. Interactive on a terminal (greeting,
 * /help, numbered suggestions, /quit); with piped input it answers each line and ends with it.
 */
import { createInterface } from "node:readline";
import type { Assistant, Language, Suggestion } from "../../core/index.js";
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
}

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
  const { assistant, input, output, interactive, locale, log = () => {} } = options;
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

  const handle = (line: string): "quit" | void => {
    const text = line.trim();
    if (text === "") return;
    if (/^\/(quit|exit|esci)$/i.test(text)) return "quit";
    if (/^\/(help|aiuto)$/i.test(text)) {
      write(renderForTerminal(assistant.smalltalk("help", language), style));
      write(style.dim(TEXTS[language].commands));
      return;
    }
    const picked = /^\d+$/.test(text) ? lastSuggestions[Number(text) - 1] : undefined;
    const answer = assistant.ask(picked ? picked.question : text, locale ? { locale } : {});
    language = answer.language;
    lastSuggestions = answer.suggestions;
    write(renderForTerminal(answer, style, interactive));
    if (!interactive) write("");
  };

  return new Promise((resolve) => {
    lines.on("line", (line) => {
      try {
        if (handle(line) === "quit") {
          lines.close();
          return;
        }
      } catch (error) {
        // The chat outlives any single failed answer.
        log(`console chat: failed to answer: ${(error as Error).stack ?? String(error)}`);
        write(TEXTS[language].apology);
      }
      if (interactive) lines.prompt();
    });
    lines.on("close", () => resolve());
  });
}
