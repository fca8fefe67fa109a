import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FuzzyLexicon, editDistanceWithin } from "../../src/core/fuzzy-lexicon.js";
import { unstretched } from "../../src/core/normalize.js";

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

  it("GIVEN a typo as near to a shorter key as to a longer one ('austrlia') THEN the longer: a letter left out, not one added", () => {
    const countries = new FuzzyLexicon<string>();
    countries.add("austria", "AT");
    countries.add("australia", "AU");
    expect(countries.find("austrlia")).toMatchObject({ value: "AU", distance: 1 });
    expect(countries.find("austia")).toMatchObject({ value: "AT", distance: 1 });
  });

  it("GIVEN a digit where a key has a letter ('xiaoa1', a model 'yu7' glued to 'in') THEN finds nothing: a digit is no typo", () => {
    expect(lexicon.find("xiaoa1")).toBeUndefined();
    expect(lexicon.find("mipa7")).toBeUndefined();
  });
});

describe("FuzzyLexicon with keys too short for a typo", () => {
  const countries = new FuzzyLexicon<string>(6, 5);
  countries.add("italy", "IT");
  countries.add("india", "IN");

  it("GIVEN two neighbouring letters swapped THEN finds the key; GIVEN any other typo THEN nothing", () => {
    expect(countries.find("itlay")).toMatchObject({ key: "italy", value: "IT", distance: 1 });
    expect(countries.find("inida")).toMatchObject({ value: "IN", distance: 1 });
    expect(countries.find("indie")).toBeUndefined();
    expect(countries.find("itali")).toBeUndefined();
  });

  it("GIVEN a key's last letter stretched ('indiaaa') THEN finds the key, one edit away; GIVEN a doubled letter inside ('inddia') THEN nothing", () => {
    expect(countries.find("indiaaa")).toMatchObject({ key: "india", value: "IN", distance: 1 });
    expect(countries.find("italyy")).toMatchObject({ key: "italy", value: "IT", distance: 1 });
    expect(countries.find("inddia")).toBeUndefined();
  });
});

describe("FuzzyLexicon's filters", () => {
  it("GIVEN any keys and any lookup THEN finds what comparing every same-initial key of a close length finds", () => {
    const word = fc.string({ unit: fc.constantFrom(..."aioxmcè"), minLength: 1, maxLength: 13 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), word, (keys, key) => {
        const lexicon = new FuzzyLexicon<number>(4);
        keys.forEach((k, i) => lexicon.add(k, i));
        expect(lexicon.find(key)).toEqual(bruteForceFind(keys, key, 4));
      }),
      { numRuns: 3000 },
    );
  });
});

/** FuzzyLexicon.find written plainly: the reference its length, letter and memo shortcuts must agree with. */
function bruteForceFind(keys: string[], key: string, fuzzyMinLength: number) {
  const exact = new Map<string, number>();
  for (const [i, k] of keys.entries()) if (k !== "" && !exact.has(k)) exact.set(k, i);
  if (exact.has(key)) return { key, value: exact.get(key), distance: 0 };
  // "Chinaa": a stretched last letter read without it, whatever the key's length.
  const withoutStretch = unstretched(key);
  if (withoutStretch !== key && exact.has(withoutStretch)) return { key: withoutStretch, value: exact.get(withoutStretch), distance: 1 };
  let best: { key: string; value: number; distance: number } | undefined;
  // Nearest lengths first, the longer of two as near: a letter left out before one added.
  for (const length of [0, 1, -1, 2, -2].map((offset) => key.length + offset)) {
    for (const candidate of exact.keys()) {
      if (candidate.length !== length || candidate.length < fuzzyMinLength || candidate[0] !== key[0] || key.length < fuzzyMinLength - 1) continue;
      const budget = Math.min(candidate.length <= 3 ? 0 : candidate.length <= 9 ? 1 : 2, best ? best.distance - 1 : Infinity);
      if (budget < Math.abs(candidate.length - key.length) || budget < 1) continue;
      const distance = fullDistance(key, candidate);
      if (distance <= budget) best = { key: candidate, value: exact.get(candidate)!, distance };
    }
  }
  return best;
}
