import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedWordList } from "../../src/core/word-list.js";

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
