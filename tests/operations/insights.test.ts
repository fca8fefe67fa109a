/**
 * The insights database as maintainers use it: what is stored (and what is not), votes, the
 * report, retention, and the bot carrying on when the database is unusable.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createAssistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { Insights } from "../../src/operations/insights.js";

const assistant = createAssistant(loadKnowledge());
const DAY = 86_400_000;
const tempDb = () => join(mkdtempSync(join(tmpdir(), "insights-test-")), "insights.db");

function open(path = tempDb(), now = () => Date.UTC(2026, 10, 26, 12)) {
  const logs: string[] = [];
  const insights = Insights.open({ path, retentionDays: 90, log: (level, message) => logs.push(`${level} ${message}`), now });
  return { insights, logs, path };
}

describe("Insights", () => {
  it("GIVEN answers and fallbacks THEN keeps the text only of fallbacks and low-confidence answers, users only hashed", () => {
    const { insights, path } = open();
    insights.recordAnswer({ platform: "telegram", userId: "4242", answer: assistant.ask("mi pay funziona in italia?") });
    insights.recordAnswer({ platform: "telegram", userId: "4242", answer: assistant.ask("che tempo fa a Roma?") });
    insights.close();
    const rows = new Database(path, { readonly: true }).prepare("SELECT kind, text, user_hash FROM questions ORDER BY kind").all() as Array<{ kind: string; text: string | null; user_hash: string }>;
    expect(rows.map((r) => [r.kind, r.text])).toEqual([
      ["answer", null],
      ["fallback", "che tempo fa a Roma?"],
    ]);
    expect(rows.every((r) => !r.user_hash.includes("4242"))).toBe(true);
    expect(rows[0]!.user_hash).toBe(rows[1]!.user_hash);
  });

  it("GIVEN the same unanswered question asked in different ways THEN the report groups it with counts and languages", () => {
    const { insights } = open();
    for (const [user, question] of [["1", "Che tempo fa a Roma?"], ["2", "che tempo fa a roma"], ["3", "CHE TEMPO FA A ROMA!!"], ["4", "who won the match?"]] as const) {
      insights.recordAnswer({ platform: "discord", userId: user, answer: assistant.ask(question) });
    }
    const { unanswered } = insights.report();
    expect(unanswered[0]).toMatchObject({ question: "che tempo fa a roma", count: 3, languages: ["it"] });
    expect(unanswered[1]).toMatchObject({ count: 1, languages: ["en"] });
  });

  it("GIVEN votes THEN one per user per answer, changeable, and the most disliked answers come first", () => {
    const { insights } = open();
    const cloud = insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è mi cloud?") })!;
    const youpin = insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è youpin?") })!;
    expect(insights.recordVote("telegram", "1", cloud, -1)).toBe(true);
    expect(insights.recordVote("telegram", "1", cloud, -1)).toBe(true); // the same vote again: still one
    expect(insights.recordVote("telegram", "2", cloud, -1)).toBe(true);
    expect(insights.recordVote("telegram", "3", youpin, -1)).toBe(true);
    expect(insights.recordVote("telegram", "3", youpin, 1)).toBe(true); // changed their mind
    expect(insights.recordVote("telegram", "3", "no-such-answer", 1)).toBe(false);
    const { disliked } = insights.report();
    expect(disliked).toEqual([{ topic: assistant.ask("cos'è mi cloud?").topic, dislikes: 2, likes: 0 }]);
  });

  it("GIVEN questions on several days and platforms THEN reports the answer rate per day, platform and language", () => {
    let now = Date.UTC(2026, 10, 25, 10);
    const { insights } = open(tempDb(), () => now);
    insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è youpin?") });
    insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("che tempo fa?") });
    now += DAY;
    insights.recordAnswer({ platform: "discord", userId: "2", answer: assistant.ask("what is youpin?") });
    expect(insights.report().answerRate).toEqual([
      { day: "2026-11-26", platform: "discord", language: "en", questions: 1, answered: 1, rate: 1 },
      { day: "2026-11-25", platform: "telegram", language: "it", questions: 2, answered: 1, rate: 0.5 },
    ]);
  });

  it("GIVEN rows older than the retention period THEN purging deletes them and their votes", () => {
    let now = Date.UTC(2026, 0, 1);
    const { insights, path } = open(tempDb(), () => now);
    const old = insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("che tempo fa?") })!;
    insights.recordVote("telegram", "1", old, -1);
    now += 91 * DAY;
    insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("chi ha vinto ieri?") });
    expect(insights.purge()).toBe(2);
    insights.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM questions").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM votes").get()).toEqual({ n: 0 });
  });

  it("GIVEN a file that is not a database THEN opening logs the problem once and recording is off, without throwing", () => {
    const path = tempDb();
    writeFileSync(path, "this is not a sqlite database, just some text that happens to be here ".repeat(100));
    const { insights, logs } = open(path);
    expect(insights.recording).toBe(false);
    expect(insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è youpin?") })).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^error insights: cannot open .*keeps answering/);
  });

  it("GIVEN a database that becomes read-only THEN writes fail, are logged once, and the caller is never thrown at", () => {
    const { insights, logs, path } = open();
    expect(insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è youpin?") })).toBeDefined();
    // Another process holds the write lock: as with a disk that refuses writes, every write fails.
    const locker = new Database(path, { timeout: 0 });
    locker.exec("BEGIN EXCLUSIVE");
    for (let i = 0; i < 3; i++) expect(insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("che tempo fa?") })).toBeUndefined();
    expect(logs.filter((line) => line.startsWith("error"))).toHaveLength(1);
    expect(logs[0]).toMatch(/cannot record a question/);
    locker.exec("ROLLBACK");
    locker.close();
    expect(insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("che tempo fa?") })).toBeDefined();
    expect(logs.at(-1)).toMatch(/writing works again/);
  }, 20_000);

  it("GIVEN a path where no database can be created THEN recording is off, logged once, nothing thrown", () => {
    const { insights, logs } = open(join(tmpdir(), "no-such-directory-for-insights", "insights.db"));
    expect(insights.recording).toBe(false);
    expect(insights.recordVote("telegram", "1", "x", 1)).toBe(false);
    expect(logs).toEqual([expect.stringMatching(/^error insights: cannot open .*no-such-directory-for-insights/)]);
  });

  it("GIVEN the process killed with SIGKILL while writing THEN the database opens and keeps every committed row", async () => {
    const path = tempDb();
    const writer = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", WRITER], { env: { ...process.env, DB: path }, stdio: ["ignore", "pipe", "inherit"] });
    let committed = 0;
    await new Promise<void>((resolve) => {
      writer.stdout.on("data", (chunk: Buffer) => {
        committed = Math.max(committed, ...String(chunk).trim().split("\n").map(Number));
        if (committed >= 300) resolve();
      });
    });
    writer.kill("SIGKILL");
    await new Promise((resolve) => writer.on("exit", resolve));
    const db = new Database(path);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const { n } = db.prepare("SELECT COUNT(*) AS n FROM questions").get() as { n: number };
    expect(n).toBeGreaterThanOrEqual(committed);
    db.close();
  }, 30_000);
});

// Records answers as fast as it can, printing how many are committed, until killed.
const WRITER = `
import { Insights } from ${JSON.stringify(new URL("../../src/operations/insights.ts", import.meta.url).pathname)};
import { createAssistant } from ${JSON.stringify(new URL("../../src/core/index.ts", import.meta.url).pathname)};
import { loadKnowledge } from ${JSON.stringify(new URL("../../src/knowledge/load-knowledge.ts", import.meta.url).pathname)};
const assistant = createAssistant(loadKnowledge());
const insights = Insights.open({ path: process.env.DB, retentionDays: 90, log: () => {} });
const answer = assistant.ask("che tempo fa a Roma?");
for (let i = 1; ; i++) {
  insights.recordAnswer({ platform: "telegram", userId: String(i), answer });
  if (i % 50 === 0) process.stdout.write(i + "\\n");
  if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
}
`;
