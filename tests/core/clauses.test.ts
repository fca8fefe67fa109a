import { describe, expect, it } from "vitest";
import { clauses } from "../../src/core/clauses.js";

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
});
