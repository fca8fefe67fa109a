/**
 * The command line as a user runs it: `npm run --silent ask`, and `npm start` with piped input.
 * Real processes running the compiled JavaScript; standard output must carry only answers.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerSchema } from "../../src/core/schema.js";
import { compiled } from "../support/compiled.js";

function run(script: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [compiled(script), ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, DISCORD_TOKEN: "", TELEGRAM_BOT_TOKEN: "", ...env },
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe("ask", () => {
  it("GIVEN --json and a question THEN prints exactly one valid Answer", () => {
    const { stdout, status } = run("src/cli/ask.ts", ["--json", "Mi Pay funziona in Italia?"]);
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const answer = AnswerSchema.parse(JSON.parse(lines[0]!));
    expect(answer).toMatchObject({ kind: "answer", service: "mi-pay", language: "it", availability: { service: "mi-pay", region: "IT" } });
  });

  it("GIVEN --json and questions on stdin THEN prints one Answer per line (JSON Lines)", () => {
    const questions = ["cos'è youpin?", "", "does Mi Cloud work in Japan?", "che tempo fa domani a Milano?"];
    const { stdout, status } = run("src/cli/ask.ts", ["--json"], questions.join("\n"));
    expect(status).toBe(0);
    const answers = stdout.trim().split("\n").map((line) => AnswerSchema.parse(JSON.parse(line)));
    expect(answers.map((a) => a.question)).toEqual(["cos'è youpin?", "does Mi Cloud work in Japan?", "che tempo fa domani a Milano?"]);
    expect(answers.map((a) => a.kind)).toEqual(["answer", "answer", "fallback"]);
  });

  it("GIVEN --json --dialogue THEN each line is read in the context of its own conversation's earlier lines, with what it inherited", () => {
    const lines = [
      { conversation: "a", question: "Xiaomi Pay funziona in Italia?" },
      { conversation: "b", question: "what is Youpin?" },
      { conversation: "a", question: "e in Grecia?" },
      { conversation: "b", question: "and in Poland?" },
      { conversation: "c", question: "e in Grecia?" },
    ];
    const { stdout, status } = run("src/cli/ask.ts", ["--json", "--dialogue"], lines.map((line) => JSON.stringify(line)).join("\n"));
    expect(status).toBe(0);
    const answers = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(answers).toHaveLength(5);
    for (const { inherited, ...answer } of answers) {
      AnswerSchema.parse(answer);
      expect(inherited).toEqual(expect.any(Array));
    }
    expect(answers.map((a) => a.question)).toEqual(lines.map((line) => line.question));
    expect(answers[0].inherited).toEqual([]);
    expect(answers[2]).toMatchObject({ kind: "answer", service: "mi-pay", availability: { region: "GR" } });
    expect(answers[2].inherited).toContain("service");
    expect(answers[3]).toMatchObject({ service: "youpin", language: "en", availability: { region: "PL" } });
    // A conversation of its own has nothing to inherit: the lone fragment is declined.
    expect(answers[4]).toMatchObject({ kind: "fallback", inherited: [] });
  });

  it("GIVEN --dialogue and bad lines THEN each bad line gets a JSON error object on its own line and the rest go on", () => {
    const input = [
      JSON.stringify({ conversation: "a", question: "Xiaomi Pay funziona in Italia?" }),
      "not json",
      JSON.stringify({ conversation: "a" }),
      JSON.stringify({ conversation: 7, question: "e in Grecia?" }),
      JSON.stringify(["a", "e in Grecia?"]),
      JSON.stringify({ conversation: "a", question: "e in Grecia?" }),
    ].join("\n");
    const { stdout, status } = run("src/cli/ask.ts", ["--json", "--dialogue"], input);
    expect(status).toBe(0);
    const out = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(out).toHaveLength(6);
    expect(out.slice(1, 5).map((o) => o.line)).toEqual([2, 3, 4, 5]);
    for (const error of out.slice(1, 5)) expect(error.error).toEqual(expect.any(String));
    expect(out[2].error).toMatch(/question/);
    expect(out[3].error).toMatch(/conversation/);
    // The bad lines left conversation "a" as it was.
    expect(out[5]).toMatchObject({ kind: "answer", availability: { region: "GR" } });
  });

  it("GIVEN plain --json on stdin THEN every line stays a conversation of its own", () => {
    const { stdout } = run("src/cli/ask.ts", ["--json"], "Xiaomi Pay funziona in Italia?\ne in Grecia?\n");
    const [, fragment] = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(fragment.availability?.region).not.toBe("GR");
    expect(fragment.inherited).toBeUndefined();
  });

  it("GIVEN --explain THEN shows why: language, names and scored candidates", () => {
    const { stdout } = run("src/cli/ask.ts", ["--json", "--explain", "xaioai parla italiano?"]);
    const answer = JSON.parse(stdout);
    expect(answer.explain.services).toEqual(["xiaoai"]);
    expect(answer.explain.language.language).toBe("it");
    expect(answer.explain.candidates[0]).toMatchObject({ topic: expect.any(String), score: expect.any(Number) });
  });

  it("GIVEN no flags THEN prints the answer as text with its source line", () => {
    const { stdout } = run("src/cli/ask.ts", ["what is Youpin?"]);
    expect(stdout).toMatch(/Youpin/);
    expect(stdout).toMatch(/Sources?: /);
    expect(() => JSON.parse(stdout)).toThrow();
  });

  it("GIVEN a start from the start-up caches THEN every evaluation message is answered exactly as by an assistant built afresh", async () => {
    const { createAssistant } = await import("../../src/core/index.js");
    const { loadKnowledge } = await import("../../src/knowledge/load-knowledge.js");
    const { loadEvalSet } = await import("../../src/evaluation/evaluate.js");
    const fresh = createAssistant(loadKnowledge());
    const questions = [...loadEvalSet("dev"), ...loadEvalSet("chat-dev")].map((c) => c.question.replaceAll("\n", " ")).filter((q) => q.trim() !== "");
    expect(run("src/cli/ask.ts", ["ciao"]).status).toBe(0);
    const { stdout, status } = run("src/cli/ask.ts", ["--json"], questions.join("\n"));
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toEqual(questions.map((question) => JSON.stringify(fresh.ask(question))));
  });

  it("GIVEN a malformed variable right after starts that were fine THEN the start-up caches do not hide it: stops naming it", () => {
    expect(run("src/cli/ask.ts", ["ciao"]).status).toBe(0);
    expect(run("src/cli/ask.ts", ["ciao"]).status).toBe(0);
    const { stderr, status, stdout } = run("src/cli/ask.ts", ["ciao"], undefined, { TELEGRAM_BOT_TOKEN: "123456:SECRET-TOKEN-VALUE" });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("Invalid TELEGRAM_BOT_TOKEN");
    expect(stderr).not.toContain("SECRET-TOKEN-VALUE");
  });

  it("GIVEN DATA_DIR pointing elsewhere right after starts from data/ THEN reads that folder", () => {
    expect(run("src/cli/ask.ts", ["ciao"]).status).toBe(0);
    const dataDir = mkdtempSync(join(tmpdir(), "ask-data-"));
    cpSync("data", dataDir, { recursive: true });
    const smalltalk = join(dataDir, "smalltalk.json");
    const entries = JSON.parse(readFileSync(smalltalk, "utf8"));
    const greeting = entries.find((entry: { id: string }) => entry.id === "greeting");
    greeting.answer.it = `MODIFICATO ${greeting.answer.it}`;
    writeFileSync(smalltalk, JSON.stringify(entries));
    expect(run("src/cli/ask.ts", ["ciao"], undefined, { DATA_DIR: dataDir }).stdout).toMatch(/^MODIFICATO/);
    writeFileSync(join(dataDir, "services.json"), "[");
    const broken = run("src/cli/ask.ts", ["ciao"], undefined, { DATA_DIR: dataDir });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/services\.json \$: invalid JSON/);
  });
});

describe("npm start without tokens", () => {
  it("GIVEN piped questions THEN answers each line and exits at end of input", () => {
    const { stdout, status } = run("src/main.ts", [], "ciao\nMi Pay funziona in Italia?\nApple Pay funziona in Italia?\n");
    expect(status).toBe(0);
    expect(stdout).toMatch(/Xiaomi Pay – Italia/);
    expect(stdout).toMatch(/Apple Pay/);
    expect(stdout).not.toMatch(/> /); // no prompt when not interactive
  });

  it("GIVEN a platform token THEN stops with a message naming the variable, never the token", () => {
    const { stderr, status } = run("src/main.ts", [], "", { TELEGRAM_BOT_TOKEN: "123456:SECRET-TOKEN-VALUE" });
    expect(status).toBe(1);
    expect(stderr).toContain("TELEGRAM_BOT_TOKEN");
    expect(stderr).not.toContain("SECRET-TOKEN-VALUE");
  });
});

describe("report", () => {
  it("GIVEN recorded questions and votes THEN prints the unanswered questions, disliked answers and answer rate, or JSON", async () => {
    const { Insights } = await import("../../src/operations/insights.js");
    const { createAssistant } = await import("../../src/core/index.js");
    const { loadKnowledge } = await import("../../src/knowledge/load-knowledge.js");
    const assistant = createAssistant(loadKnowledge());
    const path = join(mkdtempSync(join(tmpdir(), "report-")), "insights.db");
    const insights = Insights.open({ path, retentionDays: 90, log: () => {} });
    insights.recordAnswer({ platform: "telegram", userId: "1", answer: assistant.ask("Che tempo fa a Roma?") });
    insights.recordAnswer({ platform: "discord", userId: "2", answer: assistant.ask("che tempo fa a roma") });
    const answered = insights.recordAnswer({ platform: "discord", userId: "2", answer: assistant.ask("cos'è youpin?") })!;
    insights.recordVote("discord", "3", answered, -1);
    insights.close();

    const text = run("src/cli/report.ts", [], "", { INSIGHTS_DB: path });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Most frequent unanswered questions:\n\s+2\s+\[it\]\s+Che tempo fa a Roma\?/);
    expect(text.stdout).toMatch(/Most disliked answers.*\n\s+youpin-\S+: 1 \/ 0/);
    expect(text.stdout).toMatch(/discord\s+it\s+50\.0%\s+\(1\/2\)/);

    const json = run("src/cli/report.ts", ["--json"], "", { INSIGHTS_DB: path });
    const report = JSON.parse(json.stdout);
    expect(report.unanswered[0]).toMatchObject({ question: "che tempo fa a roma", count: 2, languages: ["it"] });
    expect(report.answerRate).toHaveLength(2);
  });

  it("GIVEN no database yet THEN says where it looked and how it gets created", () => {
    const { stderr, status } = run("src/cli/report.ts", [], "", { INSIGHTS_DB: join(tmpdir(), "no-such-insights.db") });
    expect(status).toBe(1);
    expect(stderr).toMatch(/No insights database at .*no-such-insights\.db/);
  });
});

describe("every command's options", () => {
  const commands = ["src/cli/ask.ts", "src/cli/eval.ts", "src/cli/check-data.ts", "src/cli/report.ts"];

  it.each(commands)("GIVEN --help THEN %s prints its usage and exits 0", (script) => {
    const { stdout, stderr, status } = run(script, ["--help"], "");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^usage: npm run/);
    expect(stderr).toBe("");
  });

  it.each(commands)("GIVEN an option it does not know THEN %s names it with its usage, exits 2, and shows no stack trace", (script) => {
    const { stdout, stderr, status } = run(script, ["--colour"], "");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/'--colour'/);
    expect(stderr).toMatch(/usage: npm run/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
