/**
 * `npm start` as a real process (the compiled dist/main.js), for end-to-end tests: no platform token but those given, its
 * insights in a fresh temporary database, standard output and error collected together.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function startMain(env: NodeJS.ProcessEnv, insightsDb = join(mkdtempSync(join(tmpdir(), "insights-")), "insights.db")) {
  const child = spawn(process.execPath, ["dist/main.js"], {
    env: { ...process.env, INSIGHTS_DB: insightsDb, TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", TELEGRAM_WEBHOOK_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}
