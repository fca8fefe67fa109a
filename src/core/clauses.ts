/**
 * A chat message is often a greeting, some context and then the question, several clauses in
 * all: "ciao a tutti, mia madre ha la band 6 nfc, la carta nexi funziona in grecia?". These
 * helpers cut it where its punctuation does, so the clause that asks can be read on its own.
 */
import { phraseFinder, wordsOfAllPacks } from "./languages/index.js";
import { QUESTION_OPENERS } from "./lexicon.js";
import { normalize } from "./normalize.js";

const QUESTION_LEADS = wordsOfAllPacks((pack) => pack.questionLeads);
// "ho sentito che", "I read that": a sentence opening so reports what someone heard or read.
const REPORTING = phraseFinder((pack) => pack.reportingPhrases, "['’\\s]+");

export interface Clause {
  text: string;
  /** Ends with a question mark: the clause that asks, in most messages. */
  asks: boolean;
}

// A full stop, comma or colon ends a clause only before a space or the end: "HyperOS 2.2" and
// "i.mi.com" stay whole; so does a dash between spaces ("I'm in Denmark - is it in Germany?"),
// not one inside a word ("Poland-only", "Wi-Fi").
const CLAUSE_END = /[!?;\n]+|[.,:]+(?=\s|$)|\s[-–—]+(?=\s)/g;
// A sentence runs on over commas and colons: "Can I get XiaoAI in Austria, or is it only Google Assistant here?"
// In chat an emoji ends one as a full stop would ("…lo schermo si è crepato 😭 sapete dove…"),
// and stays with it; a flag is a country, not an emoji that ends anything.
const SENTENCE_END = /[!?;\n]+|\.+(?=\s|$)|(?<=(?:(?!\p{Regional_Indicator})\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)[\p{Emoji_Modifier}\uFE0F\u200D]*)(?=\s+\p{L})/gu;

export function clauses(text: string): Clause[] {
  return cut(text, CLAUSE_END);
}

/** The message's sentences, each asking when it ends with a question mark. */
export function sentences(text: string): Clause[] {
  return cut(text, SENTENCE_END);
}

/**
 * Clauses cut again after a phrase that opens a question ("il prof vuole sapere se | xiaomi si
 * considera…"), so the question can be read without the story around it. Cuts fall between
 * words: each part is still a run of the message's words.
 */
export function afterQuestionOpeners(parts: readonly Clause[], openers: RegExp): Clause[] {
  return parts.flatMap((part) => {
    const pieces: Clause[] = [];
    let start = 0;
    for (const match of part.text.matchAll(openers)) {
      const end = match.index + match[0].length;
      pieces.push({ text: part.text.slice(start, end), asks: false });
      start = end;
    }
    if (start === 0) return [part];
    pieces.push({ text: part.text.slice(start), asks: part.asks });
    return pieces.filter((piece) => piece.text.trim() !== "");
  });
}

/**
 * The sentences that ask: those ending with a question mark, else the last ("funziona solo in
 * Cina o anche qui") and any that opens a question ("volevo sapere se…"); and the last when it
 * opens as a question without its mark ("youpin i think? super cheap. is there any way for me to
 * use it or is it china only").
 */
export function questionsIn(said: readonly Clause[]): readonly Clause[] {
  const asking = said.filter((sentence) => sentence.asks);
  if (said.length === 0) return asking;
  if (asking.length === 0) {
    // "volevo sapere se il cloud fa il backup dei messaggi... il mio vecchio samsung lo faceva":
    // with no question mark, a sentence opening a question asks too.
    const opened = said.slice(0, -1).filter((sentence) => sentence.text.search(QUESTION_OPENERS) >= 0);
    // "xiao ai tongxue è nato prima sulla tv o sullo speaker 🤔 ho sentito che il primo era un
    // televisore": a last sentence that reports what someone heard tells, and the one before asks.
    const last = said.at(-1)!;
    const asks = said.length > 1 && last.text.search(REPORTING) === 0 ? said.at(-2)! : last;
    return opened.length === 0 ? [asks] : [...opened.filter((sentence) => sentence !== asks), asks];
  }
  const last = said.at(-1)!;
  if (last.asks || !QUESTION_LEADS.has(normalize(last.text.match(/[\p{L}]+/u)?.[0] ?? ""))) return asking;
  return [...asking, last];
}

function cut(text: string, ends: RegExp): Clause[] {
  const found: Clause[] = [];
  let start = 0;
  const add = (end: number, mark: string) => {
    const body = text.slice(start, end).trim();
    if (body !== "") found.push({ text: body, asks: mark.includes("?") });
  };
  for (const match of text.matchAll(ends)) {
    add(match.index, match[0]);
    start = match.index + match[0].length;
  }
  add(text.length, "");
  return found;
}

/**
 * A clause cut where it turns from one case to another ("works in Poland but not in Holland"),
 * so the part the question turns to can be read last. `turningWords` are folded, lower case.
 * @param keepTurningWord the word that turns opens the part after it (every word stays in a part)
 */
export function turns(clause: string, turningWords: ReadonlySet<string>, keepTurningWord = false): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const match of clause.matchAll(WORD)) {
    if (!turningWords.has(normalize(match[0]))) continue;
    parts.push(clause.slice(start, match.index));
    start = keepTurningWord ? match.index : match.index + match[0].length;
  }
  parts.push(clause.slice(start));
  return parts.filter((part) => part.trim() !== "");
}

const WORD = /[\p{L}\p{M}]+/gu;
