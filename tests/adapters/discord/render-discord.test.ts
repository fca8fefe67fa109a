import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAssistant } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { choicesFor, COMMAND_DEFINITIONS, LIMITS, renderAnswer, trimCleanly } from "../../../src/adapters/discord/render-discord.js";
import { QuestionKeys } from "../../../src/adapters/shared/question-keys.js";

const assistant = createAssistant(loadKnowledge());
const keys = () => new QuestionKeys(LIMITS.customId);

describe("renderAnswer", () => {
  it("GIVEN an availability answer in English THEN fields are labelled in English with the region's name", () => {
    const { embeds } = renderAnswer(assistant.ask("is youpin available in india?"), keys(), assistant.regionName);
    expect(embeds[0]!.fields).toEqual([
      { name: "Where", value: "India", inline: true },
      expect.objectContaining({ name: "Status", inline: true }),
      expect.objectContaining({ name: "Since", inline: true }),
    ]);
    expect(embeds[0]!.footer?.text).toMatch(/^Sources?: .+ – as of /);
  });

  it("GIVEN markdown in a question THEN the title shows it literally", () => {
    const { embeds } = renderAnswer(assistant.ask("**mi pay** _italia_?"), keys(), assistant.regionName);
    expect(embeds[0]!.title).toBe("\\*\\*mi pay\\*\\* \\_italia\\_?");
  });

  it("GIVEN any answer text THEN every part stays within Discord's embed limits", () => {
    const base = assistant.ask("mi pay in italia?");
    fc.assert(
      fc.property(fc.string({ maxLength: 9_000 }), fc.string({ maxLength: 3_000 }), fc.string({ minLength: 1, maxLength: 3_000 }), (question, sourceLine, body) => {
        const { embeds, components } = renderAnswer({ ...base, question, sourceLine, body }, keys(), assistant.regionName);
        const [embed] = embeds;
        expect(embed!.title!.length).toBeLessThanOrEqual(LIMITS.title);
        expect(embed!.description.length).toBeLessThanOrEqual(LIMITS.description);
        expect(embed!.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
        const total = embed!.title!.length + embed!.description.length + (embed!.footer?.text.length ?? 0) + (embed!.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
        expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
        expect(components).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("trimCleanly", () => {
  it("GIVEN text over the limit THEN cuts after the last sentence that fits and marks the cut", () => {
    expect(trimCleanly("One sentence here is long. Another one.", 30)).toBe("One sentence here is long.…");
  });
  it("GIVEN one long sentence THEN cuts between words", () => {
    expect(trimCleanly("alpha beta gamma delta epsilon", 20)).toBe("alpha beta gamma…");
  });
});

describe("choicesFor", () => {
  it("GIVEN more than 25 questions or over-long ones THEN offers at most 25, each within 100 characters", () => {
    const questions = [...Array.from({ length: 40 }, (_, i) => `question ${i}?`), "x".repeat(101)];
    const choices = choicesFor(questions);
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length <= 100 && c.value === c.name)).toBe(true);
  });
});

describe("COMMAND_DEFINITIONS", () => {
  it("GIVEN each command and option THEN it has an Italian name and description, in Discord's naming rules", () => {
    const named = [...COMMAND_DEFINITIONS, ...COMMAND_DEFINITIONS.flatMap((c) => ("options" in c ? c.options : []))];
    for (const item of named) {
      expect(item.name).toMatch(/^[a-z]{1,32}$/);
      expect(item.name_localizations.it).toMatch(/^[a-z]{1,32}$/);
      expect(item.description_localizations.it.length).toBeGreaterThan(0);
      expect(item.description.length).toBeLessThanOrEqual(100);
    }
    expect(COMMAND_DEFINITIONS.map((c) => c.name_localizations.it)).toEqual(["chiedi", "servizi", "aiuto"]);
  });
});
