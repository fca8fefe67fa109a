/** The language packs, one per language in LANGUAGES: a language missing its pack does not compile. */
import { LANGUAGES, type Language } from "./codes.js";
import { english } from "./en.js";
import { italian } from "./it.js";
import type { LanguagePack } from "./pack.js";

export const LANGUAGE_PACKS: Readonly<Record<Language, LanguagePack>> = { it: italian, en: english };

/** Every pack's words of one kind, for readers that do not need to know which language they are in. */
export function wordsOfAllPacks(pick: (pack: LanguagePack) => readonly string[]): Set<string> {
  return new Set(Object.values(LANGUAGE_PACKS).flatMap(pick));
}

/**
 * Finds, as whole words, any phrase of one kind in any pack ("qui", "over here", "i m in");
 * `between` is what may stand between a phrase's words, in the regex's own syntax.
 */
export function phraseFinder(pick: (pack: LanguagePack) => readonly string[], between = " "): RegExp {
  const phrases = [...wordsOfAllPacks(pick)].map((phrase) => phrase.split(" ").join(between));
  return new RegExp(`(?<![\\p{L}])(?:${phrases.join("|")})(?![\\p{L}])`, "giu");
}

/** One value per language, built from its code. */
export function perLanguage<T>(make: (language: Language) => T): Record<Language, T> {
  // Built by assignment, not Object.fromEntries: it runs several times per message (scores, stems).
  const values = {} as Record<Language, T>;
  for (const language of LANGUAGES) values[language] = make(language);
  return values;
}

export type { ComposerTexts, DateMeaning, LanguagePack } from "./pack.js";
