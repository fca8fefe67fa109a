/**
 * How old the knowledge is, on a pinned clock: the stale-topic list, the date arithmetic behind
 * it, the validation rule for undated present tense, and `check-data --stale` end to end.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isDated, monthsBetween, staleTopics } from "../../src/knowledge/freshness.js";
import { DEFAULT_DATA_DIR, KnowledgeError, loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const source = (id: string, date: string) => ({ id, title: id, url: `https://example.org/${id}`, date });
const entry = (id: string, ref: string | string[]) => ({
  id,
  service: "mi-pay",
  questions: { it: ["q"], en: ["q"] },
  answer: { it: "a", en: "a" },
  source: ref,
  date: "2020",
});

describe("date arithmetic", () => {
  it.each([
    ["2023-11", "2026-11-30", 36],
    ["2023", "2026-11-30", 46],
    ["2022-02-14", "2026-11-30", 57],
    ["2026-03", "2026-11", 8],
  ])("GIVEN %s and %s THEN %i months (imprecise dates count from their earliest moment)", (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it.each([
    ["In 2018 it was China-only.", true],
    ["According to the 2020 article …", true],
    ["Secondo l'articolo …", true],
    ["As of February, only Nexi.", true],
    ["It speaks Chinese only.", false],
    ["Parla solo cinese.", false],
  ])("GIVEN %j THEN dated is %s", (text, dated) => {
    expect(isDated(text)).toBe(dated);
  });
});

describe("stale topics on a pinned clock", () => {
  const knowledge = {
    sources: [source("old", "2018-04"), source("mid", "2023-11"), source("new", "2026-03")],
    faq: [entry("only-old", "old"), entry("old-and-new", ["old", "new"]), entry("three-years", "mid")],
  };

  it("GIVEN today THEN lists topics whose newest source is more than three years old, oldest first", () => {
    expect(staleTopics(knowledge, "2026-11-30").map((t) => t.topic)).toEqual(["only-old"]);
    expect(staleTopics(knowledge, "2026-12-01").map((t) => t.topic)).toEqual(["only-old", "three-years"]);
  });

  it("GIVEN a newer source for the same topic THEN the topic is fresh", () => {
    expect(staleTopics(knowledge, "2026-11-30").some((t) => t.topic === "old-and-new")).toBe(false);
  });
});

describe("the shipped data", () => {
  it("GIVEN 30 November 2026 THEN every stale topic is one whose answer is dated", () => {
    const data = loadKnowledge();
    const stale = staleTopics(data, "2026-11-30");
    expect(stale.length).toBeGreaterThan(0);
    for (const { topic } of stale) {
      const answer = data.faq.find((e) => e.id === topic)!.answer;
      expect(isDated(answer.it) && isDated(answer.en), topic).toBe(true);
    }
  });
});

function dataWith(file: string, edit: (json: any) => void): string {
  const folder = mkdtempSync(join(tmpdir(), "xsb-fresh-"));
  folders.push(folder);
  cpSync(DEFAULT_DATA_DIR, folder, { recursive: true });
  const path = join(folder, file);
  const json = JSON.parse(readFileSync(path, "utf8"));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
  return folder;
}

describe("GIVEN an answer whose sources are all old THEN it must say when it was true", () => {
  it("GIVEN a bare present tense THEN names file, path and the dates", () => {
    const folder = dataWith("faq/mi-pay.json", (json) => {
      const china = json.find((e: any) => e.id === "mi-pay-china");
      china.answer.en = "Mi Pay works with China UnionPay.";
    });
    let message = "";
    try {
      loadKnowledge(folder);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      message = error.message;
    }
    expect(message).toMatch(/faq\/mi-pay\.json \$\[\d+\]\.answer\.en: its newest source is from 2016-09-01, more than 3 years before the newest source/);
    expect(message).not.toMatch(/answer\.it/);
  });

  it("GIVEN check-data --stale with a pinned clock THEN lists the stale topics", () => {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/cli/check-data.ts", "--stale", "--today", "2026-11-30"], { encoding: "utf8" });
    expect(stdout).toMatch(/Topics whose newest source is more than 3 years old \(as of 2026-11-30\): \d+/);
    expect(stdout).toMatch(/\n  mi-pay-china\s+mi-pay\s+newest source 2016-09-01/);
    expect(stdout).not.toMatch(/\n  xiaoai-global-assistant /);
  }, 30_000);
});
