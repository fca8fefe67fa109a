/**
 * Snowball stemmers for the languages the bot reads, so "funziona", "funzionano", "funzionare"
 * or "paying", "payments" become one term without hand-written suffix rules. They come from
 * nlp.js's language packages, which are compiled from the Snowball project's own algorithms:
 * about 0.3 µs a word, where the snowball-stemmers port takes 10–30 µs and grows with the
 * square of a word's length.
 *
 * Chat messages repeat the same few thousand words, so each language also keeps a bounded cache.
 */
import { LANGUAGE_PACKS, perLanguage } from "./languages/index.js";
import type { Language } from "./schema.js";

// Big enough for the knowledge's vocabulary and a day of chat; cleared whole when full.
const CACHE_LIMIT = 50_000;
// Snowball leaves short words alone in practice; skipping them saves a call per function word.
const MIN_STEMMED_LENGTH = 4;
// No word of either language is longer; longer "words" are noise, not worth a stemmer's time.
const MAX_STEMMED_LENGTH = 30;

export type Stem = (word: string) => string;

const CACHES: Record<Language, Map<string, string>> = perLanguage(() => new Map());

function cachedStemmer(language: Language): Stem {
  // Created on the first word the cache does not hold: nlp.js's packages (and @nlpjs/core under
  // them) cost ~40 ms to load, and with the stems a start-up cache remembers (see
  // derived-cache.ts) most single questions need none.
  let stemmer: { stemWord(word: string): string } | undefined;
  const cache = CACHES[language];
  const overrides = new Map(Object.entries(LANGUAGE_PACKS[language].stemOverrides));
  return (word) => {
    if (word.length < MIN_STEMMED_LENGTH || word.length > MAX_STEMMED_LENGTH) return word;
    let stem = cache.get(word);
    if (stem === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      stem = overrides.get(word) ?? (stemmer ??= LANGUAGE_PACKS[language].stemmer()).stemWord(word);
      // A stem shorter than three letters ("foto" → "fot" is fine, "aria" → "ar" is not) merges
      // unrelated words; the whole word is the safer term.
      if (stem.length < 3) stem = word;
      cache.set(word, stem);
    }
    return stem;
  };
}

export const STEMMERS: Readonly<Record<Language, Stem>> = Object.freeze(perLanguage(cachedStemmer));

/**
 * The stems computed so far, for a start-up cache: a stem is a function of the word alone, and
 * the Snowball stemmers are slow until warm (~45 µs a word for the first few hundred).
 */
export function stemsSoFar(): Record<Language, Array<[string, string]>> {
  return perLanguage((language) => [...CACHES[language]]);
}

/**
 * Stems every word held in one language's cache in the others too: a question's words are read in
 * every language (concepts, typo checks), so remembering every stem of the knowledge's words
 * spares most starts loading the stemmers at all.
 */
export function stemInEveryLanguage(): void {
  const stems = Object.values(STEMMERS);
  for (const word of new Set(Object.values(CACHES).flatMap((cache) => [...cache.keys()]))) for (const stem of stems) stem(word);
}

/** Stems as stemsSoFar gave them (same code): taken as computed. */
export function rememberStems(stems: Readonly<Record<Language, ReadonlyArray<[string, string]>>>): void {
  for (const language of Object.keys(CACHES) as Language[]) for (const [word, stem] of stems[language] ?? []) CACHES[language].set(word, stem);
}
