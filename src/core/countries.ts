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
  const icu = icuName(code, language);
  if (icu && icu !== code) names.add(icu);
  return [...names];
}

let displayNames: Record<Language, Intl.DisplayNames> | undefined;
/** ICU's names by "language:code" (null: none). */
const ICU_NAMES = new Map<string, string | null>();

/**
 * ICU's name of a region, remembered: creating ICU's formatters costs ~20 ms, so they are created
 * on the first name not remembered, and a start-up cache keeps the names (see derived-cache.ts).
 */
function icuName(code: string, language: Language): string | undefined {
  const key = `${language}:${code}`;
  let name = ICU_NAMES.get(key);
  if (name === undefined) {
    displayNames ??= perLanguage((each) => new Intl.DisplayNames([each], { type: "region" }));
    name = displayNames[language].of(code) ?? null;
    ICU_NAMES.set(key, name);
  }
  return name ?? undefined;
}

/** The ICU names given so far, for a start-up cache. */
export function icuNamesSoFar(): Array<[string, string | null]> {
  return [...ICU_NAMES];
}

/** ICU names as icuNamesSoFar gave them (same code, same Node): taken as given. */
export function rememberIcuNames(names: ReadonlyArray<[string, string | null]>): void {
  for (const [key, name] of names) ICU_NAMES.set(key, name);
}

/** The name an answer uses for a country: the dataset's first (usual) name. */
export function countryName(code: string, language: Language): string {
  return icuName(code, language) ?? countryNames(code, language)[0] ?? code;
}

/** Members of the European Union (since 2020), for "Europe" facts and for what is known nearby. */
export const EU_MEMBERS: ReadonlySet<string> = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "),
);

/**
 * Every country wholly in Europe, EU or not (Russia and Turkey, across two continents, aside):
 * "not in Europe" holds for the United Kingdom and Switzerland too.
 */
export const EUROPEAN_COUNTRIES: ReadonlySet<string> = new Set([...EU_MEMBERS, ..."GB CH NO IS LI AD MC SM VA AL BA ME MK RS UA MD BY".split(" ")]);
