/**
 * `npm run bench:telegram`: time from an update leaving the Bot API emulator (the getUpdates
 * response written, or the webhook POST sent) to the bot's sendMessage arriving back, over
 * 1,000 updates, one at a time, in long-polling and webhook mode. The real telegraf client over
 * HTTP on 127.0.0.1, so it includes telegraf, JSON and sockets, not only the core.
 */
import { createAssistant } from "../src/core/index.js";
import { loadKnowledge } from "../src/knowledge/load-knowledge.js";
import { startTelegram } from "../src/adapters/telegram/telegram-bot.js";
import { loadEvalSet } from "../src/evaluation/evaluate.js";
import { BotApiEmulator, textMessage } from "../tests/adapters/telegram/bot-api-emulator.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const UPDATES = Number(process.env.BENCH_UPDATES ?? 1_000);
const questions = loadEvalSet("dev").map((c) => c.question);
const assistant = createAssistant(loadKnowledge());

async function measure(mode: "polling" | "webhook"): Promise<number[]> {
  const emulator = await new BotApiEmulator(TOKEN).start();
  const adapter = await startTelegram(
    {
      token: TOKEN,
      apiRoot: emulator.apiRoot,
      webhook: mode === "webhook" ? { url: "https://bot.example.org/hook", secret: "bench-secret", port: 0 } : undefined,
    },
    { assistant, log: () => {} },
  );
  if (adapter.webhookPort) emulator.webhookPort = adapter.webhookPort;
  const millis: number[] = [];
  for (let i = 0; i < UPDATES + 50; i++) {
    // A different user each time: the flood limit is not what is measured here.
    const user = { id: 100_000 + i, first_name: "Bench", language_code: i % 2 ? "it" : "en" };
    const updateId = emulator.pushUpdate(textMessage(user, questions[i % questions.length]!));
    const reply = await emulator.waitForCall("sendMessage", (body) => body.chat_id === user.id);
    if (i >= 50) millis.push(reply.at - emulator.deliveredAt.get(updateId)!); // the first 50 warm up
  }
  await adapter.stop("bench over");
  await emulator.stop();
  return millis.sort((a, b) => a - b);
}

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

process.stdout.write(`Telegram adapter, ${UPDATES} updates one at a time, Node ${process.version}\n`);
process.stdout.write("| mode | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |\n|---|---|---|---|---|\n");
for (const mode of ["polling", "webhook"] as const) {
  const sorted = await measure(mode);
  process.stdout.write(`| ${mode} | ${at(sorted, 50).toFixed(2)} | ${at(sorted, 90).toFixed(2)} | ${at(sorted, 99).toFixed(2)} | ${sorted.at(-1)!.toFixed(2)} |\n`);
}
