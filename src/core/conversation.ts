/** What a conversation carries from one message to the next, and how a follow-up points back. */
import type { Recognition } from "./entities.js";
import { wordsOfAllPacks } from "./languages/index.js";
import { tokenize } from "./normalize.js";
import { QUESTION_WORDS, REFERRING_WORDS } from "./lexicon.js";
import type { Language, QuestionType } from "./schema.js";

/** What a conversation remembers between turns: plain JSON, so any store can keep it. */
export interface ConversationContext {
  service?: string;
  region?: string;
  questionType?: QuestionType;
  topic?: string;
  /**
   * The words the last complete question asked with, beside its names and places ("quanti utenti
   * ha"): "and Xiaomi overall?" asks them again about another service.
   */
  asked?: string[];
  language: Language;
}
export type ContextSlot = "service" | "region" | "questionType";
export type FragmentShape = "complete" | "region" | "service" | "question";

/** "How many users does it have?", "lo posso usare?": a word pointing back to what was asked before. */
export function refersBack(recognition: Recognition): boolean {
  return recognition.words.some((word) => REFERRING_WORDS.has(word));
}

// Phrases, in words as read: " volevo dire " within " no scusa volevo dire in grecia ".
const CORRECTION_PHRASES: readonly string[] = [...wordsOfAllPacks((pack) => pack.correctionPhrases)].map((phrase) => ` ${phrase} `);

/** "no sorry I meant Greece", "intendevo la Polonia", "volevo dire in Grecia": the message corrects what was just asked. */
export function corrects(recognition: Recognition): boolean {
  const said = ` ${recognition.words.join(" ")} `;
  return CORRECTION_PHRASES.some((phrase) => said.includes(phrase));
}

const THERE_WORDS: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.thereWords);
// "is there a Xiaomi Pay app?" asks whether something exists, not about a place.
const EXISTENTIAL_BEFORE: ReadonlySet<string> = wordsOfAllPacks((pack) => pack.existentialWords);

/** "e xiaomi pay? va anche lì?", "does it work there too?": the message points at a place said before. */
export function pointsToPlace(recognition: Recognition): boolean {
  const { words } = recognition;
  return words.some((word, i) => THERE_WORDS.has(word) && !EXISTENTIAL_BEFORE.has(words[i - 1] ?? ""));
}

/** "how?", "perché?": a question word alone, which after an answer asks about it. */
export function isBareQuestionWord(text: string): boolean {
  const words = tokenize(text);
  return words.length === 1 && QUESTION_WORDS.has(words[0]!);
}

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
