/**
 * `npm start` with DISCORD_TOKEN as a real process against the emulator: it answers, stops on
 * SIGTERM within 5 seconds, runs beside Telegram when both tokens are set, and a rejected token
 * stops the start with a message naming the variable, never the token.
 */
import { existsSync, mkdtempSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startMain } from "../../support/start-main.js";
import { until } from "../../support/until.js";
import { BotApiEmulator, textMessage } from "../telegram/bot-api-emulator.js";
import { commandInteraction, DiscordEmulator } from "./discord-emulator.js";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB";
const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const emulators: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.stop()));
});


describe("npm start with DISCORD_TOKEN", () => {
  it("GIVEN both tokens THEN both bots answer, and SIGINT stops both and closes the database within 5 seconds", async () => {
    const discord = await new DiscordEmulator(TOKEN).start();
    const telegram = await new BotApiEmulator(TELEGRAM_TOKEN).start();
    emulators.push(discord, telegram);
    const insightsDb = join(mkdtempSync(join(tmpdir(), "insights-")), "insights.db");
    const bot = startMain({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: discord.apiRoot, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot }, insightsDb);
    await discord.whenConnected(15_000);
    const interaction = commandInteraction({ id: "1600000000000000009", username: "luca" }, "ask", [{ name: "question", value: "mi cloud cos'è?" }], "it");
    // READY comes before the client is ready to handle events: retry until the bot answers.
    const answered = (async () => {
      for (;;) {
        discord.dispatch("INTERACTION_CREATE", { ...interaction });
        const reply = await discord.callbackFor(interaction.id, 500).catch(() => undefined);
        if (reply) return reply;
      }
    })();
    expect((await answered).body.data.embeds[0].description).toMatch(/Cloud/);

    await until(() => telegram.isPolling, 15_000);
    telegram.pushUpdate(textMessage({ id: 77, first_name: "Luca", language_code: "it" }, "cos'è youpin?"));
    await telegram.waitForCall("sendMessage", (body) => body.chat_id === 77);

    expect(existsSync(`${insightsDb}-wal`)).toBe(true); // open, in WAL mode
    const stopping = performance.now();
    bot.child.kill("SIGINT");
    expect(await bot.exited).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(5_000);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(`${insightsDb}-wal`)).toBe(false);
    const db = new Database(insightsDb, { readonly: true });
    expect(db.prepare("SELECT platform, COUNT(*) AS n FROM questions GROUP BY platform ORDER BY platform").all()).toEqual([
      { platform: "discord", n: expect.any(Number) },
      { platform: "telegram", n: 1 },
    ]);
    db.close();
    expect(bot.output()).not.toContain(TOKEN);
  }, 40_000);

  it("GIVEN a token Discord rejects THEN exits 1 naming DISCORD_TOKEN, never the token", async () => {
    const discord = await new DiscordEmulator("someone.elses.token-aaaaaaaaaaaaaaaaaaaaaaa").start();
    emulators.push(discord);
    const bot = startMain({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: discord.apiRoot });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/DISCORD_TOKEN was rejected/);
    expect(bot.output()).not.toContain(TOKEN);
  }, 30_000);

  it("GIVEN a malformed token THEN stops before connecting, naming the variable, never the value", async () => {
    const bot = startMain({ DISCORD_TOKEN: "not-a-token-SECRETVALUE" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/DISCORD_TOKEN/);
    expect(bot.output()).not.toContain("SECRETVALUE");
  }, 30_000);
});
