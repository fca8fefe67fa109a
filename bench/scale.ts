/**
 * `npm run bench:scale`: capacity of 1 and of 2 instances, deployed as in production: `npm start`
 * processes (compiled) in Telegram webhook mode behind a round-robin balancer, sharing Redis
 * (REDIS_URL, default redis://127.0.0.1:6379) and PostgreSQL insights (a fresh database on
 * postgres://postgres@127.0.0.1:5432/test). A closed loop keeps CONCURRENCY updates in flight,
 * each from a new user (so no flood limit applies), for DURATION_MS; it reports the sustained
 * updates per second and the update → reply latency percentiles. The emulator, the balancer and
 * this load generator share the machine's cores with the instances: the figures are a floor.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { loadEvalSet } from "../src/evaluation/evaluate.js";
import { BotApiEmulator, textMessage } from "../tests/adapters/telegram/bot-api-emulator.js";
import { createDatabase } from "../tests/support/postgres.js";
import { RoundRobin } from "../tests/support/round-robin.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const DURATION_MS = Number(process.env.DURATION_MS ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const questions = loadEvalSet("dev").map((c) => c.question);

async function startInstance(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["dist/main.js"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = /serving its webhook on port (\d+)/.exec(output);
      if (match) {
        output = "";
        child.stderr!.removeAllListeners("data");
        child.stderr!.resume();
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`instance exited ${code}: ${output}`)));
  });
}

async function measure(instances: number): Promise<{ rate: number; p50: number; p99: number }> {
  const database = await createDatabase();
  const telegram = await new BotApiEmulator(TOKEN).start();
  const env = {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg",
    TELEGRAM_WEBHOOK_SECRET: "bench-secret",
    DISCORD_TOKEN: "",
    PORT: "0",
    REDIS_URL,
    INSIGHTS_DB: database.url,
    INSIGHTS_SALT: "bench-salt-bench-salt",
    LOG_LEVEL: "info",
  };
  const started = await Promise.all(Array.from({ length: instances }, () => startInstance(env)));
  const balancer = await new RoundRobin(started.map((s) => s.port)).start();
  telegram.webhookPort = balancer.port;

  const latencies: number[] = [];
  let nextUser = 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
  let warm = true;
  const worker = async (deadline: { at: number }) => {
    while (performance.now() < deadline.at) {
      const user = nextUser++;
      const question = questions[user % questions.length]!;
      const sent = performance.now();
      const reply = telegram.waitForCall("sendMessage", (body) => body.chat_id === user, 30_000);
      telegram.pushUpdate(textMessage({ id: user, first_name: "Bench", language_code: "it" }, question));
      await reply;
      if (!warm) latencies.push(performance.now() - sent);
    }
  };
  // Two seconds of warm-up (JIT, connection pools), then the measured window.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker({ at: performance.now() + 2_000 })));
  warm = false;
  const windowStart = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker({ at: windowStart + DURATION_MS })));
  const elapsed = performance.now() - windowStart;

  for (const { child } of started) child.kill("SIGTERM");
  await Promise.all(started.map(({ child }) => new Promise((resolve) => child.on("exit", resolve))));
  await balancer.stop();
  await telegram.stop();
  await database.drop();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rate: (latencies.length / elapsed) * 1000, p50: at(0.5), p99: at(0.99) };
}

execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
process.stdout.write(`closed loop, ${CONCURRENCY} updates in flight, ${DURATION_MS / 1000} s measured after 2 s warm-up\n`);
for (const instances of [1, 2]) {
  const { rate, p50, p99 } = await measure(instances);
  process.stdout.write(`${instances} instance${instances > 1 ? "s" : " "}  ${rate.toFixed(0).padStart(5)} updates/s  p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms\n`);
}
