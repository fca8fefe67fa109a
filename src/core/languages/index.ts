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

/** One value per language, built from its code. */
export function perLanguage<T>(make: (language: Language) => T): Record<Language, T> {
  return Object.fromEntries(LANGUAGES.map((language) => [language, make(language)])) as Record<Language, T>;
}

export type { ComposerTexts, DateMeaning, LanguagePack } from "./pack.js";
