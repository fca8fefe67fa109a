/**
 * Whatever a user types — up to 10,000 characters of control characters, emoji, right-to-left
 * text, markup, or plain noise — `ask` returns a valid Answer and never throws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnswerSchema } from "../../src/core/schema.js";
import { assistant } from "../fixtures/assistant.js";
import { messages } from "../fuzz/arbitrary-messages.js";


describe("ask", () => {
  it("GIVEN any text up to 10,000 characters THEN returns a valid Answer", () => {
    fc.assert(
      fc.property(messages, fc.option(fc.constantFrom("it", "en", "it-IT", "pt-BR", "", "xx"), { nil: undefined }), (question, locale) => {
        const answer = assistant.ask(question, locale === undefined ? {} : { locale });
        expect(AnswerSchema.safeParse(answer).success).toBe(true);
        expect(answer.question).toBe(question);
        expect(answer.matched).toBe(answer.kind !== "fallback");
      }),
      { numRuns: 1500 },
    );
    // 1,500 generated messages of up to 10,000 characters: seconds of work on a shared CI core.
  }, 60_000);

  it("GIVEN any text after any earlier turn THEN converse returns a valid Answer, a context to keep, and never throws", () => {
    const contexts = fc.option(
      fc.record(
        {
          service: fc.constantFrom("mi-pay", "xiaoai", "youpin", "mi-cloud", "xiaomi"),
          region: fc.constantFrom("IT", "GR", "EU", "CN", "ZZ"),
          questionType: fc.constantFrom("availability", "why", "history", "banks-cards", "what-is"),
          topic: fc.string({ maxLength: 20 }),
          language: fc.constantFrom("it", "en"),
        },
        { requiredKeys: ["language"] },
      ),
      { nil: null },
    );
    fc.assert(
      fc.property(messages, contexts, (question, context) => {
        const turn = assistant.converse(question, context as Parameters<typeof assistant.converse>[1]);
        expect(AnswerSchema.safeParse(turn.answer).success).toBe(true);
        expect(turn.answer.question).toBe(question);
        if (turn.answer.kind === "fallback") expect(turn.context).toBeNull();
        expect(JSON.parse(JSON.stringify(turn.context))).toEqual(turn.context);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it("GIVEN any text THEN explain agrees with ask", () => {
    fc.assert(
      fc.property(messages, (question) => {
        expect(assistant.explain(question).answer).toEqual(assistant.ask(question));
      }),
      { numRuns: 300 },
    );
  });
});
