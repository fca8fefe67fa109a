import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonWordList, SortedWordList } from "../../src/core/word-list.js";

describe("a sorted word list", () => {
  it("GIVEN any sorted list THEN finds exactly its words, like a Set", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6 })), fc.array(fc.string({ maxLength: 6 })), (words, probes) => {
        const sorted = [...words].sort();
        const list = new SortedWordList(sorted);
        const set = new Set(words);
        for (const word of [...words, ...probes]) expect(list.has(word)).toBe(set.has(word));
      }),
    );
  });
});

describe("a sorted word list searched in its JSON text", () => {
  const sortedJson = (words: string[]) => JSON.stringify([...words].sort());

  it("GIVEN any sorted list of plain words written as compact JSON THEN finds exactly its words, like a Set", () => {
    const word = fc.stringMatching(/^[a-c']{0,5}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1 }), fc.array(word), (words, probes) => {
        const list = JsonWordList.parse(sortedJson(words));
        expect(list).toBeDefined();
        const set = new Set(words);
        for (const probe of [...words, ...probes]) expect(list!.has(probe)).toBe(set.has(probe));
      }),
    );
  });

  it("GIVEN words holding commas and brackets THEN never mistakes them for separators: finds exactly its words, or declines the text", () => {
    const word = fc.stringMatching(/^[ab,[\]]{0,4}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1 }), fc.array(word), (words, probes) => {
        const list = JsonWordList.parse(sortedJson(words));
        if (words.includes(",")) expect(list).toBeUndefined();
        if (list === undefined) return;
        const set = new Set(words);
        for (const probe of [...words, ...probes]) expect(list.has(probe)).toBe(set.has(probe));
      }),
    );
  });

  it("GIVEN JSON it cannot search as text (pretty-printed, escapes, the word \",\", not a list of strings) THEN declines it", () => {
    for (const text of ['["a", "b"]', '[\n  "a",\n  "b"\n]', sortedJson(["a\\b", "c"]), sortedJson(['a"b']), sortedJson([",", "a"]), "[]", '["]', "{}", '[1,"a"]']) {
      expect(JsonWordList.parse(text)).toBeUndefined();
    }
    expect(JsonWordList.parse('["a","b"]\n')?.has("b")).toBe(true);
  });
});
