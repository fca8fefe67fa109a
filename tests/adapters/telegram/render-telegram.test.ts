import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAssistant } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { CALLBACK_DATA_LIMIT, escapeHtml, MESSAGE_LIMIT, packIntoMessages, renderAnswer } from "../../../src/adapters/telegram/render-telegram.js";
import { QuestionKeys } from "../../../src/adapters/shared/question-keys.js";
import { htmlProblem } from "./bot-api-emulator.js";

const assistant = createAssistant(loadKnowledge());

describe("escapeHtml", () => {
  it.each([
    ["<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"],
    ["AT&T", "AT&amp;T"],
    ['<a href="http://x">x</a>', "&lt;a href=&quot;http://x&quot;&gt;x&lt;/a&gt;"],
    ["&amp; already", "&amp;amp; already"],
  ])("GIVEN %s THEN shows it literally as %s", (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe("renderAnswer", () => {
  it("GIVEN a service answer THEN the body comes first and the source and date in italics under it", () => {
    const { parts, buttons } = renderAnswer(assistant.ask("cos'è youpin?"), new QuestionKeys(CALLBACK_DATA_LIMIT));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatch(/Youpin[\s\S]*\n\n<i>Font[ei]: [^<]+ – aggiornato a [^<]+<\/i>$/);
    expect(buttons).toEqual([]);
  });

  it("GIVEN a fallback with suggestions THEN a heading and one button per suggestion", () => {
    const answer = assistant.ask("youpin spedizione");
    const { parts, buttons } = renderAnswer(answer, new QuestionKeys(CALLBACK_DATA_LIMIT));
    expect(parts.at(-1)).toMatch(/<b>Forse intendevi:<\/b>$/);
    expect(buttons.map((b) => b.text)).toEqual(answer.suggestions.map((s) => s.question));
  });

  it("GIVEN any text in any answer field THEN Telegram accepts every part and no part is too long", () => {
    const base = assistant.ask("mi pay in italia?");
    fc.assert(
      fc.property(fc.string({ maxLength: 10_000 }), fc.string({ maxLength: 200 }), (body, sourceLine) => {
        const { parts } = renderAnswer({ ...base, body: body.trim() === "" ? "x" : body, sourceLine }, new QuestionKeys(CALLBACK_DATA_LIMIT));
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
          if (part.trim() !== "") expect(htmlProblem(part)).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("packIntoMessages", () => {
  it("GIVEN blocks over the limit THEN splits between blocks, then between words, never inside an entity", () => {
    const word = "perch&eacute;&amp;";
    const parts = packIntoMessages(["short", `${word} `.repeat(50), "end"], 100);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(part).not.toMatch(/&[a-z]*$/); // no entity cut in half
    }
    expect(parts[0]).toBe("short");
    expect(parts.at(-1)).toMatch(/end$/);
  });
});
