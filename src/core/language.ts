/**
 * Which language is a message in? Short chat questions are the hard case ("mi pay italia?",
 * "why?"), so signals add up for each language pack: its marker words, its accented letters
 * (Italian writes è, perché, più), country names only it uses, and how often each word appears
 * in the knowledge's texts in that language against the others. The language whose evidence
 * leads by the tie margin wins; otherwise the platform's locale decides, then the default.
 */
import { LANGUAGE_PACKS, perLanguage } from "./languages/index.js";
import { countryNames, ISO_3166_ALPHA2 } from "./countries.js";
import { NO_CACHE, type DerivedCache } from "./derived-cache.js";
import { modelLetters, tokenize } from "./normalize.js";
import { LANGUAGES } from "./languages/codes.js";
import type { Language } from "./schema.js";
import type { WordSet } from "./word-list.js";
import type { CoreOptions } from "./defaults.js";

type Weights = CoreOptions["reading"]["languageEvidence"];

// Words whose evidence is kept: a day of chat; cleared whole when full, like the stemmers' caches.
const EVIDENCE_LIMIT = 20_000;

export interface LanguageGuess {
  language: Language;
  /** The evidence for each language. */
  scores: Readonly<Record<Language, number>>;
  /** How far the language chosen leads the next one (0 when the text did not decide). */
  margin: number;
  decidedBy: "text" | "hint" | "default";
}

/** Evidence a word gives: which language, how much. */
interface Cue {
  language: Language;
  weight: number;
}

export class LanguageDetector {
  /** Marker words and country names only one language uses ("Giappone" / "Japan"). */
  private readonly markers: Map<string, Cue>;
  /** Per word, its weight for each language, from the knowledge's own texts. */
  private readonly learned: Map<string, Readonly<Record<Language, number>>>;

  /**
   * @param ignoredWords product names, the same in every language ("Xiaomi Pay", "Mi Cloud").
   * @param dictionaries word lists per language: a word in one that the knowledge does not use is
   *   mild evidence ("cashback offers") for questions the knowledge cannot decide.
   * @param ambiguousWords words that mean the same in several languages or are names in several
   *   ("USA" is also Italian for "uses"): the knowledge's statistics about them prove nothing, nor
   *   does a dictionary ("Russia" is in the English one and is Italian too).
   */
  constructor(
    texts: Readonly<Record<Language, Iterable<string>>>,
    private readonly ignoredWords: ReadonlySet<string>,
    private readonly weights: Weights,
    private readonly dictionaries: Partial<Record<Language, WordSet>> = {},
    private readonly ambiguousWords: ReadonlySet<string> = new Set(),
    cache: DerivedCache = NO_CACHE,
  ) {
    const tables = cache.get("language-statistics", () => LanguageDetector.statistics(texts, ignoredWords, ambiguousWords, weights));
    this.markers = new Map(tables.markers);
    this.learned = new Map(tables.learned);
  }

  /** The markers and the learned weights, as entries. */
  private static statistics(texts: Readonly<Record<Language, Iterable<string>>>, ignoredWords: ReadonlySet<string>, ambiguousWords: ReadonlySet<string>, weights: Weights) {
    const markers = new Map<string, Cue>();
    const learned = new Map<string, Readonly<Record<Language, number>>>();
    for (const code of ISO_3166_ALPHA2) {
      const names = perLanguage((language) => countryNames(code, language).flatMap(tokenize));
      for (const language of LANGUAGES) {
        for (const word of names[language]) {
          // "U.S.A." is no reason to read the Italian "a" as English.
          if (word.length < 2) continue;
          const elsewhere = LANGUAGES.some((other) => other !== language && names[other].includes(word));
          if (!elsewhere && !ambiguousWords.has(word)) markers.set(word, { language, weight: weights.marker });
        }
      }
    }
    // Marker words come after country names: when a word is both, the marker says more.
    for (const language of LANGUAGES) for (const word of LANGUAGE_PACKS[language].markers) markers.set(word, { language, weight: weights.marker });

    const counts = perLanguage((language) => {
      const perWord = new Map<string, number>();
      let total = 0;
      for (const text of texts[language]) {
        for (const word of tokenize(text)) {
          if (ignoredWords.has(word) || /^\d+$/.test(word)) continue;
          perWord.set(word, (perWord.get(word) ?? 0) + 1);
          total++;
        }
      }
      return { perWord, total };
    });
    const vocabulary = new Set(LANGUAGES.flatMap((language) => [...counts[language].perWord.keys()]));
    const isMarker = new Set(LANGUAGES.flatMap((language) => LANGUAGE_PACKS[language].markers));
    for (const word of vocabulary) {
      const seen = LANGUAGES.reduce((sum, language) => sum + (counts[language].perWord.get(word) ?? 0), 0);
      if (seen < weights.minOccurrences || isMarker.has(word) || ambiguousWords.has(word)) continue;
      // Add-one smoothed log frequency in each language, against their mean: with two languages,
      // each gets half the log ratio, so the lead of one over the other is the ratio itself.
      const logs = perLanguage((language) => Math.log(((counts[language].perWord.get(word) ?? 0) + 1) / (counts[language].total + vocabulary.size)));
      const mean = LANGUAGES.reduce((sum, language) => sum + logs[language], 0) / LANGUAGES.length;
      // A word seen a handful of times must not outvote a marker word: its evidence is capped.
      const cap = weights.learnedLeadCap / 2;
      learned.set(word, perLanguage((language) => Math.max(-cap, Math.min(cap, logs[language] - mean))));
    }
    return { markers: [...markers], learned: [...learned] };
  }

  /**
   * Each word's evidence for each language (null: none), kept across messages (bounded, cleared
   * whole when full): looking a word up in a dictionary of 275,000 words is a binary search over a
   * dozen cold cache lines, for words chat repeats. A language the word says nothing about gets
   * 0, which leaves its score as it was.
   */
  private readonly evidence = new Map<string, Readonly<Record<Language, number>> | null>();

  private evidenceOf(word: string): Readonly<Record<Language, number>> | null {
    let evidence = this.evidence.get(word);
    if (evidence === undefined) {
      evidence = this.readEvidence(word);
      if (this.evidence.size >= EVIDENCE_LIMIT) this.evidence.clear();
      this.evidence.set(word, evidence);
    }
    return evidence;
  }

  private readEvidence(word: string): Readonly<Record<Language, number>> | null {
    // Product names ("Xiaomi Pay", "Mi Cloud") are the same in every language.
    if (this.ignoredWords.has(word)) return null;
    const marker = this.markers.get(word);
    if (marker) return perLanguage((language) => (language === marker.language ? marker.weight : 0));
    const learned = this.learned.get(word);
    if (learned) return learned;
    if (word.length <= 2 || this.ambiguousWords.has(word)) return null;
    const found = LANGUAGES.filter((language) => this.dictionaries[language]?.has(word));
    return found.length === 0 ? null : perLanguage((language) => (found.includes(language) ? this.weights.dictionary : 0));
  }

  /**
   * @param tieMargin the lead the text needs over a hint (the platform's locale, the conversation's language)
   * @param defaultTieMargin the lead it needs over the default, when there is no hint
   */
  detect(words: readonly string[], rawText: string, hint: Language | undefined, tieMargin: number, fallback: Language, defaultTieMargin = tieMargin): LanguageGuess {
    const scores = perLanguage((language) => (LANGUAGE_PACKS[language].accents?.test(rawText) ? this.weights.accent : 0));
    // "su" in "SU7" is not Italian.
    const models = modelLetters(rawText);
    for (const word of words) {
      if (models?.has(word)) continue;
      const evidence = this.evidenceOf(word);
      if (evidence) for (const language of LANGUAGES) scores[language] += evidence[language];
    }
    // The two best, the earlier language first on a tie (as a stable sort would give them): a
    // sort's work arrays were most of what reading a language allocated.
    let first: Language = LANGUAGES[0]!;
    for (const language of LANGUAGES) if (scores[language] > scores[first]) first = language;
    let second: Language | undefined;
    for (const language of LANGUAGES) if (language !== first && (second === undefined || scores[language] > scores[second])) second = language;
    const margin = scores[first] - (second === undefined ? 0 : scores[second]);
    if (margin >= (hint === undefined ? defaultTieMargin : tieMargin)) return { language: first, scores, margin, decidedBy: "text" };
    // Within the margin the text does not decide: "Xiaomi Pay in Russia" reads the same in both.
    if (hint) return { language: hint, scores, margin: 0, decidedBy: "hint" };
    return { language: fallback, scores, margin: 0, decidedBy: "default" };
  }
}

/** Reads a platform locale ("it", "it-IT", "en-GB", "pt-BR") as a hint; a language without a pack gives none. */
export function localeToLanguage(locale: string | undefined): Language | undefined {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary);
}
