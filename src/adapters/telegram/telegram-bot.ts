/**
 * The Telegram adapter: telegraf updates in, the shared conversation layer's replies out as HTML.
 * Private chats answer every text; groups answer only when addressed (/ask, @mention, reply to
 * the bot); inline mode offers answers in any chat. A private chat is one conversation, a group
 * one per member. Every call to the API goes through `withRetries`, which honours 429
 * retry_after, retries server and network errors, and gives up quietly on users who blocked the bot.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Telegraf, TelegramError, type Context } from "telegraf";
import { message } from "telegraf/filters";
import type { InlineQueryResult, Update, UserFromGetMe } from "telegraf/types";
import type { Assistant, Language } from "../../core/index.js";
import type { PlatformName } from "../../main.js";
import { redact } from "../../operations/redact.js";
import { createConversations, type Button } from "../shared/conversation.js";
import { describeError, redactingLog } from "../shared/log-safety.js";
import type { QuestionKeys } from "../shared/question-keys.js";
import type { RateLimitSettings } from "../shared/rate-limiter.js";
import { retry } from "../shared/retry.js";
import type { AdapterContext, RunningAdapter } from "../shared/running-adapter.js";
import { CALLBACK_DATA_LIMIT, escapeHtml, packIntoMessages, questionButton, renderAnswer, renderServices, type InlineButton } from "./render-telegram.js";

export interface TelegramSettings {
  token: string;
  apiRoot: string;
  /** Set: serve a webhook on `port` instead of long polling. */
  webhook?: { url: string; secret: string | undefined; port: number } | undefined;
}

export interface TelegramOptions {
  rateLimit?: Partial<RateLimitSettings>;
  /** Longest wait honoured for a 429's retry_after, attempts per call, and how long one attempt may take. */
  retry?: Partial<typeof RETRY_DEFAULTS>;
  defaultLanguage?: Language;
}

/** Its entry's name in `PLATFORMS`: the label of its metrics, insights and conversation keys. */
const PLATFORM = "telegram" satisfies PlatformName;

const RETRY_DEFAULTS = { maxWaitMs: 60_000, attempts: 4, backoffMs: 500, timeoutMs: 15_000 };
const INLINE_RESULTS = 5;
const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

const COMMANDS = {
  en: [
    { command: "ask", description: "Ask a question about Xiaomi services" },
    { command: "services", description: "The services I know about" },
    { command: "help", description: "What I can do" },
    { command: "start", description: "Start and see example questions" },
  ],
  it: [
    { command: "ask", description: "Fai una domanda sui servizi Xiaomi" },
    { command: "services", description: "I servizi che conosco" },
    { command: "help", description: "Cosa so fare" },
    { command: "start", description: "Inizia e vedi domande di esempio" },
  ],
} as const;

export function createTelegramBot(settings: TelegramSettings, context: AdapterContext, options: TelegramOptions = {}) {
  const { assistant } = context;
  const log = redactingLog(context.log, [settings.token, settings.webhook?.secret]);
  const retrySettings = { ...RETRY_DEFAULTS, ...options.retry };
  const conversations = createConversations(PLATFORM, { ...context, log }, { rateLimit: options.rateLimit, defaultLanguage: options.defaultLanguage, buttonDataLimit: CALLBACK_DATA_LIMIT });
  const { questionKeys } = conversations;
  // The bot's own replies are best-effort; the update's webhook response is not used for them,
  // so every call goes through the same retry path.
  const bot = new Telegraf(settings.token, { telegram: { apiRoot: settings.apiRoot, webhookReply: false } });

  const languageOf = (ctx: Context): Language => conversations.languageOf(ctx.from?.language_code);
  const userOf = (ctx: Context) => String(ctx.from?.id ?? ctx.chat?.id ?? "anonymous");

  bot.use(async (ctx, next) => {
    withRetries(ctx, retrySettings, log);
    await conversations.guard(`update ${ctx.update.update_id}`, languageOf(ctx), next, async (apology) => {
      if (ctx.callbackQuery) await ctx.answerCbQuery(apology);
      else if (ctx.chat) await ctx.reply(apology);
    });
  });

  // The last boundary: `guard` above catches handler failures; this one whatever escapes it, so
  // that polling never stops on an error.
  bot.catch((error, ctx) => log("error", `update ${ctx.update.update_id} failed outside its handler: ${describeError(error)}`));

  async function withinRateLimit(ctx: Context): Promise<boolean> {
    const admission = await conversations.admit(userOf(ctx), languageOf(ctx));
    if (!admission.admitted && admission.notice) {
      if (ctx.callbackQuery) await ctx.answerCbQuery(admission.notice);
      else if (ctx.chat) await ctx.reply(admission.notice);
    }
    return admission.admitted;
  }

  async function replyWithAnswer(ctx: Context, question: string): Promise<void> {
    const { answer, voteId } = await conversations.answer(conversationKey(ctx), userOf(ctx), question, ctx.from?.language_code);
    const rendered = renderAnswer(answer, questionKeys);
    const rows = rendered.buttons.map((button) => [button]);
    if (voteId) rows.push(conversations.voteButtons(voteId, answer.language).map(inlineButton));
    await sendParts(ctx, rendered.parts, rows, replyTarget(ctx));
  }

  const replyWithText = (ctx: Context, text: string) => sendParts(ctx, packIntoMessages([escapeHtml(text)]), []);

  async function sendParts(ctx: Context, parts: string[], rows: InlineButton[][], replyToMessageId?: number): Promise<void> {
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await ctx.reply(part, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === 0 && replyToMessageId ? { reply_parameters: { message_id: replyToMessageId, allow_sending_without_reply: true } } : {}),
        ...(last && rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}),
      });
    }
  }

  bot.start(async (ctx) => {
    if (!(await withinRateLimit(ctx))) return;
    const language = languageOf(ctx);
    const examples = conversations.examples(language).map((question) => [questionButton(question, questionKeys)]);
    await sendParts(ctx, packIntoMessages([escapeHtml(conversations.greeting(language))]), examples);
  });

  bot.help(async (ctx) => {
    if (!(await withinRateLimit(ctx))) return;
    await replyWithText(ctx, conversations.help(languageOf(ctx)));
  });

  bot.command("services", async (ctx) => {
    if (!(await withinRateLimit(ctx))) return;
    const language = languageOf(ctx);
    await sendParts(ctx, packIntoMessages([renderServices(conversations.services(language), language)]), []);
  });

  bot.command("ask", async (ctx) => {
    const question = ctx.payload.trim();
    if (!(await withinRateLimit(ctx))) return;
    if (question === "") await replyWithText(ctx, conversations.help(languageOf(ctx)));
    else await replyWithAnswer(ctx, question);
  });

  bot.on(message("text"), async (ctx) => {
    const isPrivate = ctx.chat.type === "private";
    const question = isPrivate ? ctx.message.text : addressedQuestion(ctx.message, ctx.botInfo);
    if (question === undefined) return; // group chatter not meant for the bot
    // In a group a command we do not know is someone else's; in private it deserves the help text.
    if (question.startsWith("/") && !isPrivate) return;
    if (!(await withinRateLimit(ctx))) return;
    if (question.trim() === "" || question.startsWith("/")) await replyWithText(ctx, conversations.help(languageOf(ctx)));
    else await replyWithAnswer(ctx, question);
  });

  // Stickers, photos, voice: only worth a word in a private chat.
  bot.on("message", async (ctx) => {
    if (ctx.chat.type !== "private") return;
    if (!(await withinRateLimit(ctx))) return;
    await ctx.reply(conversations.texts(languageOf(ctx)).textOnly);
  });

  bot.on("callback_query", async (ctx) => {
    const data = "data" in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    if (data === undefined) return ctx.answerCbQuery();
    const voted = await conversations.vote(userOf(ctx), data, languageOf(ctx));
    if (voted !== undefined) return ctx.answerCbQuery(voted);
    const question = await conversations.pressed(data);
    if (!(await withinRateLimit(ctx))) return;
    if (question === undefined) return ctx.answerCbQuery(conversations.texts(languageOf(ctx)).expiredButton);
    await ctx.answerCbQuery();
    if (ctx.chat) await replyWithAnswer(ctx, question);
  });

  bot.on("inline_query", async (ctx) => {
    if (!(await withinRateLimit(ctx))) return;
    await ctx.answerInlineQuery(inlineResults(assistant, ctx.inlineQuery.query, ctx.from.language_code, conversations.languageOf, questionKeys), {
      cache_time: 300,
    });
  });

  return { bot, log, conversations };
}

const inlineButton = (button: Button): InlineButton => ({ text: button.label, callback_data: button.data });

/**
 * A private chat is one conversation; in a group each member has their own, so one member's
 * follow-up never reads another's context. No chat (an inline query): no conversation.
 */
function conversationKey(ctx: Context): string | null {
  if (!ctx.chat) return null;
  if (ctx.chat.type === "private") return String(ctx.chat.id);
  return ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : null;
}

/** The question in a group message, when it is addressed to the bot; undefined otherwise. */
function addressedQuestion(msg: { text: string; entities?: Array<{ type: string; offset: number; length: number }>; reply_to_message?: { from?: { id: number } } }, me: UserFromGetMe): string | undefined {
  const handle = `@${me.username}`.toLowerCase();
  const mention = msg.entities?.find((e) => e.type === "mention" && msg.text.slice(e.offset, e.offset + e.length).toLowerCase() === handle);
  if (mention) return (msg.text.slice(0, mention.offset) + msg.text.slice(mention.offset + mention.length)).replace(/\s+/g, " ").trim();
  if (msg.reply_to_message?.from?.id === me.id) return msg.text;
  return undefined;
}

/** In groups the answer quotes the question it answers; in a private chat that is only noise. */
function replyTarget(ctx: Context): number | undefined {
  if (!ctx.chat || ctx.chat.type === "private" || !ctx.message) return undefined;
  return ctx.message.message_id;
}

/** The typed question's own answer first, then answers to the knowledge's closest questions. */
function inlineResults(assistant: Assistant, query: string, locale: string | undefined, languageOf: (locale: string | undefined) => Language, keys: QuestionKeys): InlineQueryResult[] {
  const typed = query.trim();
  const typedAnswer = typed === "" ? undefined : assistant.ask(typed, { locale });
  const language = typedAnswer?.language ?? languageOf(locale);
  const candidates = [
    ...(typedAnswer ? [{ question: typed, answer: typedAnswer }] : []),
    ...assistant.searchQuestions(typed, language, INLINE_RESULTS).map((s) => ({ question: s.question, answer: assistant.ask(s.question, { locale }) })),
  ];
  const results: InlineQueryResult[] = [];
  const seenAnswers = new Set<string>();
  for (const { question, answer } of candidates) {
    if (answer.kind === "fallback" || seenAnswers.has(answer.body)) continue;
    seenAnswers.add(answer.body);
    const [text] = renderAnswer({ ...answer, suggestions: [] }, keys).parts;
    results.push({
      type: "article",
      id: String(results.length),
      title: question,
      description: answer.body.slice(0, 120),
      input_message_content: { message_text: text!, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    });
    if (results.length === INLINE_RESULTS) break;
  }
  return results;
}

/**
 * Outgoing calls of one update, retried: a 429 waits its retry_after, a 5xx or a dropped
 * connection backs off and tries again, a 403 (the user blocked the bot) is logged and dropped.
 */
function withRetries(ctx: Context, settings: typeof RETRY_DEFAULTS, log: AdapterContext["log"]): void {
  const telegram = ctx.telegram;
  const callApi = telegram.callApi.bind(telegram);
  telegram.callApi = ((method: string, payload: object, extra?: object) =>
    retry(
      async () => {
        try {
          // A request that hangs is abandoned and retried: the user is still waiting for an answer.
          return await callApi(method as never, payload as never, { ...extra, signal: AbortSignal.timeout(settings.timeoutMs) } as never);
        } catch (error) {
          if (error instanceof TelegramError && error.code === 403) {
            // Blocked by the user or removed from the group: nobody is left to tell. No handler
            // uses what a send returns, so the update simply ends here.
            log("info", `${method}: ${error.description}; not retried`);
            return true as never;
          }
          throw error;
        }
      },
      {
        attempts: settings.attempts,
        delayFor: (error, attempt) => retryDelay(error, attempt, settings),
        onRetry: (error, attempt, waitMs) => log("warn", `${method} failed (${describeError(error)}); retry ${attempt} in ${waitMs} ms`),
      },
    )) as typeof telegram.callApi;
}

function retryDelay(error: unknown, attempt: number, retry: typeof RETRY_DEFAULTS): number | undefined {
  if (error instanceof TelegramError) {
    if (error.code === 429) return Math.min(retry.maxWaitMs, (error.parameters?.retry_after ?? 1) * 1000);
    if (error.code >= 500) return retry.backoffMs * 2 ** (attempt - 1);
    return undefined; // 400, 401, 404: retrying cannot help
  }
  // node-fetch's FetchError, socket errors and our own timeout: the request may not have arrived.
  if (error instanceof Error && (error.name === "FetchError" || error.name === "AbortError" || error.name === "TimeoutError" || "code" in error)) {
    return retry.backoffMs * 2 ** (attempt - 1);
  }
  return undefined;
}


/**
 * Starts the bot the way `npm start` does: commands registered in English and Italian, then long
 * polling, or a webhook server on the configured port. Resolves once updates are being received.
 */
export async function startTelegram(settings: TelegramSettings, context: AdapterContext, options: TelegramOptions = {}): Promise<RunningAdapter & { webhookPort?: number }> {
  const { bot, log } = createTelegramBot(settings, context, options);
  try {
    bot.botInfo = await bot.telegram.getMe();
  } catch (error) {
    const reason = error instanceof TelegramError && error.code === 401 ? "TELEGRAM_BOT_TOKEN was rejected (401 Unauthorized)" : describeError(error);
    throw new Error(redact(`telegram: could not start: ${reason} (API root ${settings.apiRoot})`, [settings.token]));
  }
  await registerCommands(bot, log);

  if (settings.webhook) {
    const url = new URL(settings.webhook.url);
    // Without a configured secret, a random one still keeps strangers from posting updates.
    const secret = settings.webhook.secret ?? randomBytes(24).toString("base64url");
    const handle = await bot.createWebhook({
      domain: url.host,
      path: url.pathname,
      secret_token: secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    // Another path is not ours (404); our path without the secret header is refused (403).
    const server: Server = createServer((req, res) => {
      if (req.url !== url.pathname) {
        res.writeHead(404).end();
        return;
      }
      void handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(settings.webhook!.port, resolve));
    const port = (server.address() as AddressInfo).port;
    log("info", `telegram: @${bot.botInfo.username} serving its webhook on port ${port}`);
    return {
      name: PLATFORM,
      webhookPort: port,
      connected: () => server.listening,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  const pollingHealth = watchPolling(bot, log, context.observer);
  let polling!: Promise<void>;
  // launch() resolves only when polling ends; its callback says when it begins.
  await new Promise<void>((resolve, reject) => {
    polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, resolve).catch((error: unknown) => {
      pollingHealth.stopped = true;
      log("error", `telegram: polling stopped: ${describeError(error)}`);
      reject(error);
    });
  });
  log("info", `telegram: @${bot.botInfo.username} polling for updates`);
  return {
    name: PLATFORM,
    connected: () => !pollingHealth.stopped && !pollingHealth.failing,
    stop: async (reason) => {
      // launch() reports the start before its polling exists; a stop in between must wait for it.
      for (let waited = 0; ; waited += 20) {
        try {
          bot.stop(reason);
          break;
        } catch (error) {
          if (waited >= 2_000) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await polling;
    },
  };
}

/**
 * Follows long polling through its getUpdates calls: telegraf retries a failed one by itself
 * (after retry_after, 5 s by default) and tells nobody, so the failure and the recovery are
 * observed here, for /healthz, the reconnect counter and one log line each way. Recovery is known
 * when a long poll returns: at once with updates waiting, else after its 50-second timeout.
 */
function watchPolling(bot: Telegraf<Context<Update>>, log: AdapterContext["log"], observer: AdapterContext["observer"]) {
  const health = { failing: false, stopped: false };
  const callApi = bot.telegram.callApi.bind(bot.telegram);
  bot.telegram.callApi = (async (method: string, payload: object, extra?: object) => {
    if (method !== "getUpdates") return callApi(method as never, payload as never, extra as never);
    try {
      const result = await callApi(method as never, payload as never, extra as never);
      if (health.failing) {
        health.failing = false;
        log("info", "telegram: polling works again");
      }
      return result;
    } catch (error) {
      if (!(error instanceof Error && error.name === "AbortError") && !health.failing) {
        health.failing = true;
        observer?.reconnecting(PLATFORM);
        log("warn", `telegram: polling failed (${describeError(error)}); retrying`);
      }
      throw error;
    }
  }) as typeof bot.telegram.callApi;
  return health;
}

async function registerCommands(bot: Telegraf<Context<Update>>, log: AdapterContext["log"]): Promise<void> {
  try {
    await bot.telegram.setMyCommands([...COMMANDS.en]);
    await bot.telegram.setMyCommands([...COMMANDS.it], { language_code: "it" });
  } catch (error) {
    // The bot answers without a command menu; the next start tries again.
    log("warn", `telegram: could not register commands: ${describeError(error)}`);
  }
}
