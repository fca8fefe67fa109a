import { describe, expect, it } from "vitest";
import { QuestionKeys } from "../../src/adapters/shared/question-keys.js";

describe("QuestionKeys", () => {
  it("GIVEN a short question THEN the button carries it and works after a restart", () => {
    const data = new QuestionKeys(64).keyFor("cos'è Youpin?");
    expect(new QuestionKeys(64).questionFor(data)).toBe("cos'è Youpin?");
  });

  it("GIVEN a question over the limit (64 bytes here) THEN the button carries a short key the same process resolves", () => {
    const keys = new QuestionKeys(64);
    const question = "Xiaomi Pay è disponibile sugli smartwatch Xiaomi venduti in Italia con carte Nexi?";
    const data = keys.keyFor(question);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(keys.questionFor(data)).toBe(question);
    expect(new QuestionKeys(64).questionFor(data)).toBeUndefined();
    expect(keys.questionFor("something else")).toBeUndefined();
  });

  it("GIVEN more long questions than it keeps THEN forgets the oldest first", () => {
    const keys = new QuestionKeys(64, 2);
    const long = (n: number) => `${"a very long question about Xiaomi services ".repeat(2)}${n}`;
    const data = [1, 2, 3].map((n) => keys.keyFor(long(n)));
    expect(keys.questionFor(data[0]!)).toBeUndefined();
    expect(keys.questionFor(data[2]!)).toBe(long(3));
  });
});
