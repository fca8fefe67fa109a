/**
 * Each language the bot speaks is one pack (src/core/languages/): the words it reads messages
 * with and answers in. A pack missing a month or a status would show up in answers as a gap.
 */
import { describe, expect, it } from "vitest";
import { formatDateWithMeaning, LANGUAGES } from "../../src/core/index.js";
import { AVAILABILITY_STATUSES } from "../../src/core/schema.js";
import { LANGUAGE_PACKS } from "../../src/core/languages/index.js";
import { assistant } from "../fixtures/assistant.js";

describe.each(LANGUAGES)("the %s pack", (language) => {
  const pack = LANGUAGE_PACKS[language];

  it("GIVEN every month and status THEN answers name each in the language, each once", () => {
    expect(new Set(pack.months).size).toBe(12);
    for (let month = 1; month <= 12; month++) expect(formatDateWithMeaning(`2021-${String(month).padStart(2, "0")}`, "since", language)).toContain(pack.months[month - 1]);
    expect(new Set(AVAILABILITY_STATUSES.map((status) => pack.statusWords[status])).size).toBe(AVAILABILITY_STATUSES.length);
  });

  it("GIVEN a question in the language THEN the answer is in it, with its status words and source label", () => {
    const question = language === "it" ? "Xiaomi Pay funziona in Polonia?" : "Does Xiaomi Pay work in Poland?";
    const answer = assistant.ask(question);
    expect(answer.language).toBe(language);
    expect(answer.answer).toContain(pack.statusWords.partial);
    expect(answer.sourceLine?.startsWith(pack.texts.sources) || answer.sourceLine?.startsWith(pack.texts.source)).toBe(true);
  });

  it("GIVEN its own marker words alone THEN they are read as the language", () => {
    const markers = pack.markers.filter((word) => LANGUAGES.every((other) => other === language || !LANGUAGE_PACKS[other].markers.includes(word)));
    expect(assistant.ask(markers.slice(0, 4).join(" ")).language).toBe(language);
  });
});
