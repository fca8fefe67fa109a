/**
 * The English dictionary the core consults for words the knowledge does not use (is "charge" a
 * real word or a typo of "change"? does "offers" lean English?): ~275,000 words from the
 * an-array-of-english-words package, provided to the core by whatever loads the knowledge.
 *
 * Read on the first lookup, not at start: most questions never need it, and one that does pays
 * ~10 ms once per process. The package's JSON text is searched as it is (`JsonWordList`), never
 * parsed into an array: that parse alone was ~100 ms of every start.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JsonWordList, provideEnglishWords, SortedWordList, type WordSet } from "../core/word-list.js";

let words: WordSet | undefined;

function load(): WordSet {
  const text = readFileSync(createRequire(import.meta.url).resolve("an-array-of-english-words"), "utf8");
  // A future version shipped pretty-printed or with escapes is parsed as the array it is.
  return JsonWordList.parse(text) ?? new SortedWordList(JSON.parse(text) as string[]);
}

/** One dictionary per process, shared by every assistant (a knowledge reload keeps it). */
export const ENGLISH_WORDS: WordSet = {
  has: (word) => (words ??= load()).has(word),
};

/** Gives the core the dictionary (idempotent): called by every loader of the knowledge. */
export function provideDictionary(): void {
  provideEnglishWords(ENGLISH_WORDS);
}
