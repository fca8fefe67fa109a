/**
 * Insights in a real PostgreSQL (postgres://postgres@127.0.0.1:5432/test), each test in a fresh
 * database: the same records, votes, report and retention as SQLite; migrations applied once even
 * when two instances start together; a database unreachable at start or going away mid-run
 * logged once, answering unaffected, recovery logged; `npm run report` reading it.
 */
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAssistant } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { openInsights, type InsightsStore } from "../../src/operations/insights-store.js";
import { SERVICE_URLS, shouldRun } from "../support/needs.js";
import { createDatabase } from "../support/postgres.js";
import { TcpProxy } from "../support/tcp-proxy.js";
import { until } from "../support/until.js";

const DAY_MS = 86_400_000;
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function freshDatabase(): Promise<string> {
  const { url, drop } = await createDatabase();
  cleanup.push(drop);
  return url;
}

function logs() {
  const lines: string[] = [];
  return { lines, log: (level: string, message: string) => lines.push(`${level}: ${message}`) };
}

async function open(path: string, extra: { now?: () => number; log?: (level: "info" | "warn" | "error", message: string) => void } = {}): Promise<InsightsStore> {
  const insights = await openInsights({ path, retentionDays: 90, log: extra.log ?? (() => {}), ...(extra.now ? { now: extra.now } : {}) });
  cleanup.push(() => insights.close());
  return insights;
}

describe.runIf(shouldRun("postgres"))("insights in PostgreSQL", () => {
  let assistant: ReturnType<typeof createAssistant>;
  beforeAll(() => {
    assistant = createAssistant(loadKnowledge());
  });

  it("GIVEN questions and votes THEN the report groups unanswered questions, dislikes and the answer rate as with SQLite", async () => {
    const insights = await open(await freshDatabase());
    insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("Che tempo fa a Roma?") });
    insights.recordAnswer({ platform: "discord", userId: "2", answer: assistant.ask("che tempo fa a roma") });
    const answered = insights.recordAnswer({ platform: "discord", userId: "2", answer: assistant.ask("cos'è youpin?") })!;
    // Written in the background: a vote is accepted once the question's row is there.
    let voted = false;
    for (let i = 0; i < 50 && !voted; i++) voted = await insights.recordVote("discord", "3", answered, -1);
    expect(voted).toBe(true);
    expect(await insights.recordVote("discord", "3", answered, 1)).toBe(true); // changed, not added
    expect(await insights.recordVote("discord", "3", answered, -1)).toBe(true);
    expect(await insights.recordVote("discord", "3", "no-such-answer", 1)).toBe(false);

    const report = await insights.report();
    expect(report.unanswered).toEqual([{ question: "che tempo fa a roma", example: "Che tempo fa a Roma?", count: 2, languages: ["it"] }]);
    expect(report.disliked).toEqual([{ topic: expect.stringMatching(/^youpin-/), dislikes: 1, likes: 0 }]);
    expect(report.answerRate).toEqual([
      { day: expect.any(String), platform: "discord", language: "it", questions: 2, answered: 1, rate: 0.5 },
      { day: expect.any(String), platform: "telegram", language: "it", questions: 1, answered: 0, rate: 0 },
    ]);
  });

  it("GIVEN rows older than the retention period THEN purge deletes them and their votes", async () => {
    let now = Date.now();
    const insights = await open(await freshDatabase(), { now: () => now });
    const old = insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è youpin?"), at: now - 100 * DAY_MS })!;
    const recent = insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("cos'è xiaoai?") })!;
    // Both rows are written in the background, on different connections: wait until each is
    // there (a vote is accepted once its question's row is), or the report could miss the recent one.
    for (const id of [old, recent]) {
      let voted = false;
      for (let i = 0; i < 50 && !voted; i++) voted = await insights.recordVote("telegram", "2", id, 1);
      expect(voted).toBe(true);
    }
    expect(await insights.purge()).toBe(2);
    now += 1;
    expect((await insights.report()).answerRate.reduce((sum, row) => sum + row.questions, 0)).toBe(1);
  });

  it("GIVEN two instances starting at once on an empty database THEN the schema is migrated once, and both share one salt", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT version FROM schema_migrations ORDER BY version");
    await client.end();
    expect(rows).toEqual([{ version: 1 }]);
    expect(a.userHash("telegram", "42")).toBe(b.userHash("telegram", "42"));
  });

  it("GIVEN a database unreachable at start, then going away mid-run THEN answering goes on, each outage is logged once and recovery is logged", async () => {
    const url = await freshDatabase();
    const proxy = await new TcpProxy({ host: "127.0.0.1", port: Number(new URL(url).port || 5432) }).start();
    cleanup.push(() => proxy.stop());
    const { lines, log } = logs();
    proxy.cut();
    const insights = await open(proxy.urlFor(url), { log });
    const answer = assistant.ask("cos'è youpin?");
    for (let i = 0; i < 5; i++) expect(insights.recordAnswer({ platform: "telegram", userId: "1", answer })).toBeUndefined();
    await until(() => lines.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.filter((line) => line.startsWith("error:"))).toHaveLength(1);
    expect(lines[0]).toMatch(/insights: cannot .* in PostgreSQL at 127\.0\.0\.1:\d+\/insights_\w+ .*keeps answering/);

    proxy.restore();
    insights.recordAnswer({ platform: "telegram", userId: "1", answer });
    await until(() => lines.some((line) => line.includes("writing works again")), 10_000);
    expect(insights.recordAnswer({ platform: "telegram", userId: "1", answer })).toEqual(expect.any(String));

    proxy.cut();
    for (let i = 0; i < 5; i++) insights.recordAnswer({ platform: "telegram", userId: "1", answer });
    await until(() => lines.filter((line) => line.startsWith("error:")).length === 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.filter((line) => line.startsWith("error:"))).toHaveLength(2);
    proxy.restore();
    insights.recordAnswer({ platform: "telegram", userId: "1", answer });
    await until(() => lines.filter((line) => line.includes("writing works again")).length === 2, 10_000);
  });

  it("GIVEN INSIGHTS_DB as a postgres:// URL THEN npm run report prints its report", async () => {
    const url = await freshDatabase();
    const insights = await open(url);
    insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("Che tempo fa a Roma?") });
    await insights.close();
    const result = spawnSync(process.execPath, ["dist/cli/report.js", "--json"], { encoding: "utf8", env: { ...process.env, INSIGHTS_DB: url } });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).unanswered[0]).toMatchObject({ question: "che tempo fa a roma", count: 1 });
  });
});
