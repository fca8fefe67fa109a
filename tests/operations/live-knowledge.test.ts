/**
 * Editing data/ while the bot runs: a valid edit is served after validation, an invalid one is
 * reported precisely while the previous knowledge keeps answering, and no answer ever comes from
 * a mixture of the two.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "../../src/knowledge/load-knowledge.js";
import { liveKnowledge, type LiveKnowledge } from "../../src/operations/live-knowledge.js";
import { until } from "../support/until.js";

let live: LiveKnowledge | undefined;
afterEach(() => live?.close());

function copyOfData() {
  const dir = mkdtempSync(join(tmpdir(), "live-data-"));
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  const youpinFile = join(dir, "faq", "youpin.json");
  const entries = JSON.parse(readFileSync(youpinFile, "utf8"));
  return { dir, youpinFile, entries };
}


describe("live knowledge", () => {
  it("GIVEN a valid edit to a data file THEN the new answer is served without a restart", async () => {
    const { dir, youpinFile, entries } = copyOfData();
    const logs: string[] = [];
    live = liveKnowledge({ dataDir: dir, log: (level, message) => logs.push(`${level} ${message}`), debounceMs: 50 });
    live.watch();
    const question = entries[0].questions.en[0];
    expect(live.assistant.ask(question).body).not.toContain("EDITED");
    entries[0].answer.en = `EDITED: ${entries[0].answer.en}`;
    writeFileSync(youpinFile, JSON.stringify(entries, null, 2));
    await until(() => live!.assistant.ask(question).body.startsWith("EDITED"));
    expect(logs.some((line) => /^info knowledge reloaded \(youpin\.json changed\)/.test(line.replace("faq/", "")))).toBe(true);
  });

  it("GIVEN an invalid edit THEN logs file, JSON path and reason, and the previous knowledge keeps serving", async () => {
    const { dir, youpinFile, entries } = copyOfData();
    const logs: string[] = [];
    live = liveKnowledge({ dataDir: dir, log: (level, message) => logs.push(`${level} ${message}`), debounceMs: 50 });
    live.watch();
    const question = entries[0].questions.it[0];
    const before = live.assistant.ask(question);
    entries[0].service = "no-such-service";
    writeFileSync(youpinFile, JSON.stringify(entries, null, 2));
    await until(() => logs.some((line) => line.startsWith("error")));
    const error = logs.find((line) => line.startsWith("error"))!;
    expect(error).toContain("youpin.json");
    expect(error).toMatch(/\[0\]\.service|0\.service|\$\[0\]/);
    expect(error).toContain("no-such-service");
    expect(live.assistant.ask(question)).toEqual(before);
    expect(live.generation).toBe(1);
  });

  it("GIVEN questions asked while files are rewritten again and again THEN every answer is wholly old or wholly new", async () => {
    const { dir, youpinFile, entries } = copyOfData();
    live = liveKnowledge({ dataDir: dir, log: () => {}, debounceMs: 0 });
    live.watch();
    const question = entries[0].questions.en[0];
    const versions = new Set([live.assistant.ask(question).body]);
    const seen = new Set<string>();
    const asking = setInterval(() => seen.add(live!.assistant.ask(question).body), 1);
    // Dated, as validation requires of an answer whose sources are more than three years old.
    for (let i = 1; i <= 10; i++) {
      entries[0].answer.en = `Version ${i}, as of 2021.`;
      versions.add(`Version ${i}, as of 2021.`);
      const text = JSON.stringify(entries, null, 2);
      // A half-written file is what a slow save leaves for a moment: it must never be served.
      writeFileSync(youpinFile, text.slice(0, text.length / 2));
      await new Promise((resolve) => setTimeout(resolve, 15));
      writeFileSync(youpinFile, text);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    clearInterval(asking);
    expect(seen.size).toBeGreaterThan(1);
    for (const body of seen) expect(versions.has(body)).toBe(true);
  });

  it("GIVEN a reload request (SIGHUP) THEN loads the files again even without a change event", () => {
    const { dir, youpinFile, entries } = copyOfData();
    live = liveKnowledge({ dataDir: dir, log: () => {} });
    entries[0].answer.it = "Ricaricato a mano nel 2021.";
    writeFileSync(youpinFile, JSON.stringify(entries, null, 2));
    expect(live.reload("SIGHUP")).toBe(true);
    expect(live.assistant.ask(entries[0].questions.it[0]).body).toBe("Ricaricato a mano nel 2021.");
  });
});
