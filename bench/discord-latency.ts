/**
 * `npm run bench:discord`: time from an INTERACTION_CREATE leaving the gateway emulator to the
 * interaction callback arriving at its REST emulator, over 1,000 `/ask` interactions, one at a
 * time. The real discord.js client over a WebSocket and HTTP on 127.0.0.1.
 */
import { createAssistant } from "../src/core/index.js";
import { loadKnowledge } from "../src/knowledge/load-knowledge.js";
import { startDiscord } from "../src/adapters/discord/discord-bot.js";
import { loadEvalSet } from "../src/evaluation/evaluate.js";
import { commandInteraction, DiscordEmulator } from "../tests/adapters/discord/discord-emulator.js";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB";
const INTERACTIONS = Number(process.env.BENCH_UPDATES ?? 1_000);
const questions = loadEvalSet("dev").map((c) => c.question);

const emulator = await new DiscordEmulator(TOKEN).start();
const adapter = await startDiscord({ token: TOKEN, apiRoot: emulator.apiRoot }, { assistant: createAssistant(loadKnowledge()), log: () => {} });
const millis: number[] = [];
for (let i = 0; i < INTERACTIONS + 50; i++) {
  // A different member each time: the flood limit is not what is measured here.
  const member = { id: String(1_700_000_000_000_000_000n + BigInt(i)), username: `bench${i}` };
  const interaction = commandInteraction(member, "ask", [{ name: "question", value: questions[i % questions.length]! }], i % 2 ? "it" : "en-US");
  emulator.dispatch("INTERACTION_CREATE", interaction);
  const callback = await emulator.callbackFor(interaction.id);
  if (i >= 50) millis.push(callback.at - emulator.dispatchedAt.get(interaction.id)!); // the first 50 warm up
}
await adapter.stop("bench over");
await emulator.stop();

millis.sort((a, b) => a - b);
const at = (p: number) => millis[Math.min(millis.length - 1, Math.floor((p / 100) * millis.length))]!;
process.stdout.write(`Discord adapter, ${INTERACTIONS} /ask interactions one at a time, Node ${process.version}\n`);
process.stdout.write(`| p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |\n|---|---|---|---|\n`);
process.stdout.write(`| ${at(50).toFixed(2)} | ${at(90).toFixed(2)} | ${at(99).toFixed(2)} | ${millis.at(-1)!.toFixed(2)} |\n`);
