/**
 * The product's accuracy on the dev set (written before tuning, by the matcher's author) fails
 * below the targets; the blind holdout set is kept honest but never asserted on, so nobody tunes
 * the matcher until it passes. `npm run eval` shows every miss.
 */
import { describe, expect, it } from "vitest";
import { createAssistant, normalize } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import {
  ACCURACY_TARGETS,
  evaluate,
  evaluateDialogues,
  formatDialogueReport,
  formatReport,
  loadDialogueSet,
  loadEvalSet,
  SEALED_SETS,
  type EvalSetName,
} from "../../src/evaluation/evaluate.js";

const knowledge = loadKnowledge();
const assistant = createAssistant(knowledge);
const devSet = loadEvalSet("dev");
const phrasings = new Set(
  [...knowledge.faq, ...knowledge.smalltalk].flatMap((entry) => [...entry.questions.it, ...entry.questions.en]).map(normalize),
);

// Short natural questions coincide by chance: the knowledge and the sets were written apart from
// the same review, which itself asks "how many cards can I add?" — a few in a hundred messages at
// most (2 for the smaller sets); copying shows as many more.
const chanceCoincidences = (size: number) => Math.max(2, Math.ceil(size * 0.02));

describe.each(["holdout", "holdout-3", "holdout-4", "textbook", "chat-dev", "chat-dev-2", "chat-dev-3", "chat-dev-4", "chat-dev-5", "chat-dev-6", "chat-dev-7", "chat-dev-8", "chat-dev-9", "chat-dev-10", "chat-dev-11", "chat-dev-12", "chat-dev-13", "chat-dev-14", "chat-dev-15", "chat-dev-16", "chat-dev-17", "chat-dev-18", "chat-dev-19", "chat-dev-20", "chat-dev-21", "chat-dev-22", "chat-dev-23", "chat-dev-24", "chat-dev-25", "chat-dev-26", "chat-dev-27", "chat-dev-28", "chat-dev-29", "chat-dev-30", "chat-dev-31", "chat-dev-32", "chat-dev-33", "chat-dev-34", "holdout-5", "holdout-6", "holdout-7", "holdout-8", "holdout-9", "holdout-10", "holdout-11", "holdout-12", "holdout-13", "holdout-14", "chat-dev-35", "chat-dev-36", "chat-dev-37", "chat-dev-38", "chat-dev-39", "chat-dev-40", "chat-dev-41", "chat-dev-42", "chat-dev-43", "chat-dev-44", "chat-dev-45", "chat-dev-46", "chat-dev-47", "chat-dev-48", "chat-dev-49", "chat-dev-50", "chat-dev-51", "chat-dev-52", "holdout-15", "chat-dev-53", "chat-dev-54", "chat-dev-55", "chat-dev-56", "chat-dev-57", "chat-dev-58", "holdout-16", "chat-dev-59", "chat-dev-60", "holdout-17", "chat-dev-61", "chat-dev-62", "holdout-18", "holdout-19", "chat-dev-63", "chat-dev-64", "holdout-20", "holdout-21", "holdout-22", "section3"] as const)("the blind %s set", (name) => {
  it("GIVEN the knowledge's phrasings THEN few of its questions of five words or more are among them (2%, at least 2)", () => {
    const questions = loadEvalSet(name).map((c) => normalize(c.question));
    const coinciding = questions.filter((question) => question.split(" ").length >= 5 && phrasings.has(question));
    // A sealed set's questions are never printed, only how many coincide.
    expect(coinciding.length, SEALED_SETS.has(name) ? `${coinciding.length} coincide` : coinciding.join("\n")).toBeLessThanOrEqual(chanceCoincidences(questions.length));
  });
});

// The blind chat-style tuning sets are below the targets yet: these floors, raised as the
// matcher improves, keeps any change from losing what was won. The targets are in the README.
// Most sets may have at most two answers naming another region; a set written to stress places says its own.
const MAX_OTHER_REGION = 2;
const CHAT_DEV_FLOORS: Readonly<Partial<Record<EvalSetName, { inScope: number; outOfScopeRejection: number; otherRegion?: number }>>> = Object.freeze({
  "chat-dev": { inScope: 0.95, outOfScopeRejection: 0.95 },
  // The first holdout, studied since: its floor sits lower, as it was written blind to the tuning.
  "chat-dev-2": { inScope: 0.93, outOfScopeRejection: 0.95 },
  "chat-dev-3": { inScope: 0.94, outOfScopeRejection: 0.95 },
  "chat-dev-4": { inScope: 0.94, outOfScopeRejection: 0.95 },
  "chat-dev-5": { inScope: 0.92, outOfScopeRejection: 0.95 },
  "chat-dev-6": { inScope: 0.93, outOfScopeRejection: 0 },
  "chat-dev-7": { inScope: 0.93, outOfScopeRejection: 0.95 },
  // Near misses, most of them: the hardest out-of-scope set.
  "chat-dev-8": { inScope: 0.93, outOfScopeRejection: 0.9 },
  "chat-dev-9": { inScope: 0.94, outOfScopeRejection: 0.92 },
  "chat-dev-10": { inScope: 0.93, outOfScopeRejection: 0.95 },
  // 45 hard near misses, many weighing a Xiaomi service against another company's.
  "chat-dev-11": { inScope: 0.92, outOfScopeRejection: 0.85 },
  "chat-dev-12": { inScope: 0.94, outOfScopeRejection: 0.95 },
  "chat-dev-13": { inScope: 0.95, outOfScopeRejection: 0.93 },
  // Services described, never named.
  "chat-dev-14": { inScope: 0.93, outOfScopeRejection: 0 },
  // Its 40 near misses mention a service of ours as context and ask something else: most still answered.
  "chat-dev-15": { inScope: 0.91, outOfScopeRejection: 0.5 },
  "chat-dev-16": { inScope: 0.93, outOfScopeRejection: 0.92 },
  "chat-dev-17": { inScope: 0.93, outOfScopeRejection: 0.88 },
  // A grandparent dictating, a gamer, an expat in a third language: the hardest styles yet.
  "chat-dev-18": { inScope: 0.89, outOfScopeRejection: 0.9 },
  "chat-dev-19": { inScope: 0.92, outOfScopeRejection: 0.9 },
  // Small talk in every register, the hardest: its floor follows its first tuning.
  "chat-dev-20": { inScope: 0.84, outOfScopeRejection: 0.95 },
  "chat-dev-21": { inScope: 0.9, outOfScopeRejection: 0.95 },
  // Written with the seventh holdout, in its styles.
  "chat-dev-22": { inScope: 0.94, outOfScopeRejection: 0.95 },
  "chat-dev-23": { inScope: 0.94, outOfScopeRejection: 0.95 },
  // Countries in every form, and the company.
  "chat-dev-24": { inScope: 0.89, outOfScopeRejection: 0.95 },
  "chat-dev-25": { inScope: 0.92, outOfScopeRejection: 0.9 },
  // Written to use every way of naming a place (islands, nicknames, codes, regions): the hardest for places.
  "chat-dev-26": { inScope: 0.8, outOfScopeRejection: 0.95 },
  // The company and its other services in every register, the hardest for the company.
  "chat-dev-27": { inScope: 0.8, outOfScopeRejection: 0.87 },
  // Long chatty messages naming two or three places, and chatty near misses that mention a service as context.
  "chat-dev-28": { inScope: 0.89, outOfScopeRejection: 0.72 },
  "chat-dev-29": { inScope: 0.95, outOfScopeRejection: 0.93 },
  // Long chatty messages naming two places, another company's product as context, and 40 chatty near misses.
  "chat-dev-30": { inScope: 0.9, outOfScopeRejection: 0.6 },
  // The company and HyperOS written oddly, history questions, places as cities, codes and banks.
  "chat-dev-31": { inScope: 0.89, outOfScopeRejection: 0.9 },
  // 200 availability questions naming two or more places in every construction: the hardest for places.
  "chat-dev-32": { inScope: 0.93, outOfScopeRejection: 0, otherRegion: 6 },
  // Written in the ninth holdout's styles.
  "chat-dev-33": { inScope: 0.92, outOfScopeRejection: 0.95 },
  "chat-dev-34": { inScope: 0.95, outOfScopeRejection: 0.95 },
  // The fifth holdout, unsealed and studied after three readings.
  "holdout-5": { inScope: 0.94, outOfScopeRejection: 0.95 },
  // The sixth, unsealed and studied after five readings.
  "holdout-6": { inScope: 0.94, outOfScopeRejection: 0.95 },
  // The seventh and eighth, unsealed and studied after five and three readings.
  "holdout-7": { inScope: 0.94, outOfScopeRejection: 0.95 },
  "holdout-8": { inScope: 0.95, outOfScopeRejection: 0.95 },
  "holdout-9": { inScope: 0.96, outOfScopeRejection: 0.95, otherRegion: 0 },
  "holdout-10": { inScope: 0.95, outOfScopeRejection: 0.95 },
  // The eleventh, unsealed and studied after four readings.
  "holdout-11": { inScope: 0.96, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Written on 2026-12-01: chatty, countries every way; second-language speakers living in Italy
  // (nationality beside "here"), very terse; news readers; travellers and expats.
  "chat-dev-35": { inScope: 0.93, outOfScopeRejection: 0.9 },
  "chat-dev-36": { inScope: 0.92, outOfScopeRejection: 0.8 },
  "chat-dev-37": { inScope: 0.97, outOfScopeRejection: 0.92 },
  "chat-dev-38": { inScope: 0.96, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Written in the second session of 2026-12-01: small talk said with context, services described.
  "chat-dev-39": { inScope: 0.97, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Written with it, read first after that session's changes: teenagers, shop owners, Italian as a second language.
  "chat-dev-40": { inScope: 0.95, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Written in the third session of 2026-12-01: busy-group replies, dictated messages, places by region (first run 91.3%, 83.3%).
  "chat-dev-41": { inScope: 0.96, outOfScopeRejection: 0.83, otherRegion: 0 },
  // Written with it, read first after that work: travellers, students abroad, foreigners in Italy (first run 95.3%, 91.7%).
  "chat-dev-42": { inScope: 0.97, outOfScopeRejection: 0.91, otherRegion: 0 },
  // The confused, misinformed and frustrated: wrong names, misconceptions (first run 92.2%, 100%, 2 other regions).
  "chat-dev-43": { inScope: 0.94, outOfScopeRejection: 0.95, otherRegion: 2 },
  // Numbers and dates, code-switching, years compared (first run 97.6%, 100%).
  "chat-dev-44": { inScope: 0.99, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Services described, never named (first run 91.8%, 84.0%).
  "chat-dev-45": { inScope: 0.94, outOfScopeRejection: 0.84, otherRegion: 0 },
  // Long chatty messages and long near misses (first run 90.6%, 66.7%).
  "chat-dev-46": { inScope: 0.91, outOfScopeRejection: 0.88, otherRegion: 0 },
  // A busy group asking about the 2023–2026 facts, every class (first run 95.3%, 94.1%).
  "chat-dev-47": { inScope: 0.96, outOfScopeRejection: 0.94, otherRegion: 0 },
  // A Discord server's younger members and a few older ones (first run 97.0%, 93.8%).
  "chat-dev-48": { inScope: 0.97, outOfScopeRejection: 0.95, otherRegion: 0 },
  "chat-dev-49": { inScope: 0.97, outOfScopeRejection: 0.95, otherRegion: 0 },
  "chat-dev-50": { inScope: 0.98, outOfScopeRejection: 0.95, otherRegion: 0 },
  "chat-dev-51": { inScope: 0.96, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Its near misses (a service of ours in the story, a price, a repair or rooting asked) read first at 6 of 9 declined, now 9.
  "chat-dev-52": { inScope: 0.99, outOfScopeRejection: 0.95, otherRegion: 0 },
  // The fourteenth holdout, unsealed and studied after two readings (98.3%, 86.0%).
  "holdout-14": { inScope: 0.99, outOfScopeRejection: 0.98, otherRegion: 0 },
  "holdout-12": { inScope: 0.96, outOfScopeRejection: 1, otherRegion: 0 },
  "holdout-13": { inScope: 0.96, outOfScopeRejection: 1, otherRegion: 0 },
  "holdout-15": { inScope: 0.97, outOfScopeRejection: 0.96, otherRegion: 0 },
  "holdout-16": { inScope: 0.98, outOfScopeRejection: 1, otherRegion: 0 },
  // The seventeenth, unsealed and studied after four readings (94.9%, 98.4%; 95.4%, 100% once studied).
  "holdout-17": { inScope: 0.95, outOfScopeRejection: 1, otherRegion: 0 },
  // The eighteenth, unsealed and studied after six readings (95.4%, 96.7%; 95.9%, 98.3% once studied).
  "holdout-18": { inScope: 0.95, outOfScopeRejection: 0.98, otherRegion: 0 },
  // The twentieth, unsealed and studied after three readings (95.8%, 100%, one other region).
  "holdout-20": { inScope: 0.97, outOfScopeRejection: 1, otherRegion: 1 },
  // A contrast set: 50 near misses told as stories naming a service of ours, 50 stories the sources answer (first run 92.0%, 52.0%).
  "chat-dev-53": { inScope: 0.92, outOfScopeRejection: 0.9, otherRegion: 0 },
  // Shop assistants, thesis students, unboxers, terse and dictated messages (first run 95.5%, 92.9%, 1 other region: a Neapolitan "uè" read as the EU).
  "chat-dev-54": { inScope: 0.96, outOfScopeRejection: 0.92, otherRegion: 1 },
  // A second contrast set: near misses on everyday subjects the first did not have (first run 100%, 48.0%).
  "chat-dev-55": { inScope: 1, outOfScopeRejection: 0.68, otherRegion: 0 },
  // Services described among everyday things (first run 89.9%, 100%; on the session's starting code 91.0%, 90.0%).
  "chat-dev-56": { inScope: 0.93, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Written to check the session's changes lose nothing (first run 94.7% against 96.5% on the starting code: two answers lost to the lexicon's "conta passi" and "genshin", then left out).
  "chat-dev-57": { inScope: 0.96, outOfScopeRejection: 0.95, otherRegion: 0 },
  // Written with it, read on both codes (92.8% against 91.9%, 100% declined on both, one answer naming another region on both).
  "chat-dev-58": { inScope: 0.92, outOfScopeRejection: 0.95, otherRegion: 1 },
  "chat-dev-59": { inScope: 0.99, outOfScopeRejection: 0.91, otherRegion: 0 },
  // A contrast set of near misses named among their look-alikes: below the target, kept from falling.
  "chat-dev-60": { inScope: 0.96, outOfScopeRejection: 0.54, otherRegion: 0 },
  "chat-dev-61": { inScope: 0.94, outOfScopeRejection: 0.92, otherRegion: 1 },
  "chat-dev-62": { inScope: 0.95, outOfScopeRejection: 0.9, otherRegion: 0 },
  // Services described and kinds of question, read on the afternoon session's final code (97.3%, 100%, one other region).
  "chat-dev-63": { inScope: 0.97, outOfScopeRejection: 1, otherRegion: 1 },
  // Family chats, expats naming cities, half-remembered names, shop staff (first run 95.8%, 90.0%, 1 other region; 96.9%, 96.7%, 0 once studied).
  "chat-dev-64": { inScope: 0.96, outOfScopeRejection: 0.96, otherRegion: 0 },
  // The review's section-3 questions, two phrasings per language each (issue 11).
  section3: { inScope: 0.9, outOfScopeRejection: 0 },
});

describe.each(Object.entries(CHAT_DEV_FLOORS))("the blind chat-style tuning set %s", (name, floor) => {
  it(`GIVEN every message THEN in-scope accuracy is at least ${floor.inScope * 100}% and out-of-scope rejection ${floor.outOfScopeRejection * 100}%`, () => {
    const report = evaluate(loadEvalSet(name as EvalSetName), (question, locale) => assistant.ask(question, locale ? { locale } : {}));
    const summary = formatReport(report, `${name} set`);
    expect(report.inScope.accuracy, summary).toBeGreaterThanOrEqual(floor.inScope);
    expect(report.outOfScope.rejection, summary).toBeGreaterThanOrEqual(floor.outOfScopeRejection);
    expect(report.otherRegion, summary).toBeLessThanOrEqual(floor.otherRegion ?? MAX_OTHER_REGION);
  });
});

const DIALOGUE_FLOORS = Object.freeze({
  "dialogue-dev": 0.97,
  "dialogue-dev-2": 0.96,
  "dialogue-dev-3": 0.96,
  "dialogue-dev-4": 0.96,
  "dialogue-dev-5": 0.95,
  "dialogue-dev-6": 0.96,
  "dialogue-dev-7": 0.95,
  "dialogue-dev-8": 0.96,
  "dialogue-dev-9": 0.96,
  "dialogue-dev-10": 0.97,
  "dialogue-dev-11": 0.96,
  "dialogue-dev-12": 0.94,
  // Written in the second session of 2026-12-01: small talk inside conversations (first run 95.3%).
  "dialogue-dev-13": 0.96,
  // Written in the third session of 2026-12-01: where the asker is said early and pointed at later (first run 85.5%).
  "dialogue-dev-14": 0.95,
  // Written after the work on dialogue-dev-14, every kind of turn (first run 92.5%).
  "dialogue-dev-15": 0.93,
  // Long conversations that drift (first run 88.7%).
  "dialogue-dev-16": 0.92,
  // Asking more about the answer just given (first run 96.9%).
  "dialogue-dev-17": 0.98,
  // Every kind of follow-up, deadlines, doubts, the asker's place, the newer facts (first run 95.3%).
  "dialogue-dev-18": 0.96,
  "dialogue-dev-19": 0.98,
  // Holdouts once, their misses studied after many readings of their totals.
  "dialogue-holdout-2": 0.96,
  "dialogue-holdout-3": 0.92,
  "dialogue-holdout-5": 0.95,
});

describe.each(Object.entries(DIALOGUE_FLOORS))("the dialogue tuning set %s", (name, floor) => {
  it(`GIVEN every dialogue, each its own conversation THEN at least ${floor * 100}% of turns are answered right`, () => {
    const report = evaluateDialogues(loadDialogueSet(name as keyof typeof DIALOGUE_FLOORS), assistant);
    expect(report.turns.accuracy, formatDialogueReport(report, `${name} set`)).toBeGreaterThanOrEqual(floor);
  });
});

describe("the dev set", () => {
  it("GIVEN the knowledge's phrasings THEN none of the dev questions is among them", () => {
    const copied = devSet.filter((c) => phrasings.has(normalize(c.question))).map((c) => c.question);
    expect(copied).toEqual([]);
  });

  it("GIVEN its make-up THEN it is a fair sample of real use", () => {
    const count = (predicate: (c: (typeof devSet)[number]) => boolean) => devSet.filter(predicate).length;
    expect(devSet.length).toBeGreaterThanOrEqual(200);
    expect(count((c) => c.expect.kind === "fallback")).toBeGreaterThanOrEqual(40);
    expect(count((c) => c.typo) / devSet.length).toBeGreaterThanOrEqual(0.2);
    expect(count((c) => c.expect.kind === "smalltalk")).toBeGreaterThan(0);
    const italian = count((c) => c.language === "it") / devSet.length;
    expect(italian).toBeGreaterThan(0.4);
    expect(italian).toBeLessThan(0.6);
  });

  it(`GIVEN every question THEN in-scope accuracy and out-of-scope rejection are at least ${ACCURACY_TARGETS.inScope * 100}%`, () => {
    const report = evaluate(devSet, (question, locale) => assistant.ask(question, locale ? { locale } : {}));
    const summary = formatReport(report, "dev set");
    expect(report.inScope.accuracy, summary).toBeGreaterThanOrEqual(ACCURACY_TARGETS.inScope);
    expect(report.outOfScope.rejection, summary).toBeGreaterThanOrEqual(ACCURACY_TARGETS.outOfScopeRejection);
  });
});
