import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGLISH_WORDS as CORE_DICTIONARY, ITALIAN_WORDS as CORE_ITALIAN } from "../../src/core/word-list.js";
import { JsonWordList } from "../../src/core/word-list.js";
import { ENGLISH_WORDS, writeSortedItalianWords } from "../../src/knowledge/dictionaries.js";
import { CACHE_DIR } from "../../src/operations/start-up-cache.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";

describe("the English dictionary", () => {
  const shipped: string[] = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("an-array-of-english-words"), "utf8"));

  it("GIVEN the package's list THEN has exactly its words, searched in the text as shipped", () => {
    const set = new Set(shipped);
    const probes = [...shipped.filter((_, i) => i % 97 === 0), "", "a", "zzzs", "zzzz", "charge", "fees", "xiaomi", "funziona", "availabel", "Charge", "aaa"];
    for (const word of probes) expect(ENGLISH_WORDS.has(word)).toBe(set.has(word));
    for (const word of shipped.filter((_, i) => i % 1009 === 0)) {
      expect(ENGLISH_WORDS.has(`${word}q`)).toBe(set.has(`${word}q`));
      expect(ENGLISH_WORDS.has(word.slice(0, -1))).toBe(set.has(word.slice(0, -1)));
    }
  });

  it("GIVEN knowledge loaded from data/ THEN the core consults the dictionary", () => {
    loadKnowledge();
    expect(CORE_DICTIONARY.has("charge")).toBe(true);
    expect(CORE_DICTIONARY.has("availabel")).toBe(false);
  });
});

describe("the Italian word list", () => {
  it("GIVEN the sorted copy the build writes THEN it has exactly the package's words, searched in place", () => {
    writeSortedItalianWords();
    const shipped: string[] = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("an-array-of-italian-words"), "utf8"));
    const version = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("an-array-of-italian-words/package.json"), "utf8")) as { version: string }).version;
    const sorted = JsonWordList.parse(readFileSync(join(CACHE_DIR, `italian-words-${version}.json`), "utf8"));
    expect(sorted).toBeDefined();
    const set = new Set(shipped);
    for (const word of [...shipped.filter((_, i) => i % 53 === 0), "", "cechia", "itlaia", "zzzz", "Cerchia"]) expect(sorted!.has(word)).toBe(set.has(word));
    for (const word of shipped.filter((_, i) => i % 1009 === 0)) expect(sorted!.has(`${word}q`)).toBe(set.has(`${word}q`));
  });

  it("GIVEN knowledge loaded from data/ THEN the core consults it: everyday words are there, typos are not", () => {
    loadKnowledge();
    expect(CORE_ITALIAN.has("cerchia")).toBe(true);
    expect(CORE_ITALIAN.has("cerca")).toBe(true);
    expect(CORE_ITALIAN.has("cechia")).toBe(false);
    expect(CORE_ITALIAN.has("itlaia")).toBe(false);
  });
});
