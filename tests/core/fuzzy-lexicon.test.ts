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
});

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
