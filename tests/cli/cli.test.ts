/**
 * The command line as a user runs it: `npm run --silent ask`, and `npm start` with piped input.
 * Real processes; standard output must carry only answers.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { AnswerSchema } from "../../src/core/index.js";

function run(script: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, DISCORD_TOKEN: "", TELEGRAM_BOT_TOKEN: "", ...env },
    timeout: 30_000,
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
