/**
 * 100,000 generated inputs through the core: none throws, each gets a valid Answer in the
 * question's own terms. (How long each takes is measured by `npm run fuzz`, not asserted here.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnswerSchema, createAssistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { messages } from "./arbitrary-messages.js";

const assistant = createAssistant(loadKnowledge());
export const FUZZ_INPUTS = 100_000;
// A few at a time: long strings kept alive in a big batch make every young-generation GC slow.
const BATCH = 50;

describe("core fuzzing", () => {
  it(`GIVEN ${FUZZ_INPUTS.toLocaleString("en")} generated inputs THEN every one gets a valid Answer and none throws`, () => {
    let checked = 0;
    for (let seed = 1; checked < FUZZ_INPUTS; seed++) {
      for (const question of fc.sample(messages, { numRuns: BATCH, seed })) {
        const answer = assistant.ask(question);
        const parsed = AnswerSchema.safeParse(answer);
        if (!parsed.success || answer.question !== question) {
          expect.fail(`invalid answer for ${JSON.stringify(question.slice(0, 200))}: ${parsed.error?.message ?? "question changed"}`);
        }
        checked++;
      }
    }
    expect(checked).toBe(FUZZ_INPUTS);
  }, 300_000);
});
