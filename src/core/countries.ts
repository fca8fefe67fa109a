/**
 * Every ISO 3166-1 country with its Italian and English names, from the i18n-iso-countries
 * dataset (kept up to date upstream, with the common alternative names: "USA", "Czechia",
 * "The Netherlands"), plus the names Node's ICU gives, which add forms like "Stati Uniti".
 * Curated names, adjectives and demonyms ("olandese", "Holland") live in data/regions.json.
 */
import { LANGUAGE_PACKS, perLanguage } from "./languages/index.js";
import type { Language } from "./schema.js";

export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set(Object.keys(LANGUAGE_PACKS.en.countryNames));

/**
 * The names a country goes by in a language. The dataset's formal forms are split into what
 * people write: "Moldova, Republic of" → "Moldova"; "Holy See (Vatican City State)" → "Holy See",
 * "Vatican City State".
 */
export function countryNames(code: string, language: Language): string[] {
  const listed = LANGUAGE_PACKS[language].countryNames[code];
  const names = new Set<string>();
  for (const name of listed === undefined ? [] : Array.isArray(listed) ? listed : [listed]) {
    const [beforeComma = name] = name.split(",");
    const outside = beforeComma.replace(/\(.*?\)/g, "").trim();
    if (outside !== "") names.add(outside);
    for (const [, inside] of name.matchAll(/\((.*?)\)/g)) if (inside && !/\bof\b|\bdi\b/.test(inside)) names.add(inside.trim());
  }
  const icu = DISPLAY_NAMES[language].of(code);
  if (icu && icu !== code) names.add(icu);
  return [...names];
}

const DISPLAY_NAMES: Record<Language, Intl.DisplayNames> = perLanguage((language) => new Intl.DisplayNames([language], { type: "region" }));

/** The name an answer uses for a country: the dataset's first (usual) name. */
export function countryName(code: string, language: Language): string {
  return DISPLAY_NAMES[language].of(code) ?? countryNames(code, language)[0] ?? code;
}

/** Members of the European Union (since 2020), for "Europe" facts and for what is known nearby. */
export const EU_MEMBERS: ReadonlySet<string> = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "),
);
