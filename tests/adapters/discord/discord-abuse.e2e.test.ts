/**
 * A bad network between the Discord bot and Discord: 429s, 500s, requests that hang, dropped
 * connections and a dropped gateway. Every interaction gets exactly one accepted answer, and the
 * bot recovers by itself.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAssistant } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { startDiscord } from "../../../src/adapters/discord/discord-bot.js";
import type { RunningAdapter } from "../../../src/adapters/shared/running-adapter.js";
import { until } from "../../support/until.js";
import { BOT_ID, commandInteraction, DEDUPLICATED, DiscordEmulator, messageCreate, type DiscordFault } from "./discord-emulator.js";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB";
const assistant = createAssistant(loadKnowledge());
const QUESTIONS = ["mi pay funziona in italia?", "what is youpin?", "cos'è xiaoai?", "can i back up my redmi?", "che tempo fa?"];

let running: { emulator: DiscordEmulator; adapter: RunningAdapter } | undefined;
afterEach(async () => {
  await running?.adapter.stop("test over");
  await running?.emulator.stop();
  running = undefined;
});

describe("Discord bot under a bad network", () => {
  it("GIVEN 429s, 500s, hung, dropped and answered-but-lost requests and a dropped gateway THEN every interaction is answered exactly once", async () => {
    const emulator = await new DiscordEmulator(TOKEN).start();
    const adapter = await startDiscord({ token: TOKEN, apiRoot: emulator.apiRoot }, { assistant, log: () => {} }, { restTimeoutMs: 300 });
    running = { emulator, adapter };
    const faults: DiscordFault[] = [{ status: 429, retryAfter: 0.2 }, { status: 500 }, { hang: true }, { drop: true }, { lostReply: true }, { status: 502 }];
    const callbacks = /^POST \/interactions\/\d+\/[^/]+\/callback$/;
    for (let i = 0; i < 20; i++) if (i % 3 !== 2) emulator.failNext(callbacks, faults[i % faults.length]!);

    const interactions = Array.from({ length: 20 }, (_, i) =>
      commandInteraction({ id: String(1_800_000_000_000_000_000n + BigInt(i)), username: `m${i}` }, "ask", [{ name: "question", value: QUESTIONS[i % QUESTIONS.length]! }], i % 2 ? "it" : "en-US"),
    );
    interactions.slice(0, 10).forEach((interaction) => emulator.dispatch("INTERACTION_CREATE", interaction));
    emulator.dropGateway();
    await emulator.whenConnected(15_000);
    interactions.slice(10).forEach((interaction) => emulator.dispatch("INTERACTION_CREATE", interaction));

    await Promise.all(interactions.map((interaction) => emulator.callbackFor(interaction.id, 20_000)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const interaction of interactions) {
      const answered = emulator.rest.filter((c) => c.path.startsWith(`/interactions/${interaction.id}/`) && c.status < 300);
      expect(answered).toHaveLength(1);
    }
    const failed = emulator.rest.filter((c) => callbacks.test(`${c.method} ${c.path}`) && c.status >= 300);
    expect(failed.length).toBeGreaterThanOrEqual(10);
  }, 40_000);

  it("GIVEN mentions whose replies are lost on the way or after arriving THEN each mention gets exactly one reply", async () => {
    const emulator = await new DiscordEmulator(TOKEN).start();
    const adapter = await startDiscord({ token: TOKEN, apiRoot: emulator.apiRoot }, { assistant, log: () => {} }, { restTimeoutMs: 300 });
    running = { emulator, adapter };
    const replies = /^POST \/channels\/\d+\/messages$/;
    emulator.failNext(replies, { lostReply: true }, { drop: true }, { status: 500 }, { lostReply: true }, { hang: true });
    const mentions = Array.from({ length: 8 }, (_, i) =>
      messageCreate({ id: String(1_900_000_000_000_000_000n + BigInt(i)), username: `p${i}` }, `<@${BOT_ID}> ${QUESTIONS[i % QUESTIONS.length]}`, { mentionsBot: true }),
    );
    for (const mention of mentions) emulator.dispatch("MESSAGE_CREATE", mention);
    const created = () => emulator.rest.filter((c) => replies.test(`${c.method} ${c.path}`) && c.status === 200);
    await until(() => created().length >= mentions.length, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const mention of mentions) {
      expect(created().filter((c) => c.body.message_reference?.message_id === mention.id)).toHaveLength(1);
    }
    expect(emulator.rest.filter((c) => c.status === DEDUPLICATED).length).toBeGreaterThanOrEqual(2);
  }, 40_000);
});
