/**
 * The word lists the core consults for words the knowledge does not use, provided to it by
 * whatever loads the knowledge. The English dictionary (is "charge" a real word or a typo of
 * "change"? does "offers" lean English?): ~275,000 words from the an-array-of-english-words
 * package. The Italian word list, for the typo veto alone, is below.
 *
 * Read on the first lookup, not at start: most questions never need it, and one that does pays
 * ~10 ms once per process. The package's JSON text is searched as it is (`JsonWordList`), never
 * parsed into an array: that parse alone was ~100 ms of every start.
 */
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CACHE_DIR, readJsonOrUndefined, writeJsonAtomically } from "../operations/start-up-cache.js";
import { JsonWordList, provideEnglishWords, provideItalianWords, SortedWordList, type WordSet } from "../core/word-list.js";

let words: WordSet | undefined;

/** A word list's JSON text as it lies in `file`. */
function wordListText(file: string): string {
  const bytes = readFileSync(file);
  // An ASCII list's bytes are its characters: decoding them as Latin-1 gives the same string as
  // UTF-8 without validating megabytes of UTF-8 (~4 ms of the English list's first lookup).
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

function load(): WordSet {
  const text = wordListText(createRequire(import.meta.url).resolve("an-array-of-english-words"));
  // A future version shipped pretty-printed or with escapes is parsed as the array it is.
  return JsonWordList.parse(text) ?? new SortedWordList(JSON.parse(text) as string[]);
}

/**
 * Words looked up so far and whether the dictionary has them, bounded and cleared whole when full
 * like the core's per-word caches: a question's unknown word is looked up twice (for its language,
 * then before a typo search), and a lookup is ~20 steps of a binary search through the text.
 */
const LOOKED_UP_LIMIT = 20_000;
const lookedUp = new Map<string, boolean>();

/** One dictionary per process, shared by every assistant (a knowledge reload keeps it). */
export const ENGLISH_WORDS: WordSet = {
  has(word) {
    let found = lookedUp.get(word);
    if (found === undefined) {
      found = (words ??= load()).has(word);
      if (lookedUp.size >= LOOKED_UP_LIMIT) lookedUp.clear();
      lookedUp.set(word, found);
    }
    return found;
  },
};

let italianWords: WordSet | undefined;

/**
 * The Italian word list (an-array-of-italian-words: ~124,000 lower-case ASCII words, accents
 * dropped), which only a typo reading of a name consults. The package lists its words by
 * frequency, so it cannot be searched in place: `npm run build` writes them sorted beside the
 * compiled code (`writeSortedItalianWords`), and the first lookup searches that text as it is,
 * like the English dictionary (~2 ms once). Without that file (run from the sources, or after
 * an upgrade of the package until the next build) the package is parsed into a Set (~40–130 ms
 * once, most of a short batch's first typo).
 */
export const ITALIAN_WORDS: WordSet = {
  has: (word) => (italianWords ??= sortedItalianWords() ?? new Set(italianPackageWords())).has(word),
};

const italianPackage = () => createRequire(import.meta.url).resolve("an-array-of-italian-words");
const italianPackageWords = () => JSON.parse(readFileSync(italianPackage(), "utf8")) as string[];

/** The sorted copy's file, named by the package's version so that an upgrade is not read stale. */
function sortedItalianFile(): string | undefined {
  const manifest = readJsonOrUndefined(join(dirname(italianPackage()), "package.json")) as { version?: unknown } | undefined;
  return typeof manifest?.version === "string" ? join(CACHE_DIR, `italian-words-${manifest.version}.json`) : undefined;
}

function sortedItalianWords(): WordSet | undefined {
  const file = sortedItalianFile();
  if (file === undefined) return undefined;
  try {
    return JsonWordList.parse(wordListText(file));
  } catch {
    return undefined;
  }
}

/** Writes the sorted copy of the Italian word list that lookups search in place (by `npm run build`). */
export function writeSortedItalianWords(): void {
  const file = sortedItalianFile();
  // Sorted in code-unit order, as JsonWordList compares.
  if (file !== undefined) writeJsonAtomically(file, [...new Set(italianPackageWords())].sort());
}

/** Gives the core the dictionaries (idempotent): called by every loader of the knowledge. */
export function provideDictionary(): void {
  provideEnglishWords(ENGLISH_WORDS);
  provideItalianWords(ITALIAN_WORDS);
}
