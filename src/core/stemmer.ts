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

function cachedStemmer(language: Language): Stem {
  const stemmer = LANGUAGE_PACKS[language].stemmer();
  const cache = new Map<string, string>();
  return (word) => {
    if (word.length < MIN_STEMMED_LENGTH || word.length > MAX_STEMMED_LENGTH) return word;
    let stem = cache.get(word);
    if (stem === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      stem = stemmer.stemWord(word);
      // A stem shorter than three letters ("foto" → "fot" is fine, "aria" → "ar" is not) merges
      // unrelated words; the whole word is the safer term.
      if (stem.length < 3) stem = word;
      cache.set(word, stem);
    }
    return stem;
  };
}

export const STEMMERS: Readonly<Record<Language, Stem>> = Object.freeze(perLanguage(cachedStemmer));
