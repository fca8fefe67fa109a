/**
 * What a crowd and a bad network do to the Telegram bot: a burst of 1,000 messages from 50 users,
 * and faults of every kind on the way out. The bot stays up, memory stays bounded, limits hold,
 * and every answer that should be sent is sent exactly once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAssistant } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { startTelegram } from "../../../src/adapters/telegram/telegram-bot.js";
import type { RunningAdapter } from "../../../src/adapters/shared/running-adapter.js";
import { until } from "../../support/until.js";
import { BotApiEmulator, textMessage, type Fault } from "./bot-api-emulator.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const assistant = createAssistant(loadKnowledge());
const QUESTIONS = ["mi pay funziona in italia?", "what is youpin?", "cos'è xiaoai?", "can i back up my redmi?", "che tempo fa?"];

let running: { emulator: BotApiEmulator; adapter: RunningAdapter } | undefined;
afterEach(async () => {
  await running?.adapter.stop("test over");
  await running?.emulator.stop();
  running = undefined;
});

async function start(options: Parameters<typeof startTelegram>[2]) {
  const emulator = await new BotApiEmulator(TOKEN).start();
  const adapter = await startTelegram({ token: TOKEN, apiRoot: emulator.apiRoot }, { assistant, log: () => {} }, options);
  running = { emulator, adapter };
  return emulator;
}

const accepted = (emulator: BotApiEmulator, chatId: number) =>
  emulator.callsOf("sendMessage").filter((c) => c.body.chat_id === chatId && !c.rejected);


describe("Telegram bot under abuse", () => {
  it("GIVEN 1,000 messages from 50 users in a burst THEN each gets its allowance and one notice, and a newcomer is still answered", async () => {
    const burst = 5;
    const emulator = await start({ rateLimit: { burst, refillMs: 60_000 } });
    const heapBefore = process.memoryUsage().heapUsed;
    const users = Array.from({ length: 50 }, (_, i) => ({ id: 5_000 + i, first_name: `U${i}`, language_code: i % 2 ? "it" : "en" }));
    for (let round = 0; round < 20; round++) for (const user of users) emulator.pushUpdate(textMessage(user, QUESTIONS[round % QUESTIONS.length]!));
    const newcomer = { id: 9_999, first_name: "New", language_code: "it" };
    emulator.pushUpdate(textMessage(newcomer, "cos'è youpin?"));

    await until(() => users.every((u) => accepted(emulator, u.id).length === burst + 1) && accepted(emulator, newcomer.id).length === 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more trickles in
    for (const user of users) {
      const texts = accepted(emulator, user.id).map((c) => c.body.text as string);
      expect(texts).toHaveLength(burst + 1);
      expect(texts.filter((t) => /velocemente|very fast/.test(t))).toHaveLength(1);
    }
    expect(emulator.callsOf("sendMessage").filter((c) => !c.rejected)).toHaveLength(50 * (burst + 1) + 1);
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    expect(heapGrowthMb).toBeLessThan(100);
  }, 30_000);

  it("GIVEN 429s, 500s, hung requests and dropped connections on the way out THEN every answer arrives exactly once", async () => {
    const emulator = await start({ retry: { maxWaitMs: 2_000, attempts: 6, backoffMs: 20, timeoutMs: 300 } });
    const faults: Fault[] = [{ status: 429, retryAfter: 1 }, { status: 500 }, { hang: true }, { drop: true }, { status: 502 }];
    const users = Array.from({ length: 30 }, (_, i) => ({ id: 7_000 + i, first_name: `F${i}` }));
    // Faults spread over the first sends, in a fixed pattern: every kind hits several answers.
    for (let i = 0; i < 30; i++) if (i % 3 !== 2) emulator.failNext("sendMessage", faults[i % faults.length]!);
    users.forEach((user, i) => emulator.pushUpdate(textMessage(user, QUESTIONS[i % QUESTIONS.length]!)));
    await until(() => users.every((u) => accepted(emulator, u.id).length >= 1), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const user of users) expect(accepted(emulator, user.id)).toHaveLength(1);
    expect(emulator.callsOf("sendMessage").filter((c) => c.rejected).length).toBe(20);

    // And it recovered by itself: a fresh question, no faults, answered at once.
    emulator.pushUpdate(textMessage({ id: 8_000, first_name: "After" }, "what is xiaoai?"));
    await emulator.waitForCall("sendMessage", (body) => body.chat_id === 8_000);
  }, 30_000);
});
