/**
 * The words of every language pack (./languages/), as the readers that do not care which language
 * a word belongs to use them.
 */
import { phraseFinder, wordsOfAllPacks } from "./languages/index.js";
import { tokenize } from "./normalize.js";

/**
 * Words that carry no topic: they are dropped before matching, so "come funziona il cloud" and
 * "cloud come funziona" are the same question. Question words (come, perché, how, why...) are
 * NOT here: they separate "what is X" from "why did X close". All forms are normalised (no accents).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.functionWords);

/** Words frequent in one language and (almost) absent from the others ("ciao", "why"): each pack's markers. */
export const MARKER_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.markers);

/** Pronouns that point back to the last thing asked about, in a conversation's follow-ups. */
export const REFERRING_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.referringWords);

/** Words that open a question ("come", "what"): small talk and follow-ups tell asking from saying by them. */
export const QUESTION_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.questionWords);

/** "il prof vuole sapere se", "I was wondering whether": what follows is the question. */
export const QUESTION_OPENERS = phraseFinder((pack) => pack.questionOpeners);

/** The words for services themselves ("servizi", "services"): beside our services' names, the company's services as a whole, or what help may be asked about. */
export const SERVICES_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.servicesWords);

// "e", "and", "what about", "ok e", "invece": openings that only make sense after something else;
// not a word that ends a sentence of its own ("ok then. does xiaomi have a voice assistant?").
const CONTINUATION = new RegExp(
  `^\\s*(?:ok(?:ay)?\\s*[,.!]?\\s*)?(?:${[...wordsOfAllPacks((pack) => pack.continuations)].join("|")})\\b(?!\\s*[.!;:])`,
  "i",
);

/** Whether a message opens as a follow-up ("e Youpin?", "and in Poland?", "what about the cloud?"). */
export function continuesConversation(text: string): boolean {
  return CONTINUATION.test(text);
}

/**
 * The words of the phrase a follow-up opens with ("lo stesso vale per xiaoai?": lo, stesso, vale,
 * per), none when it opens otherwise: they ask nothing of their own.
 */
export function followUpOpening(text: string): readonly string[] {
  const opening = CONTINUATION.exec(text)?.[0];
  return opening === undefined ? [] : tokenize(opening);
}
