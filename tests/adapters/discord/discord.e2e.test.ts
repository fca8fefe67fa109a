/**
 * The real discord.js Client, started by `startDiscord` exactly as `npm start` starts it, against
 * a gateway + REST emulator on 127.0.0.1. Each scenario is what a member does in Discord and
 * what Discord receives back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAssistant, type Assistant } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { registerCommands, startDiscord, type DiscordOptions } from "../../../src/adapters/discord/discord-bot.js";
import { COMMAND_DEFINITIONS } from "../../../src/adapters/discord/render-discord.js";
import type { AnswerEvent, RunningAdapter } from "../../../src/adapters/shared/running-adapter.js";
import { memoryContextStore, type ContextStore } from "../../../src/adapters/shared/context-store.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Insights } from "../../../src/operations/insights.js";
import {
  APPLICATION_ID,
  autocompleteInteraction,
  BOT_ID,
  buttonInteraction,
  CHANNEL_ID,
  commandInteraction,
  DiscordEmulator,
  DM_CHANNEL_ID,
  GUILD_ID,
  messageCreate,
  type RestCall,
  type TestUser,
} from "./discord-emulator.js";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB";
const assistant = createAssistant(loadKnowledge());
const giulia: TestUser = { id: "1600000000000000001", username: "giulia" };
const tom: TestUser = { id: "1600000000000000002", username: "tom" };

let running: { emulator: DiscordEmulator; adapter: RunningAdapter; logs: string[] } | undefined;

afterEach(async () => {
  if (!running) return;
  await running.adapter.stop("test over");
  await running.emulator.stop();
  running = undefined;
});

async function startBot(options: DiscordOptions = {}, bot: Assistant = assistant, insights?: Insights, contexts?: ContextStore) {
  const emulator = await new DiscordEmulator(TOKEN).start();
  const logs: string[] = [];
  const context = {
    assistant: bot,
    log: (level: string, message: string) => logs.push(`${level} ${message}`),
    ...(contexts ? { contexts } : {}),
    ...(insights
      ? {
          answered: ({ platform, userId, answer }: AnswerEvent) => insights.recordAnswer({ platform, userId, answer }),
          voted: ({ platform, userId, answerId, vote }: { platform: AnswerEvent["platform"]; userId: string; answerId: string; vote: 1 | -1 }) =>
            insights.recordVote(platform, userId, answerId, vote),
        }
      : {}),
  };
  const adapter = await startDiscord({ token: TOKEN, apiRoot: emulator.apiRoot }, context, options);
  running = { emulator, adapter, logs };
  return running;
}

/** What the bot posted for an interaction: the callback's `data`. */
async function callbackData(emulator: DiscordEmulator, interaction: { id: string }): Promise<any> {
  const callback = await emulator.callbackFor(interaction.id);
  return callback.body.data;
}

const channelReplies = (emulator: DiscordEmulator, channelId: string) =>
  emulator.rest.filter((c) => c.method === "POST" && c.path === `/channels/${channelId}/messages` && c.status < 300);

describe("Discord bot, conversations", () => {
  /** A DM, or a mention in the guild channel, and the embed the bot replied with. */
  async function say(emulator: DiscordEmulator, user: TestUser, text: string, where: "dm" | "channel"): Promise<{ title: string; description: string }> {
    const message = where === "dm" ? messageCreate(user, text, { dm: true }) : messageCreate(user, `<@${BOT_ID}> ${text}`, { mentionsBot: true });
    emulator.dispatch("MESSAGE_CREATE", message);
    const reply = await emulator.waitForRest((c) => c.method === "POST" && c.path.endsWith("/messages") && c.body.message_reference?.message_id === message.id);
    return reply.body.embeds[0];
  }
  async function ask(emulator: DiscordEmulator, user: TestUser, question: string): Promise<{ title: string; description: string }> {
    const interaction = commandInteraction(user, "ask", [{ name: "question", value: question }], "it");
    emulator.dispatch("INTERACTION_CREATE", interaction);
    return (await callbackData(emulator, interaction)).embeds[0];
  }

  it("GIVEN a question in a DM THEN a follow-up fragment is answered in its context, and the embed says what it understood", async () => {
    const { emulator } = await startBot();
    expect((await say(emulator, giulia, "Xiaomi Pay funziona in Italia?", "dm")).description).toMatch(/^Xiaomi Pay – Italia/);
    const followUp = await say(emulator, giulia, "e in Grecia?", "dm");
    expect(followUp.title).toBe("e in Grecia?");
    expect(followUp.description).toMatch(/^Xiaomi Pay – Grecia/);
  });

  it("GIVEN two members in a channel THEN B's fragment does not use A's context, and A's own does", async () => {
    const { emulator } = await startBot();
    expect((await ask(emulator, giulia, "Xiaomi Pay funziona in Italia?")).description).toMatch(/^Xiaomi Pay – Italia/);
    const toms = await ask(emulator, tom, "e in Grecia?");
    expect(toms.description).not.toMatch(/Xiaomi Pay –/);
    expect(toms.description).toMatch(/^Non ho una risposta/);
    // Giulia follows up by mentioning the bot: the same channel, the same conversation as her /ask.
    expect((await say(emulator, giulia, "e in Grecia?", "channel")).description).toMatch(/^Xiaomi Pay – Grecia/);
  });

  it("GIVEN 15 minutes without a message THEN the context has expired and a fragment is declined", async () => {
    let now = Date.parse("2026-11-30T10:00:00Z");
    const { emulator } = await startBot({}, assistant, undefined, memoryContextStore({ now: () => now }));
    await say(emulator, tom, "does Xiaomi Pay work in Italy?", "dm");
    now += 14 * 60_000;
    expect((await say(emulator, tom, "and in Greece?", "dm")).description).toMatch(/^Xiaomi Pay – Greece/);
    now += 15 * 60_000;
    expect((await say(emulator, tom, "and in France?", "dm")).description).toMatch(/^I don't have an answer/);
  });
});

describe("Discord bot", () => {
  it("GIVEN it logs in THEN it identifies with only the intents it uses, no privileged Message Content", async () => {
    const { emulator } = await startBot();
    expect(emulator.identifies).toHaveLength(1);
    const intents = emulator.identifies[0].intents as number;
    const GUILDS = 1 << 0;
    const GUILD_MESSAGES = 1 << 9;
    const DIRECT_MESSAGES = 1 << 12;
    const MESSAGE_CONTENT = 1 << 15;
    expect(intents).toBe(GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES);
    expect(intents & MESSAGE_CONTENT).toBe(0);
  });

  it("GIVEN /ask THEN answers with an embed: title, answer, availability fields, source and date in the footer", async () => {
    const { emulator } = await startBot();
    const interaction = commandInteraction(giulia, "ask", [{ name: "question", value: "Mi Pay funziona in Italia?" }], "it");
    emulator.dispatch("INTERACTION_CREATE", interaction);
    const callback = await emulator.callbackFor(interaction.id);
    expect(callback.body.type).toBe(4);
    const [embed] = callback.body.data.embeds;
    expect(embed.title).toBe("Mi Pay funziona in Italia?");
    expect(embed.description).toMatch(/Italia/);
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(["Dove", "Stato", "Da quando"]);
    expect(embed.fields[1].value).toBe("Disponibile in parte");
    expect(embed.footer.text).toMatch(/^Fonti?: .+ – aggiornato a /);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("GIVEN a question in English from an Italian client THEN the answer follows the question's language", async () => {
    const { emulator } = await startBot();
    const interaction = commandInteraction(giulia, "ask", [{ name: "question", value: "what is youpin?" }], "it");
    emulator.dispatch("INTERACTION_CREATE", interaction);
    const data = await callbackData(emulator, interaction);
    expect(data.embeds[0].footer.text).toMatch(/^Sources?:/);
  });

  it("GIVEN someone typing in the question option THEN autocomplete offers up to 25 questions in their locale", async () => {
    const { emulator } = await startBot();
    const italian = autocompleteInteraction(giulia, "mi pay", "it");
    emulator.dispatch("INTERACTION_CREATE", italian);
    const callback = await emulator.callbackFor(italian.id);
    expect(callback.body.type).toBe(8);
    const choices: Array<{ name: string; value: string }> = callback.body.data.choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices.some((c) => /funziona|cos'è|dove/i.test(c.name))).toBe(true);

    const english = autocompleteInteraction(tom, "", "en-GB");
    emulator.dispatch("INTERACTION_CREATE", english);
    const popular = (await emulator.callbackFor(english.id)).body.data.choices;
    expect(popular.length).toBeGreaterThan(3);
    expect(popular.some((c: { name: string }) => /^(what|how|does|is|where|can)/i.test(c.name))).toBe(true);
  });

  it("GIVEN a near miss THEN suggestions come as buttons, and clicking one answers that question", async () => {
    const { emulator } = await startBot();
    const interaction = commandInteraction(giulia, "ask", [{ name: "question", value: "youpin spedizione" }], "it");
    emulator.dispatch("INTERACTION_CREATE", interaction);
    const data = await callbackData(emulator, interaction);
    const buttons: Array<{ label: string; custom_id: string }> = data.components[0].components;
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) expect(button.custom_id.length).toBeLessThanOrEqual(100);

    const chosen = buttons.find((b) => /cos'è Youpin/.test(b.label))!;
    const click = buttonInteraction(giulia, chosen.custom_id, "it");
    emulator.dispatch("INTERACTION_CREATE", click);
    const answer = await callbackData(emulator, click);
    expect(answer.embeds[0].title).toBe("cos'è Youpin?");
    expect(answer.embeds[0].footer.text).toMatch(/Font[ei]/);
  });

  it("GIVEN /services and /help THEN lists the services and explains the bot, in the user's locale", async () => {
    const { emulator } = await startBot();
    const services = commandInteraction(giulia, "services", [], "it");
    emulator.dispatch("INTERACTION_CREATE", services);
    const list = await callbackData(emulator, services);
    expect(list.embeds[0].title).toBe("Servizi Xiaomi che conosco");
    expect(list.embeds[0].fields.map((f: { name: string }) => f.name)).toEqual(["Xiaomi Pay", "XiaoAI", "Xiaomi Youpin", "Xiaomi Cloud"]);

    const help = commandInteraction(tom, "help", [], "en-US");
    emulator.dispatch("INTERACTION_CREATE", help);
    const explained = await callbackData(emulator, help);
    expect(explained.embeds[0].description).toMatch(/Xiaomi Pay/);
    expect(explained.components[0].components).toHaveLength(3);
  });

  it("GIVEN a mention in a guild channel or a DM THEN replies to it; other messages get nothing", async () => {
    const { emulator } = await startBot();
    emulator.dispatch("MESSAGE_CREATE", messageCreate(tom, "anyone knows if mi pay works in italy?"));
    const mention = messageCreate(giulia, `<@${BOT_ID}> mi pay in italia?`, { mentionsBot: true });
    emulator.dispatch("MESSAGE_CREATE", mention);
    const reply = await emulator.waitForRest((c) => c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(reply.body.message_reference.message_id).toBe(mention.id);
    expect(reply.body.embeds[0].description).toMatch(/Italia/);
    expect(reply.body.embeds[0].title).not.toContain(BOT_ID);

    const dm = messageCreate(tom, "what is xiaoai?", { dm: true });
    emulator.dispatch("MESSAGE_CREATE", dm);
    const dmReply = await emulator.waitForRest((c) => c.method === "POST" && c.path === `/channels/${DM_CHANNEL_ID}/messages`);
    expect(dmReply.body.embeds[0].description).toMatch(/XiaoAI/);
    expect(channelReplies(emulator, CHANNEL_ID)).toHaveLength(1);
  });

  it("GIVEN @everyone or a user mention typed into a question THEN nothing the bot sends can ping", async () => {
    const { emulator } = await startBot();
    const interaction = commandInteraction(giulia, "ask", [{ name: "question", value: `@everyone <@${tom.id}> mi pay in italia?` }], "it");
    emulator.dispatch("INTERACTION_CREATE", interaction);
    const callback = await emulator.callbackFor(interaction.id);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    emulator.dispatch("MESSAGE_CREATE", messageCreate(giulia, `<@${BOT_ID}> @everyone youpin?`, { mentionsBot: true }));
    const reply = await emulator.waitForRest((c) => c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("GIVEN an answer longer than an embed allows THEN it is trimmed cleanly within Discord's limits", async () => {
    const long = loadKnowledge();
    const entry = long.faq.find((e) => e.service === "youpin")!;
    entry.answer.en = Array.from({ length: 80 }, (_, i) => `Sentence ${i + 1} about Youpin and its partners.`).join(" ").repeat(3);
    const { emulator } = await startBot({}, createAssistant(long));
    const interaction = commandInteraction(tom, "ask", [{ name: "question", value: entry.questions.en[0]! }], "en-US");
    emulator.dispatch("INTERACTION_CREATE", interaction);
    const [embed] = (await callbackData(emulator, interaction)).embeds;
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toMatch(/\.…$/);
    const total = embed.title.length + embed.description.length + (embed.footer?.text.length ?? 0);
    expect(total).toBeLessThanOrEqual(6000);
  });

  it("GIVEN one member flooding THEN one ephemeral notice, then silence, while another member is answered", async () => {
    const { emulator } = await startBot({ rateLimit: { burst: 2, refillMs: 60_000 } });
    const flood = Array.from({ length: 6 }, () => commandInteraction(giulia, "ask", [{ name: "question", value: "mi pay in italia?" }], "it"));
    for (const interaction of flood) emulator.dispatch("INTERACTION_CREATE", interaction);
    const other = commandInteraction(tom, "ask", [{ name: "question", value: "what is youpin?" }], "en-US");
    emulator.dispatch("INTERACTION_CREATE", other);
    await emulator.callbackFor(other.id);
    await emulator.callbackFor(flood[2]!.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const callbacks = flood.map((i) => emulator.rest.find((c) => c.path.startsWith(`/interactions/${i.id}/`)));
    expect(callbacks.slice(0, 2).every((c) => c?.body.data.embeds)).toBe(true);
    expect(callbacks[2]!.body.data.flags).toBe(64); // ephemeral notice
    expect(callbacks[2]!.body.data.content).toMatch(/velocemente/);
    expect(callbacks.slice(3).every((c) => c === undefined)).toBe(true);
  });

  it("GIVEN a failing handler THEN logs it, apologises ephemerally and keeps serving", async () => {
    const broken: Assistant = {
      ...assistant,
      converse: (question, context, options) => (question.includes("boom") ? (() => { throw new Error("boom"); })() : assistant.converse(question, context, options)),
    };
    const { emulator, logs } = await startBot({}, broken);
    const failing = commandInteraction(giulia, "ask", [{ name: "question", value: "boom" }], "it");
    emulator.dispatch("INTERACTION_CREATE", failing);
    const apology = await emulator.callbackFor(failing.id);
    expect(apology.body.data.flags).toBe(64);
    expect(apology.body.data.content).toMatch(/Scusa/);
    const next = commandInteraction(giulia, "ask", [{ name: "question", value: "cos'è youpin?" }], "it");
    emulator.dispatch("INTERACTION_CREATE", next);
    expect((await callbackData(emulator, next)).embeds[0].description).toMatch(/Youpin/);
    expect(logs.some((line) => line.startsWith("error") && line.includes("boom"))).toBe(true);
  });

  it("GIVEN a 429 and a 500 from REST and a dropped gateway connection THEN the bot recovers and still answers", async () => {
    const { emulator, logs } = await startBot();
    emulator.failNext(/^POST \/interactions\/\d+\/[^/]+\/callback$/, { status: 429, retryAfter: 0.2 }, { status: 500 });
    const first = commandInteraction(giulia, "ask", [{ name: "question", value: "cos'è xiaoai?" }], "it");
    emulator.dispatch("INTERACTION_CREATE", first);
    const answered = await emulator.callbackFor(first.id);
    expect(answered.body.data.embeds[0].description).toMatch(/XiaoAI/);
    expect(emulator.rest.filter((c) => c.path.startsWith(`/interactions/${first.id}/`)).map((c: RestCall) => c.status)).toEqual([429, 500, 204]);

    emulator.dropGateway();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emulator.whenConnected(15_000);
    const afterDrop = commandInteraction(tom, "ask", [{ name: "question", value: "what is youpin?" }], "en-US");
    emulator.dispatch("INTERACTION_CREATE", afterDrop);
    expect((await callbackData(emulator, afterDrop)).embeds[0].description).toMatch(/Youpin/);
    expect(emulator.resumes).toBe(1); // the session was resumed, not started over
    expect(logs.join("\n")).not.toContain(TOKEN);
  }, 30_000);

  it("GIVEN the registration script THEN it sends exactly the command definitions, globally or to one server", async () => {
    const emulator = await new DiscordEmulator(TOKEN).start();
    try {
      await registerCommands({ token: TOKEN, apiRoot: emulator.apiRoot });
      await registerCommands({ token: TOKEN, apiRoot: emulator.apiRoot, guildId: GUILD_ID });
      const puts = emulator.rest.filter((c) => c.method === "PUT");
      expect(puts.map((c) => c.path)).toEqual([`/applications/${APPLICATION_ID}/commands`, `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`]);
      for (const put of puts) expect(put.body).toEqual(JSON.parse(JSON.stringify(COMMAND_DEFINITIONS)));
    } finally {
      await emulator.stop();
    }
  });

  it("GIVEN an answer THEN thumbs up/down buttons record one vote per member, changeable, acknowledged privately", async () => {
    const insights = Insights.open({ path: join(mkdtempSync(join(tmpdir(), "dc-votes-")), "insights.db"), retentionDays: 90, log: () => {} });
    const { emulator } = await startBot({}, assistant, insights);
    const asked = commandInteraction(giulia, "ask", [{ name: "question", value: "cos'è mi cloud?" }], "it");
    emulator.dispatch("INTERACTION_CREATE", asked);
    const [up, down] = (await callbackData(emulator, asked)).components.at(-1).components as Array<{ label: string; custom_id: string }>;
    expect(up!.label).toMatch(/👍/);
    const dislike = buttonInteraction(giulia, down!.custom_id, "it");
    emulator.dispatch("INTERACTION_CREATE", dislike);
    const thanks = await callbackData(emulator, dislike);
    expect(thanks).toMatchObject({ content: "Grazie del parere!", flags: 64 });
    expect(insights.report().disliked).toEqual([expect.objectContaining({ dislikes: 1 })]);
    const like = buttonInteraction(giulia, up!.custom_id, "it");
    emulator.dispatch("INTERACTION_CREATE", like);
    await emulator.callbackFor(like.id);
    expect(insights.report().disliked).toEqual([]);
    insights.close();
  });

  it("GIVEN a command the bot no longer knows THEN says so instead of leaving the member waiting", async () => {
    const { emulator } = await startBot();
    const stale = commandInteraction(giulia, "oldcommand", [], "it");
    emulator.dispatch("INTERACTION_CREATE", stale);
    const data = await callbackData(emulator, stale);
    expect(data.flags).toBe(64);
    expect(data.content).toMatch(/\/ask/);
  });
});
