import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flagRegionCodes, foldUnicode, isShouted, normalize, wordCount, words } from "../../src/core/normalize.js";
import { STEMMERS } from "../../src/core/stemmer.js";

describe("normalize", () => {
  it.each([
    ["Cos'è  XIAOMI Pay??", "cos e xiaomi pay"],
    ["Perché Mi Pay non c'è in Italia? 🤔🇮🇹", "perche mi pay non c e in italia"],
    ["  mi   cloud\t\nbackup  ", "mi cloud backup"],
    ["Ｍｉ Ｐａｙ", "mi pay"],
    ["5GB gratis", "5 gb gratis"],
    ["Mi5 e Redmi Note7", "mi 5 e redmi note 7"],
    ["<b>Youpin</b> & co.", "b youpin b co"],
    ["小爱同学 è XiaoAI", "小爱同学 e xiaoai"],
    ["🙂🙂🙂", ""],
    ["", ""],
  ])("GIVEN %j THEN reads %j", (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe("words", () => {
  it("GIVEN capitals THEN marks short codes as capitalised, not ordinary words", () => {
    expect(words("Xiaomi usa IT e USA")).toEqual([
      { text: "xiaomi", capitalised: false },
      { text: "usa", capitalised: false },
      { text: "it", capitalised: true },
      { text: "e", capitalised: false },
      { text: "usa", capitalised: true },
    ]);
  });

  it("GIVEN a shouted message THEN recognises it as shouting", () => {
    expect(isShouted("MI PAY FUNZIONA IN ITALIA??")).toBe(true);
    expect(isShouted("Mi Pay in IT?")).toBe(false);
  });
});

describe("flagRegionCodes", () => {
  it.each([
    ["Mi Pay 🇮🇹?", ["IT"]],
    ["🇩🇪 e 🇫🇷", ["DE", "FR"]],
    ["🇪🇺", ["EU"]],
    ["nessuna bandiera 🙂", []],
  ])("GIVEN %j THEN finds %j", (input, expected) => {
    expect(flagRegionCodes(input)).toEqual(expected);
  });
});

describe("stemming", () => {
  it.each([
    ["it", ["funziona", "funzionano", "funzionare"]],
    ["it", ["carta", "carte"]],
    ["it", ["pagare", "pagamenti", "pagato"]],
    ["en", ["works", "working", "worked"]],
    ["en", ["payments", "payment"]],
    ["en", ["available", "availability"]],
  ] as const)("GIVEN %s inflections %j THEN all read as one term", (language, forms) => {
    expect(new Set(forms.map((form) => STEMMERS[language](form))).size).toBe(1);
  });

  it("GIVEN 'assistenza' (support, repairs) THEN not read as 'assistente' (the assistant), while both keep their plurals", () => {
    expect(STEMMERS.it("assistenza")).not.toBe(STEMMERS.it("assistente"));
    expect(STEMMERS.it("assistenze")).toBe(STEMMERS.it("assistenza"));
    expect(STEMMERS.it("assistenti")).toBe(STEMMERS.it("assistente"));
  });

  it("GIVEN a short word THEN keeps it whole", () => {
    expect(STEMMERS.en("pay")).toBe("pay");
    expect(STEMMERS.it("nfc")).toBe("nfc");
  });
});

describe("the ASCII fast path", () => {
  it("GIVEN any ASCII text THEN words and shouting read exactly as the full Unicode pipeline does", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aZ09 -_'?!.,\t\n/:@#<>&;x5MiPay"), maxLength: 80 }), fc.string({ unit: "binary-ascii", maxLength: 40 }), (typed, noise) => {
        for (const text of [typed, noise, typed + noise]) {
          expect(normalize(text)).toBe(foldUnicode(text).toLowerCase());
          expect(isShouted(text)).toBe(shoutedByCaseMapping(text));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("GIVEN any code point, alone or between letters and digits THEN the per-code-point path reads as the Unicode pipeline does", () => {
    const mismatches: string[] = [];
    for (let codePoint = 0x80; codePoint <= 0x10ffff; codePoint += codePoint < 0x30000 ? 1 : 97) {
      const ch = String.fromCodePoint(codePoint);
      for (const text of [ch, `a${ch}b`, `1${ch}2`, `x${ch}${ch}9 è`]) {
        if (normalize(text) !== foldUnicode(text).toLowerCase()) mismatches.push(codePoint.toString(16));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("GIVEN any text THEN words and normalize read exactly as the full Unicode pipeline does", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aZ09 -'?.,èÈéàù’“”…–ﬁ½²ÅǅΣς👋🏽🇮🇹\u0301\ud800x"), maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), (typed, noise) => {
        for (const text of [typed, noise, typed + noise]) {
          expect(normalize(text)).toBe(foldUnicode(text).toLowerCase());
          const folded = foldUnicode(text);
          expect(words(text).map((w) => w.text)).toEqual(folded === "" ? [] : folded.split(" ").map((w) => w.toLowerCase()));
          expect(wordCount(text)).toBe(words(text).length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** The definition the fast path must agree with: letters are what case mapping changes. */
function shoutedByCaseMapping(text: string): boolean {
  const letters = [...text].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  const upper = letters.filter((ch) => ch === ch.toUpperCase()).length;
  return letters.length >= 6 && upper / letters.length > 0.6;
}
