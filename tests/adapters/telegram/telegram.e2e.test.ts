/**
 * The real telegraf client, started by `startTelegram` exactly as `npm start` starts it, against a
 * Bot API emulator on 127.0.0.1. Each scenario is what a user does in Telegram and what they see.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAssistant, type Assistant, type Knowledge } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { startTelegram, type TelegramOptions } from "../../../src/adapters/telegram/telegram-bot.js";
import type { RunningAdapter } from "../../../src/adapters/shared/running-adapter.js";
import { memoryContextStore, type ContextStore } from "../../../src/adapters/shared/context-store.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Insights } from "../../../src/operations/insights.js";
import { until } from "../../support/until.js";
import { BOT_USER, BotApiEmulator, groupChat, post, textMessage, type TestUser } from "./bot-api-emulator.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const knowledge = loadKnowledge();
const assistant = createAssistant(knowledge);

const mario: TestUser = { id: 1001, first_name: "Mario", language_code: "it" };
const jane: TestUser = { id: 1002, first_name: "Jane", language_code: "en" };

interface Harness {
  emulator: BotApiEmulator;
  adapter: RunningAdapter & { webhookPort?: number };
  logs: string[];
}

let running: Harness | undefined;

afterEach(async () => {
  if (!running) return;
  await running.adapter.stop("test over");
  await running.emulator.stop();
  running = undefined;
});

async function startBot(
  options: TelegramOptions = {},
  { bot = assistant, webhook, insights, contexts }: { bot?: Assistant; webhook?: { url: string; secret: string | undefined }; insights?: Insights; contexts?: ContextStore } = {},
): Promise<Harness> {
  const emulator = await new BotApiEmulator(TOKEN).start();
  const logs: string[] = [];
  const adapter = await startTelegram(
    { token: TOKEN, apiRoot: emulator.apiRoot, webhook: webhook ? { ...webhook, port: 0 } : undefined },
    {
      assistant: bot,
      log: (level, message) => logs.push(`${level} ${message}`),
      ...(contexts ? { contexts } : {}),
      ...(insights
        ? {
            answered: ({ platform, userId, answer }) => insights.recordAnswer({ platform, userId, answer }),
            voted: ({ platform, userId, answerId, vote }) => insights.recordVote(platform, userId, answerId, vote),
          }
        : {}),
    },
    { retry: { maxWaitMs: 2_000, attempts: 4, backoffMs: 50 }, ...options },
  );
  if (adapter.webhookPort) emulator.webhookPort = adapter.webhookPort;
  running = { emulator, adapter, logs };
  return running;
}

/** The bot's (accepted) messages to a chat, in order. */
const sentTo = (emulator: BotApiEmulator, chatId: number) =>
  emulator.callsOf("sendMessage").filter((c) => c.body.chat_id === chatId && !c.rejected);

const replyTo = (emulator: BotApiEmulator, chatId: number, match: (text: string) => boolean = () => true) =>
  emulator.waitForCall("sendMessage", (body) => body.chat_id === chatId && match(body.text));

describe("Telegram bot, long polling", () => {
  it("GIVEN it starts THEN registers its commands in English and in Italian", async () => {
    const { emulator } = await startBot();
    const registrations = emulator.callsOf("setMyCommands");
    expect(registrations.map((c) => c.body.language_code ?? "default")).toEqual(["default", "it"]);
    expect(registrations[0]!.body.commands.map((c: { command: string }) => c.command)).toEqual(["ask", "services", "help", "start"]);
    expect(registrations[1]!.body.commands[0].description).toContain("domanda");
  });

  it("GIVEN a question in a private chat THEN answers it in HTML, in the question's language, with source and date", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate(textMessage(mario, "Mi Pay funziona in Italia?"));
    const reply = await replyTo(emulator, mario.id);
    expect(reply.rejected).toBeUndefined();
    expect(reply.body.parse_mode).toBe("HTML");
    expect(reply.body.text).toMatch(/Italia/);
    expect(reply.body.text).toMatch(/<i>Fonti?: .+ – aggiornato a .+<\/i>/);

    emulator.pushUpdate(textMessage(mario, "is youpin available in italy?"));
    const english = await replyTo(emulator, mario.id, (text) => /Source/.test(text));
    expect(english.body.text).toMatch(/Youpin/);
  });

  it("GIVEN /start THEN greets in the user's language with three example questions as buttons; /help explains", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate(textMessage(mario, "/start"));
    const greeting = await replyTo(emulator, mario.id);
    expect(greeting.body.text).toMatch(/^Ciao/);
    const buttons = greeting.body.reply_markup.inline_keyboard.flat();
    expect(buttons).toHaveLength(3);
    expect(new Set(buttons.map((b: { text: string }) => b.text)).size).toBe(3);

    emulator.pushUpdate(textMessage(jane, "/help"));
    const help = await replyTo(emulator, jane.id);
    expect(help.body.text).toMatch(/Xiaomi Pay/);
    expect(help.body.text).not.toMatch(/Ciao/);
  });

  it("GIVEN /services THEN lists the services with a one-line summary each", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate(textMessage(jane, "/services"));
    const list = await replyTo(emulator, jane.id);
    for (const name of ["Xiaomi Pay", "XiaoAI", "Xiaomi Youpin", "Xiaomi Cloud"]) expect(list.body.text).toContain(`<b>${name}</b>`);
    expect(list.body.text.split("\n").filter((line: string) => line.startsWith("•"))).toHaveLength(4);
  });

  it("GIVEN a group THEN answers /ask, a mention and a reply to the bot, and stays silent otherwise", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate(textMessage(mario, "qualcuno sa se mi pay funziona in italia?", groupChat));
    emulator.pushUpdate(textMessage(mario, "/ask@xiaomi_services_bot youpin cos'è?", groupChat));
    const asked = await replyTo(emulator, groupChat.id, (text) => /Youpin/.test(text));

    const mention = textMessage(jane, `@${BOT_USER.username} does mi pay work in italy?`, groupChat);
    emulator.pushUpdate(mention);
    const mentioned = await replyTo(emulator, groupChat.id, (text) => /Source/.test(text) && /Italy/.test(text));
    expect(mentioned.body.reply_parameters.message_id).toBe(mention.message.message_id);

    const botMessage = { message_id: 1, from: BOT_USER, chat: groupChat, date: 0, text: asked.body.text };
    emulator.pushUpdate(textMessage(mario, "e mi cloud?", groupChat, { reply_to_message: botMessage }));
    await replyTo(emulator, groupChat.id, (text) => /Cloud/.test(text));

    emulator.pushUpdate(textMessage(jane, "@someone_else what is youpin?", groupChat));
    emulator.pushUpdate(textMessage(jane, "/start@xiaomi_services_bot", groupChat));
    await replyTo(emulator, groupChat.id, (text) => /^Hi/.test(text));
    // Three questions addressed to the bot, one greeting: the chatter and the other mention got nothing.
    expect(sentTo(emulator, groupChat.id)).toHaveLength(4);
  });

  it("GIVEN an inline query THEN offers up to 5 answers, and popular questions when empty", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate({ inline_query: { id: "iq1", from: mario, query: "mi pay italia", offset: "" } });
    const answered = await emulator.waitForCall("answerInlineQuery", (body) => body.inline_query_id === "iq1");
    expect(answered.rejected).toBeUndefined();
    expect(answered.body.results.length).toBeGreaterThan(0);
    expect(answered.body.results.length).toBeLessThanOrEqual(5);
    expect(answered.body.results[0].input_message_content.message_text).toMatch(/Italia/);

    emulator.pushUpdate({ inline_query: { id: "iq2", from: jane, query: "", offset: "" } });
    const popular = await emulator.waitForCall("answerInlineQuery", (body) => body.inline_query_id === "iq2");
    expect(popular.body.results).toHaveLength(5);
    expect(new Set(popular.body.results.map((r: { title: string }) => r.title)).size).toBe(5);
  });

  it("GIVEN a near miss THEN offers suggestions as buttons, and pressing one answers it and acknowledges the button", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate(textMessage(mario, "youpin spedizione"));
    const fallback = await replyTo(emulator, mario.id);
    const buttons: Array<{ text: string; callback_data: string }> = fallback.body.reply_markup.inline_keyboard.flat();
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);

    const chosen = buttons.find((b) => /cos'è Youpin/.test(b.text))!;
    emulator.pushUpdate({
      callback_query: { id: "cb1", from: mario, chat_instance: "x", data: chosen.callback_data, message: { message_id: 5, chat: { id: mario.id, type: "private" }, date: 0 } },
    });
    await emulator.waitForCall("answerCallbackQuery", (body) => body.callback_query_id === "cb1");
    const answer = await replyTo(emulator, mario.id, (text) => /Font[ei]/.test(text));
    expect(answer.body.text).toMatch(/Youpin/);
  });

  it("GIVEN markup and entities in a question THEN everything sent is valid HTML and nothing is injected", async () => {
    const { emulator } = await startBot();
    const hostile = `<b>apple pay</b> & <a href="http://evil.example">google pay</a> funzionano in italia?`;
    emulator.pushUpdate(textMessage(mario, hostile));
    const reply = await replyTo(emulator, mario.id);
    expect(reply.rejected).toBeUndefined();
    expect(reply.body.text).not.toContain("evil.example");
    expect(reply.body.text).not.toMatch(/<b>apple/i);
    emulator.pushUpdate({ inline_query: { id: "iq3", from: mario, query: hostile, offset: "" } });
    const inline = await emulator.waitForCall("answerInlineQuery", (body) => body.inline_query_id === "iq3");
    expect(inline.rejected).toBeUndefined();
  });

  it("GIVEN an answer longer than a Telegram message THEN sends it in order, in parts within the limit", async () => {
    const long: Knowledge = structuredClone(knowledge);
    const entry = long.faq.find((e) => e.service === "youpin")!;
    const paragraph = "Youpin & i suoi partner <ecosistema> vendono prodotti di ogni tipo. ".repeat(40);
    entry.answer.it = Array.from({ length: 5 }, (_, i) => `Parte ${i + 1}. ${paragraph}`).join("\n\n");
    const { emulator } = await startBot({}, { bot: createAssistant(long) });
    emulator.pushUpdate(textMessage(mario, entry.questions.it[0]!));
    await replyTo(emulator, mario.id, (text) => /Font[ei]/.test(text));
    const parts = sentTo(emulator, mario.id);
    expect(parts.length).toBeGreaterThan(1);
    expect(emulator.callsOf("sendMessage").filter((c) => c.rejected)).toEqual([]);
    const joined = parts.map((p) => p.body.text).join("\n\n");
    expect(joined.indexOf("Parte 1.")).toBeLessThan(joined.indexOf("Parte 5."));
    expect(joined).toContain("&lt;ecosistema&gt;");
  });

  it("GIVEN stickers, photos and edited messages THEN a private chat hears 'I only read text', a group nothing", async () => {
    const { emulator } = await startBot();
    emulator.pushUpdate({ message: { message_id: 77, date: 0, from: jane, chat: { id: jane.id, type: "private" }, sticker: { file_id: "s", width: 1, height: 1 } } });
    const notice = await replyTo(emulator, jane.id);
    expect(notice.body.text).toMatch(/only read text/);
    emulator.pushUpdate({ message: { message_id: 78, date: 0, from: jane, chat: groupChat, photo: [{ file_id: "p", width: 1, height: 1 }] } });
    emulator.pushUpdate({ edited_message: { ...textMessage(jane, "what is youpin?").message, edit_date: 1 } });
    emulator.pushUpdate(textMessage(jane, "what is xiaoai?"));
    await replyTo(emulator, jane.id, (text) => /XiaoAI/.test(text));
    expect(sentTo(emulator, jane.id)).toHaveLength(2);
    expect(sentTo(emulator, groupChat.id)).toHaveLength(0);
  });

  it("GIVEN one user flooding THEN they get one notice and are then ignored, while another user is still answered", async () => {
    const { emulator } = await startBot({ rateLimit: { burst: 3, refillMs: 60_000 } });
    for (let i = 0; i < 20; i++) emulator.pushUpdate(textMessage(mario, `mi pay in italia? ${i}`));
    emulator.pushUpdate(textMessage(jane, "what is youpin?"));
    await replyTo(emulator, jane.id, (text) => /Youpin/.test(text));
    await emulator.waitForCall("sendMessage", (body) => body.chat_id === mario.id && /velocemente/.test(body.text));
    // Let any straggler through before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const toMario = sentTo(emulator, mario.id).map((c) => c.body.text as string);
    expect(toMario.filter((text) => /velocemente/.test(text))).toHaveLength(1);
    expect(toMario).toHaveLength(4);
  });

  it("GIVEN the API answering 429, 500 and dropping connections THEN the bot waits, retries and still answers", async () => {
    const { emulator, logs } = await startBot();
    emulator.failNext("sendMessage", { status: 429, retryAfter: 1 }, { status: 500 }, { drop: true });
    const started = performance.now();
    emulator.pushUpdate(textMessage(mario, "cos'è xiaoai?"));
    const reply = await replyTo(emulator, mario.id);
    expect(reply.body.text).toMatch(/XiaoAI/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000); // retry_after honoured
    expect(sentTo(emulator, mario.id)).toHaveLength(1);

    // The poll itself failing: telegraf waits (retry_after, else 5 s) and polls again.
    emulator.failNext("getUpdates", { status: 429, retryAfter: 1 }, { drop: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    emulator.pushUpdate(textMessage(jane, "what is youpin?"));
    await emulator.waitForCall("sendMessage", (body) => body.chat_id === jane.id, 15_000);
    expect(logs.join("\n")).not.toContain(TOKEN.split(":")[1]);
  }, 25_000);

  it("GIVEN the user blocked the bot (403) or a handler failing THEN logs it, apologises where it can and keeps serving", async () => {
    const broken: Assistant = {
      ...assistant,
      converse: (question, context, options) => (question.includes("boom") ? (() => { throw new Error("boom"); })() : assistant.converse(question, context, options)),
    };
    const { emulator, logs } = await startBot({}, { bot: broken });
    emulator.failNext("sendMessage", { status: 403, description: "Forbidden: bot was blocked by the user" });
    emulator.pushUpdate(textMessage(jane, "what is youpin?"));
    const blocked = await emulator.waitForCall("sendMessage", (body) => body.chat_id === jane.id, 5_000, true);
    expect(blocked.rejected).toBe("fault 403");
    emulator.pushUpdate(textMessage(mario, "boom"));
    const apology = await replyTo(emulator, mario.id);
    expect(apology.body.text).toMatch(/Scusa/);
    emulator.pushUpdate(textMessage(mario, "cos'è youpin?"));
    await replyTo(emulator, mario.id, (text) => /Youpin/.test(text));
    expect(logs.some((line) => line.startsWith("error") && line.includes("boom"))).toBe(true);
    expect(logs.some((line) => line.includes("blocked by the user"))).toBe(true);
    expect(sentTo(emulator, jane.id)).toHaveLength(0); // not retried
  });
});

describe("Telegram bot, conversations", () => {
  /** Says `text` and waits for the bot's answer to it (the message after the ones before). */
  async function say(emulator: BotApiEmulator, from: TestUser, text: string, chat?: object): Promise<string> {
    const chatId = (chat as { id?: number } | undefined)?.id ?? from.id;
    const before = sentTo(emulator, chatId).length;
    emulator.pushUpdate(textMessage(from, text, chat));
    await until(() => sentTo(emulator, chatId).length > before);
    return sentTo(emulator, chatId)[before]!.body.text as string;
  }
  const mention = (text: string) => `@${BOT_USER.username} ${text}`;

  it("GIVEN a question in a private chat THEN a follow-up fragment is answered in its context", async () => {
    const { emulator } = await startBot();
    expect(await say(emulator, mario, "Xiaomi Pay funziona in Italia?")).toMatch(/^Xiaomi Pay – Italia/);
    expect(await say(emulator, mario, "e in Grecia?")).toMatch(/^Xiaomi Pay – Grecia/);
    // The language follows each message, not the conversation.
    expect(await say(emulator, mario, "and in Poland?")).toMatch(/^Xiaomi Pay – Poland/);
  });

  it("GIVEN two members in a group THEN B's fragment does not use A's context, and A's own does", async () => {
    const { emulator } = await startBot();
    expect(await say(emulator, mario, "/ask Xiaomi Pay funziona in Italia?", groupChat)).toMatch(/Xiaomi Pay – Italia/);
    const janes = await say(emulator, jane, mention("e in Grecia?"), groupChat);
    expect(janes).not.toMatch(/Xiaomi Pay –/);
    expect(janes).toMatch(/Non ho una risposta|I don't have an answer/);
    expect(await say(emulator, mario, mention("e in Grecia?"), groupChat)).toMatch(/Xiaomi Pay – Grecia/);
  });

  it("GIVEN 15 minutes without a message THEN the context has expired and a fragment is declined", async () => {
    let now = Date.parse("2026-11-30T10:00:00Z");
    const { emulator } = await startBot({}, { contexts: memoryContextStore({ now: () => now }) });
    await say(emulator, mario, "Xiaomi Pay funziona in Italia?");
    now += 14 * 60_000;
    expect(await say(emulator, mario, "e in Grecia?")).toMatch(/^Xiaomi Pay – Grecia/);
    now += 15 * 60_000; // 15 minutes after the last message, not the first
    expect(await say(emulator, mario, "e in Francia?")).toMatch(/^Non ho una risposta/);
  });

  it("GIVEN an inline query THEN it neither uses nor leaves a context", async () => {
    const { emulator } = await startBot();
    await say(emulator, mario, "Xiaomi Pay funziona in Italia?");
    emulator.pushUpdate({ inline_query: { id: "iq-ctx", from: mario, query: "e in Grecia?", offset: "" } });
    const inline = await emulator.waitForCall("answerInlineQuery", (body) => body.inline_query_id === "iq-ctx");
    const texts = inline.body.results.map((r: { input_message_content: { message_text: string } }) => r.input_message_content.message_text).join("\n");
    expect(texts).not.toMatch(/Xiaomi Pay – Grecia/);
    emulator.pushUpdate({ inline_query: { id: "iq-ctx2", from: jane, query: "what is youpin?", offset: "" } });
    await emulator.waitForCall("answerInlineQuery", (body) => body.inline_query_id === "iq-ctx2");
    // Jane's inline query left her nothing to follow up on in her private chat.
    expect(await say(emulator, jane, "and in Italy?")).toMatch(/^I don't have an answer/);
  });
});

describe("Telegram bot, feedback", () => {
  it("GIVEN an answer THEN thumbs up/down buttons under it record one vote per user, which they can change", async () => {
    const insights = Insights.open({ path: join(mkdtempSync(join(tmpdir(), "tg-votes-")), "insights.db"), retentionDays: 90, log: () => {} });
    const { emulator } = await startBot({}, { insights });
    emulator.pushUpdate(textMessage(mario, "cos'è mi cloud?"));
    const reply = await replyTo(emulator, mario.id);
    const [up, down] = reply.body.reply_markup.inline_keyboard.at(-1) as Array<{ text: string; callback_data: string }>;
    expect(up!.text).toMatch(/👍/);
    expect(down!.text).toMatch(/👎/);
    const press = (id: string, data: string) =>
      emulator.pushUpdate({ callback_query: { id, from: mario, chat_instance: "x", data, message: { message_id: 9, chat: { id: mario.id, type: "private" }, date: 0 } } });
    press("v1", down!.callback_data);
    expect((await emulator.waitForCall("answerCallbackQuery", (b) => b.callback_query_id === "v1")).body.text).toBe("Grazie del parere!");
    expect(insights.report().disliked).toEqual([expect.objectContaining({ dislikes: 1, likes: 0 })]);
    press("v2", up!.callback_data);
    await emulator.waitForCall("answerCallbackQuery", (b) => b.callback_query_id === "v2");
    expect(insights.report().disliked).toEqual([]);
    insights.close();
  });

  it("GIVEN a fallback THEN there is nothing to vote on", async () => {
    const insights = Insights.open({ path: join(mkdtempSync(join(tmpdir(), "tg-votes-")), "insights.db"), retentionDays: 90, log: () => {} });
    const { emulator } = await startBot({}, { insights });
    emulator.pushUpdate(textMessage(mario, "che tempo fa a Roma?"));
    const reply = await replyTo(emulator, mario.id);
    const buttons: Array<{ callback_data: string }> = reply.body.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.filter((b) => b.callback_data.startsWith("v:"))).toEqual([]);
    expect(insights.report().unanswered).toEqual([expect.objectContaining({ example: "che tempo fa a Roma?", count: 1 })]);
    insights.close();
  });
});

describe("Telegram bot, webhook mode", () => {
  it("GIVEN a webhook URL THEN sets it with a secret, answers updates posted with it and rejects others", async () => {
    const { emulator, adapter } = await startBot({}, { webhook: { url: "https://bot.example.org/telegram/hook", secret: "s3cret-Token" } });
    expect(emulator.webhookTarget).toEqual({ url: "https://bot.example.org/telegram/hook", secret: "s3cret-Token" });
    expect(emulator.callsOf("getUpdates")).toHaveLength(0);

    emulator.pushUpdate(textMessage(mario, "mi cloud cos'è?"));
    await replyTo(emulator, mario.id, (text) => /Cloud/.test(text));

    const hook = new URL(`http://127.0.0.1:${adapter.webhookPort}/telegram/hook`);
    const update = { update_id: 999, ...textMessage(jane, "what is youpin?") };
    expect(await post(hook, update)).toBe(403);
    expect(await post(hook, update, { "x-telegram-bot-api-secret-token": "wrong" })).toBe(403);
    expect(await post(new URL("/elsewhere", hook), update, { "x-telegram-bot-api-secret-token": "s3cret-Token" })).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sentTo(emulator, jane.id)).toHaveLength(0);
  });
});
