/**
 * `npm start` with a Telegram token, as a real process against the Bot API emulator: it answers,
 * stops cleanly on SIGTERM within 5 seconds, and a start-up failure names the problem without
 * printing the token.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startMain } from "../../support/start-main.js";
import { until } from "../../support/until.js";
import { BotApiEmulator, textMessage } from "./bot-api-emulator.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const SECRET_PART = TOKEN.split(":")[1]!;

let emulator: BotApiEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});



describe("npm start with TELEGRAM_BOT_TOKEN", () => {
  it("GIVEN a running bot THEN answers a private message and stops within 5 seconds of SIGTERM", async () => {
    emulator = await new BotApiEmulator(TOKEN).start();
    const bot = startMain({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot });
    await until(() => emulator!.isPolling, 15_000);
    emulator.pushUpdate(textMessage({ id: 42, first_name: "Anna", language_code: "it" }, "xiaomi pay funziona in italia?"));
    const reply = await emulator.waitForCall("sendMessage", (body) => body.chat_id === 42);
    expect(reply.body.text).toMatch(/Italia/);

    // Not a terminal: JSON log lines, one per question, the user only as a hash.
    await until(() => bot.output().includes('"msg":"question"'), 5_000);
    const question = bot.output().split("\n").filter((line) => line.includes('"msg":"question"')).map((line) => JSON.parse(line));
    expect(question).toEqual([expect.objectContaining({ platform: "telegram", language: "it", kind: "answer", service: "mi-pay", confidence: expect.any(Number), latencyMs: expect.any(Number), user: expect.any(String) })]);
    // A salted hash, not the id: the hash may contain "42" by chance, the id itself never stands alone.
    expect(question[0].user).not.toBe("42");
    expect(question[0].user).toMatch(/^[A-Za-z0-9_-]{12,}$/);
    expect(bot.output()).not.toMatch(/"(user|userId|chatId|chat_id|from)":\s*"?42"?[,}]/);

    bot.child.kill("SIGHUP");
    await until(() => bot.output().includes("knowledge reloaded (SIGHUP)"), 5_000);

    const stopping = performance.now();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(5_000);
    expect(bot.output()).not.toContain(SECRET_PART);
  }, 30_000);

  it("GIVEN an API that cannot be reached THEN exits 1 with a message naming the problem, never the token", async () => {
    const bot = startMain({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:9" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/telegram: could not start/);
    expect(bot.output()).not.toContain(SECRET_PART);
  }, 30_000);

  it("GIVEN a token the API rejects THEN exits 1 naming TELEGRAM_BOT_TOKEN, never the token", async () => {
    emulator = await new BotApiEmulator("999999:someone-elses-token-aaaaaaaaaaaaaaaaaa").start();
    const bot = startMain({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/TELEGRAM_BOT_TOKEN was rejected/);
    expect(bot.output()).not.toContain(SECRET_PART);
  }, 30_000);
});
