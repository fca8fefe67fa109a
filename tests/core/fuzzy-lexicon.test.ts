import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FuzzyLexicon, editDistanceWithin } from "../../src/core/fuzzy-lexicon.js";

describe("editDistanceWithin", () => {
  it.each([
    ["xiaoai", "xaioai", 1],
    ["micloud", "miclud", 1],
    ["mipay", "mipya", 1],
    ["youpin", "youpim", 1],
    ["disponibile", "dispnibil", 2],
  ])("GIVEN %s and %s THEN distance is %i", (a, b, distance) => {
    expect(editDistanceWithin(a, b, 2)).toBe(distance);
  });

  it("GIVEN words further apart than the bound THEN gives up", () => {
    expect(editDistanceWithin("youpin", "youtube", 2)).toBeNull();
    expect(editDistanceWithin("mi", "micloud", 3)).toBeNull();
  });

  it("GIVEN any two short words THEN agrees with the full optimal-string-alignment table", () => {
    const word = fc.string({ unit: fc.constantFrom(..."aioxmc"), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const distance = fullDistance(a, b);
        expect(editDistanceWithin(a, b, max)).toBe(distance <= max ? distance : null);
      }),
      { numRuns: 3000 },
    );
  });
});

/** The textbook table, every cell computed: the reference the banded version must agree with. */
function fullDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      table[i]![j] = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) table[i]![j] = Math.min(table[i]![j]!, table[i - 2]![j - 2]! + 1);
    }
  }
  return table[a.length]![b.length]!;
}

describe("FuzzyLexicon", () => {
  const lexicon = new FuzzyLexicon<string>();
  for (const [key, value] of [["xiaoai", "xiaoai"], ["xiaomi", "xiaomi"], ["micloud", "mi-cloud"], ["mipay", "mi-pay"]] as const) {
    lexicon.add(key, value);
  }

  it.each([
    ["xaioai", "xiaoai", 1],
    ["xioami", "xiaomi", 1],
    ["miclud", "mi-cloud", 1],
    ["xiaomi", "xiaomi", 0],
  ])("GIVEN %s THEN finds %s at distance %i", (key, value, distance) => {
    expect(lexicon.find(key)).toMatchObject({ value, distance });
  });

  it("GIVEN a short or unrelated word THEN finds nothing", () => {
    expect(lexicon.find("mip")).toBeUndefined(); // too short to trust as a typo
    expect(lexicon.find("youtube")).toBeUndefined();
  });
});
