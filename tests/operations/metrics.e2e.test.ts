/**
 * /healthz and /metrics as an operator scrapes them, from `npm start` running both bots against
 * the emulators: health follows the platform connections, and every counter moves when the thing
 * it counts happens (questions, floods, handler errors, reloads, lost connections).
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startMain } from "../support/start-main.js";
import { until } from "../support/until.js";
import { BotApiEmulator, textMessage } from "../adapters/telegram/bot-api-emulator.js";
import { commandInteraction, DiscordEmulator } from "../adapters/discord/discord-emulator.js";

const DISCORD_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB";
const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function scrape(base: string, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, text: await response.text() };
}

/** The value of one series in Prometheus text format, 0 when absent. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of metrics.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) return Number(line.split(" ").at(-1));
  }
  return 0;
}

async function until200(base: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await scrape(base, "/healthz")).status !== 200) {
    if (Date.now() > deadline) throw new Error("/healthz never answered 200");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("METRICS_PORT", () => {
  it("GIVEN both bots running THEN /healthz follows their connections and /metrics counts questions, floods, errors, reloads and reconnects", async () => {
    const discord = await new DiscordEmulator(DISCORD_TOKEN).start();
    const telegram = await new BotApiEmulator(TELEGRAM_TOKEN).start();
    cleanup.push(() => discord.stop(), () => telegram.stop());
    const dataDir = mkdtempSync(join(tmpdir(), "data-"));
    cpSync("data", dataDir, { recursive: true });
    const bot = startMain({
      DISCORD_TOKEN,
      DISCORD_API_ROOT: discord.apiRoot,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      METRICS_PORT: "0",
      DATA_DIR: dataDir,
    });
    cleanup.push(() => bot.child.kill("SIGKILL"));
    await until(() => /metrics: .* on http:\/\/127\.0\.0\.1:\d+/.test(bot.output()), 15_000);
    const base = `http://127.0.0.1:${/on http:\/\/127\.0\.0\.1:(\d+)/.exec(bot.output())![1]}`;

    await until200(base);
    expect(JSON.parse((await scrape(base, "/healthz")).text)).toEqual({ status: "ok", knowledge: true, adapters: { telegram: true, discord: true } });

    // Questions on both platforms, by platform, kind and language.
    await until(() => telegram.isPolling, 15_000);
    telegram.pushUpdate(textMessage({ id: 42, first_name: "Anna", language_code: "it" }, "xiaomi pay funziona in italia?"));
    await telegram.waitForCall("sendMessage", (body) => body.chat_id === 42);
    const interaction = commandInteraction({ id: "1600000000000000009", username: "luca" }, "ask", [{ name: "question", value: "what is youpin?" }], "en-US");
    discord.dispatch("INTERACTION_CREATE", interaction);
    await discord.callbackFor(interaction.id);

    // One user flooding: 5 answered, the 6th gets a notice, the 7th nothing; both count as drops.
    for (let i = 0; i < 7; i++) telegram.pushUpdate(textMessage({ id: 43, first_name: "Bea", language_code: "it" }, "cos'è youpin?"));
    await until(() => telegram.callsOf("sendMessage").filter((call) => call.body.chat_id === 43).length === 6);
    expect(telegram.callsOf("sendMessage").filter((call) => call.body.chat_id === 43 && /velocemente/.test(call.body.text))).toHaveLength(1);

    // A reply Telegram refuses for good (400) makes the handler fail: counted, the user apologised to.
    telegram.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    telegram.pushUpdate(textMessage({ id: 44, first_name: "Carlo", language_code: "it" }, "cos'è xiaoai?"));
    await telegram.waitForCall("sendMessage", (body) => body.chat_id === 44 && /Scusa/.test(body.text));

    // A reload that works, then one refused because the data is broken.
    bot.child.kill("SIGHUP");
    await until(() => bot.output().includes("knowledge reloaded (SIGHUP)"));
    writeFileSync(join(dataDir, "services.json"), "{ not json");
    bot.child.kill("SIGHUP");
    await until(() => bot.output().includes("knowledge not reloaded (SIGHUP)"));

    // The gateway connection drops: counted, and health is back once the shard resumed.
    discord.dropGateway();
    await until(() => bot.output().includes("discord gateway shard 0 lost its connection"));
    await discord.whenConnected(15_000);
    await until200(base);

    let metrics = (await scrape(base, "/metrics")).text;
    expect(sample(metrics, "bot_questions_total", { platform: "telegram", kind: "answer", language: "it" })).toBe(1 + 5 + 1);
    expect(sample(metrics, "bot_questions_total", { platform: "discord", kind: "answer", language: "en" })).toBe(1);
    expect(sample(metrics, "bot_rate_limited_total", { platform: "telegram" })).toBe(2);
    expect(sample(metrics, "bot_handler_errors_total", { platform: "telegram" })).toBe(1);
    expect(sample(metrics, "bot_knowledge_reloads_total")).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "bot_knowledge_reload_failures_total")).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "bot_reconnects_total", { platform: "discord" })).toBe(1);
    expect(sample(metrics, "bot_update_duration_seconds_count", { platform: "telegram" })).toBeGreaterThanOrEqual(9);
    expect(sample(metrics, "bot_answer_duration_seconds_bucket", { platform: "discord", le: "+Inf" })).toBe(1);
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);

    // Long polling fails (Telegram answers 500; telegraf waits 5 s before trying again): 503
    // while it is down, 200 once it works again.
    telegram.failNext("getUpdates", { status: 500 });
    telegram.pushUpdate(textMessage({ id: 45, first_name: "Dario", language_code: "it" }, "ciao"));
    await until(() => bot.output().includes("telegram: polling failed"));
    const down = await scrape(base, "/healthz");
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text).adapters).toEqual({ telegram: false, discord: true });
    // A long poll succeeds only when it returns: with an update waiting, as soon as polling resumes.
    telegram.pushUpdate(textMessage({ id: 45, first_name: "Dario", language_code: "it" }, "cos'è mi cloud?"));
    await until(() => bot.output().includes("telegram: polling works again"), 15_000);
    await until200(base);
    metrics = (await scrape(base, "/metrics")).text;
    expect(sample(metrics, "bot_reconnects_total", { platform: "telegram" })).toBe(1);

    expect((await scrape(base, "/nothing-here")).status).toBe(404);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it("GIVEN METRICS_PORT that is not a port THEN the start stops naming the variable", async () => {
    const bot = startMain({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, METRICS_PORT: "http-8080" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/Invalid METRICS_PORT/);
    expect(bot.output()).not.toContain("http-8080");
  });
});
