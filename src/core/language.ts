/**
 * Italian or English? Short chat questions are the hard case ("mi pay italia?", "why?"), so three
 * signals add up: marker words, accented letters (Italian writes è, perché, più), and how often
 * each word appears in the knowledge's Italian versus English texts. When they do not decide,
 * the platform's locale does, then the default.
 */
import { LANGUAGE_MARKERS } from "./lexicon.js";
import { countryNames, ISO_3166_ALPHA2 } from "./countries.js";
import { NO_CACHE, type DerivedCache } from "./derived-cache.js";
import { tokenize } from "./normalize.js";
import type { Language } from "./schema.js";
import type { WordSet } from "./word-list.js";

const ITALIAN_ACCENTS = /[àèéìíòóù]/i;
const MODEL_NAME = /\p{L}\d/u;
const MODEL_NAMES = /\p{L}+(?=\d)/gu;
const ACCENT_WEIGHT = 1.5;
// A word seen a handful of times must not outvote a marker word: its evidence is capped.
const MAX_LEARNED_WEIGHT = 0.8;
const MIN_OCCURRENCES = 1;
// Weaker than a word the knowledge uses: Italian loanwords and cognates are in English dictionaries too.
const DICTIONARY_WEIGHT = -0.4;

export interface LanguageGuess {
  language: Language;
  /** Positive leans Italian, negative English. */
  score: number;
  decidedBy: "text" | "hint" | "default";
}

export class LanguageDetector {
  private readonly learned: Map<string, number>;

  /** Country names differ between the languages ("Giappone" / "Japan"): each one is a marker. */
  private readonly countryMarkers: Map<string, number>;

  /**
   * @param englishWords a dictionary of English words: a word in it that the knowledge does not
   *   use is mild English evidence ("cashback offers") for questions the knowledge cannot decide.
   */
  /**
   * @param ambiguousWords words that mean the same in both languages or are names in both
   *   ("USA" is also Italian for "uses"): the knowledge's statistics about them prove nothing.
   */
  constructor(
    texts: { it: Iterable<string>; en: Iterable<string> },
    private readonly ignoredWords: ReadonlySet<string>,
    private readonly englishWords: WordSet = new Set<string>(),
    ambiguousWords: ReadonlySet<string> = new Set(),
    cache: DerivedCache = NO_CACHE,
  ) {
    const tables = cache.get("language-statistics", () => LanguageDetector.statistics(texts, ignoredWords, ambiguousWords));
    this.countryMarkers = new Map(tables.countryMarkers);
    this.learned = new Map(tables.learned);
  }

  /** Country-name markers and learned word weights, as entries. */
  private static statistics(texts: { it: Iterable<string>; en: Iterable<string> }, ignoredWords: ReadonlySet<string>, ambiguousWords: ReadonlySet<string>) {
    const countryMarkers = new Map<string, number>();
    const learned = new Map<string, number>();
    for (const code of ISO_3166_ALPHA2) {
      const italian = countryNames(code, "it").flatMap(tokenize);
      const english = countryNames(code, "en").flatMap(tokenize);
      for (const word of italian) if (!english.includes(word) && !ambiguousWords.has(word)) countryMarkers.set(word, 1);
      for (const word of english) if (!italian.includes(word) && !ambiguousWords.has(word)) countryMarkers.set(word, -1);
    }
    const count = (source: Iterable<string>) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const text of source) {
        for (const word of tokenize(text)) {
          if (ignoredWords.has(word) || /^\d+$/.test(word)) continue;
          counts.set(word, (counts.get(word) ?? 0) + 1);
          total++;
        }
      }
      return { counts, total };
    };
    const it = count(texts.it);
    const en = count(texts.en);
    const vocabulary = new Set([...it.counts.keys(), ...en.counts.keys()]);
    for (const word of vocabulary) {
      const inItalian = it.counts.get(word) ?? 0;
      const inEnglish = en.counts.get(word) ?? 0;
      if (inItalian + inEnglish < MIN_OCCURRENCES || LANGUAGE_MARKERS.has(word) || ambiguousWords.has(word)) continue;
      // Add-one smoothed log ratio of the word's frequency in each language.
      const ratio = Math.log((inItalian + 1) / (it.total + vocabulary.size)) - Math.log((inEnglish + 1) / (en.total + vocabulary.size));
      learned.set(word, Math.max(-MAX_LEARNED_WEIGHT, Math.min(MAX_LEARNED_WEIGHT, ratio)));
    }
    return { countryMarkers: [...countryMarkers], learned: [...learned] };
  }

  private dictionaryEvidence(word: string): number {
    return word.length > 2 && this.englishWords.has(word) ? DICTIONARY_WEIGHT : 0;
  }

  detect(words: readonly string[], rawText: string, hint: Language | undefined, tieMargin: number, fallback: Language): LanguageGuess {
    let score = ITALIAN_ACCENTS.test(rawText) ? ACCENT_WEIGHT : 0;
    // Letters glued to a number name a model ("SU7", "Watch S3"): "su" there is not Italian.
    const modelNames = MODEL_NAME.test(rawText) ? new Set(rawText.toLowerCase().match(MODEL_NAMES)) : undefined;
    for (const word of words) {
      // Product names ("Xiaomi Pay", "Mi Cloud") are the same in both languages.
      if (this.ignoredWords.has(word) || modelNames?.has(word)) continue;
      score += LANGUAGE_MARKERS.get(word) ?? this.countryMarkers.get(word) ?? this.learned.get(word) ?? this.dictionaryEvidence(word);
    }
    if (Math.abs(score) >= tieMargin) return { language: score > 0 ? "it" : "en", score, decidedBy: "text" };
    // Within the margin the text does not decide: "Xiaomi Pay in Russia" reads the same in both.
    if (hint) return { language: hint, score, decidedBy: "hint" };
    return { language: fallback, score, decidedBy: "default" };
  }
}

/** Reads a platform locale ("it", "it-IT", "en-GB", "pt-BR") as a hint; other languages give none. */
export function localeToLanguage(locale: string | undefined): Language | undefined {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === "it" || primary === "en" ? primary : undefined;
}
