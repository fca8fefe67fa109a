import { describe, expect, it } from "vitest";
import { clauses, questionsIn, sentences, turns } from "../../src/core/clauses.js";

describe("clauses", () => {
  it("GIVEN a chatty message THEN cuts it at its punctuation and marks the clauses that ask", () => {
    expect(clauses("ciao a tutti! ho la band 6 nfc, funziona in Grecia? grazie")).toEqual([
      { text: "ciao a tutti", asks: false },
      { text: "ho la band 6 nfc", asks: false },
      { text: "funziona in Grecia", asks: true },
      { text: "grazie", asks: false },
    ]);
  });

  it("GIVEN a version number or an address THEN keeps it in one clause", () => {
    expect(clauses("HyperOS 2.2 su i.mi.com?")).toEqual([{ text: "HyperOS 2.2 su i.mi.com", asks: true }]);
  });

  it("GIVEN a last sentence that opens as a question without its mark THEN it asks too, beside the marked one", () => {
    const said = sentences("my cousin buys stuff on some app, youpin i think? super cheap. im in milan. is there any way for me to use it or is it china only");
    expect(questionsIn(said).map((sentence) => sentence.text)).toEqual(["my cousin buys stuff on some app, youpin i think", "is there any way for me to use it or is it china only"]);
    expect(questionsIn(sentences("funziona in Grecia? grazie mille")).map((sentence) => sentence.text)).toEqual(["funziona in Grecia"]);
  });

  it("GIVEN no question mark and a last sentence reporting what someone heard THEN the sentence before it asks; GIVEN no sentence at all THEN none asks", () => {
    expect(questionsIn(sentences("xiaoai parla italiano 🙂 mi hanno detto che il televisore di mio zio risponde solo in cinese")).map((sentence) => sentence.text)).toEqual(["xiaoai parla italiano 🙂"]);
    expect(questionsIn(sentences(""))).toEqual([]);
  });

  it("GIVEN no question mark and a sentence before the last opening a question ('volevo sapere se…') THEN it asks, beside the last", () => {
    const said = sentences("ho un redmi e volevo sapere se il cloud fa il backup dei messaggi... il mio vecchio samsung lo faceva da solo");
    expect(questionsIn(said).map((sentence) => sentence.text)).toEqual(["ho un redmi e volevo sapere se il cloud fa il backup dei messaggi", "il mio vecchio samsung lo faceva da solo"]);
    expect(questionsIn(sentences("ho un redmi. il cloud fa il backup dei messaggi")).map((sentence) => sentence.text)).toEqual(["il cloud fa il backup dei messaggi"]);
  });

  it("GIVEN a clause that turns ('…right place but when did…') THEN cut where it turns, the turning word dropped or, when asked, opening the part after it", () => {
    const turning = new Set(["but", "ma"]);
    expect(turns("not sure this is the right place but when did xiaoai come out", turning)).toEqual(["not sure this is the right place ", " when did xiaoai come out"]);
    expect(turns("not sure this is the right place but when did xiaoai come out", turning, true)).toEqual(["not sure this is the right place ", "but when did xiaoai come out"]);
  });

  it("GIVEN an emoji between two sentences THEN it ends the first, as a full stop would, and stays with it; a flag ends nothing", () => {
    expect(sentences("la band mi è caduta 😭 sapete dove la riparano?")).toEqual([
      { text: "la band mi è caduta 😭", asks: false },
      { text: "sapete dove la riparano", asks: true },
    ]);
    expect(sentences("vivo a Lecce 🇮🇹 youpin c'è?")).toEqual([{ text: "vivo a Lecce 🇮🇹 youpin c'è", asks: true }]);
    expect(sentences("ho xiaomi pay (uso la band 😅) funziona?")).toEqual([{ text: "ho xiaomi pay (uso la band 😅) funziona", asks: true }]);
  });
});
