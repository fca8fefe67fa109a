/**
 * What createAssistant derives from the knowledge alone (every phrasing's terms, the words the
 * knowledge uses, the language statistics, each topic's traits) is the same at every start while
 * the knowledge, the code and the options are. Deriving it is most of the start-up's cost, so a
 * caller that starts often hands a cache that keeps it between processes (the ask command, see
 * src/knowledge/knowledge-cache.ts). The core stays pure: it only names each value and says how
 * to derive it.
 */
import { icuNamesSoFar, rememberIcuNames } from "./countries.js";
import type { Language, QuestionType } from "./schema.js";
import type { TopicTraits } from "./slots.js";
import { rememberStems, stemInEveryLanguage, stemsSoFar } from "./stemmer.js";

export interface DerivedCache {
  /**
   * The value kept under `key`, else `derive()`'s, then kept. Values must come back equal through
   * JSON (arrays, plain objects, strings, booleans, finite numbers): a cache may keep them as JSON.
   */
  get<T>(key: string, derive: () => T): T;
}

/** Derives every value afresh. */
export const NO_CACHE: DerivedCache = { get: (_key, derive) => derive() };

/** The same cache with every key suffixed by `scope` (the options the values depend on). */
export function scoped(cache: DerivedCache, scope: string): DerivedCache {
  return cache === NO_CACHE ? cache : { get: (key, derive) => cache.get(`${key} ${scope}`, derive) };
}

type StoredTraits = Array<[string, { regions: string[]; types: QuestionType[]; mentions: string[]; keywords: string[]; anyTypes: QuestionType[] }]>;

/** Topic traits as JSON: their sets as arrays, in the same order. */
export function storeTraits(traits: ReadonlyMap<string, TopicTraits>): StoredTraits {
  return [...traits].map(([id, { regions, types, mentions, keywords, anyTypes }]) => [
    id,
    { regions: [...regions], types: [...types], mentions: [...mentions], keywords: [...keywords], anyTypes: [...anyTypes] },
  ]);
}

export function restoreTraits(stored: StoredTraits): Map<string, TopicTraits> {
  return new Map(
    stored.map(([id, { regions, types, mentions, keywords, anyTypes }]) => [
      id,
      { regions: new Set(regions), types: new Set(types), mentions: new Set(mentions), keywords: new Set(keywords), anyTypes: new Set(anyTypes) },
    ]),
  );
}

/**
 * What the core's pure functions have remembered so far (stems, ICU's country names): a start-up
 * cache keeps it beside the derived values, so the next start neither warms the Snowball stemmers
 * nor creates ICU's formatters to build its index. Remembered answers are the functions' own, so
 * they change no result, as long as the code is the same (the cache's key).
 */
export interface Remembered {
  stems: Record<Language, Array<[string, string]>>;
  icuNames: Array<[string, string | null]>;
}

/** What is remembered so far, with the stems of every word in every language (see stemInEveryLanguage). */
export function rememberedSoFar(): Remembered {
  stemInEveryLanguage();
  return { stems: stemsSoFar(), icuNames: icuNamesSoFar() };
}

export function remember(remembered: Remembered): void {
  rememberStems(remembered.stems);
  rememberIcuNames(remembered.icuNames);
}
