/**
 * Whatever a user types — up to 10,000 characters of control characters, emoji, right-to-left
 * text, markup, or plain noise — `ask` returns a valid Answer and never throws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnswerSchema, createAssistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const assistant = createAssistant(loadKnowledge());

const pieces = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "Mi Pay", "xiaomi pay", "🇮🇹", "🇪🇺", "\u202Eرسالة\u202C", "שלום", "<b>", "</a>", "<a href=\"javascript:x\">", "&amp;",
    "@everyone", "```", "\u0000", "\u200B", "\uFEFF", "\uD800", "Italia", "USA", "IT", "?", "🤔", "e\u0301", "\r\n", "\t",
    "小爱同学", "ＭＩ ＰＡＹ", "{service}", "{region}", "qqserviceslotqq", "%s", "$[0]",
  ),
);
const messages = fc.oneof(
  fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(" ")),
  fc.string({ unit: "binary", maxLength: 10_000 }),
  fc.array(pieces, { minLength: 200, maxLength: 600 }).map((parts) => parts.join("")).map((text) => text.slice(0, 10_000)),
);

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
  });

  it("GIVEN any text THEN explain agrees with ask", () => {
    fc.assert(
      fc.property(messages, (question) => {
        expect(assistant.explain(question).answer).toEqual(assistant.ask(question));
      }),
      { numRuns: 300 },
    );
  });
});
