/**
 * The Discord adapter: discord.js in, core answers out. `/ask` (with autocomplete), `/services`,
 * `/help`, "did you mean" buttons, and answers to mentions and DMs. Only the Guilds,
 * GuildMessages and DirectMessages intents: Discord delivers message content for mentions and
 * DMs without the privileged Message Content intent. Every handler runs inside a boundary that
 * logs, apologises (ephemerally where it can) and keeps the bot serving.
 */
import { randomBytes } from "node:crypto";
import {
  Client,
  DiscordAPIError,
  HTTPError,
  RESTJSONErrorCodes,
  type InteractionReplyOptions,
  type MessageReplyOptions,
  type RepliableInteraction,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  REST,
  Routes,
  Status,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
} from "discord.js";
import { localeToLanguage, type Language } from "../../core/index.js";
import { redact } from "../../operations/redact.js";
import { describeError, redactingLog } from "../shared/log-safety.js";
import { ADAPTER_MESSAGES } from "../shared/messages.js";
import { QuestionKeys } from "../shared/question-keys.js";
import { memoryState } from "../../operations/shared-state.js";
import type { RateLimitSettings } from "../shared/rate-limiter.js";
import { parseVoteKey, voteKey, type AdapterContext, type RunningAdapter } from "../shared/running-adapter.js";
import { choicesFor, COMMAND_DEFINITIONS, LIMITS, NO_PINGS, questionButtons, renderAnswer, renderServices, renderText, type DiscordButtonRow, type DiscordReply } from "./render-discord.js";

export interface DiscordSettings {
  token: string;
  apiRoot: string;
  guildId?: string | undefined;
}

export interface DiscordOptions {
  rateLimit?: Partial<RateLimitSettings>;
  /** How long one REST request may take before discord.js abandons and retries it (default 15 s). */
  restTimeoutMs?: number;
  defaultLanguage?: Language;
}

const EXAMPLE_QUESTIONS = 3;

const UNKNOWN_COMMAND = {
  it: "Non conosco questo comando: prova /ask, /services o /help.",
  en: "I don't know that command: try /ask, /services or /help.",
} as const;

const EXPIRED_BUTTON = {
  it: "Questo pulsante è scaduto: fammi di nuovo la domanda con /ask.",
  en: "This button has expired: please ask again with /ask.",
} as const;

export function createDiscordClient(settings: DiscordSettings, context: AdapterContext, options: DiscordOptions = {}) {
  const { assistant } = context;
  const log = redactingLog(context.log, [settings.token]);
  const state = context.state ?? memoryState();
  const limiter = state.floodGate("discord", options.rateLimit);
  const keys = new QuestionKeys(LIMITS.customId, undefined, state.store("question-keys:discord"));
  const defaultLanguage = options.defaultLanguage ?? "it";
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message: without this, DMs are dropped.
    partials: [Partials.Channel],
    // As many gateway shards as Discord recommends (GET /gateway/bot), all in this process:
    // required past 2,500 servers, and harmless below (one shard).
    shards: "auto",
    // 5xx, timeouts and dropped connections are retried by discord.js; a few more tries than its
    // default 3 ride out a short outage instead of losing the answer.
    rest: { api: settings.apiRoot, retries: 5, ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}) },
    allowedMentions: NO_PINGS,
  });

  const languageOfLocale = (locale: string | undefined): Language => localeToLanguage(locale) ?? defaultLanguage;
  function answerFor(question: string, locale: string | undefined, userId: string): DiscordReply {
    const started = performance.now();
    const answer = assistant.ask(question, { locale });
    const answerId = context.answered?.({ platform: "discord", userId, answer, latencyMs: performance.now() - started });
    const reply = renderAnswer(answer, keys, assistant.regionName);
    if (!answerId || answer.kind !== "answer") return reply;
    const messages = ADAPTER_MESSAGES[answer.language];
    const votes: DiscordButtonRow = {
      type: 1,
      components: [
        { type: 2, style: 2, label: `👍 ${messages.helpful}`, custom_id: voteKey(answerId, 1) },
        { type: 2, style: 2, label: `👎 ${messages.notHelpful}`, custom_id: voteKey(answerId, -1) },
      ],
    };
    return { ...reply, components: [...reply.components, votes] };
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const language = languageOfLocale(interaction.locale);
    if (!(await withinRateLimit(interaction.user.id, (notice) => respond(interaction, { content: notice, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS }), language))) return;
    switch (interaction.commandName) {
      case "ask": {
        const question = interaction.options.getString("question", true);
        await respond(interaction, answerFor(question, interaction.locale, interaction.user.id));
        return;
      }
      case "services":
        await respond(interaction, renderServices(assistant.services(language), language));
        return;
      case "help": {
        const help = assistant.smalltalk("help", language);
        const examples = assistant.searchQuestions("", language, EXAMPLE_QUESTIONS).map((s) => s.question);
        await respond(interaction, { ...renderText("Xiaomi Services Bot", help.body), components: questionButtons(examples, keys) });
        return;
      }
      default:
        // A command from an older registration: say so rather than leave the user waiting.
        await respond(interaction, { content: UNKNOWN_COMMAND[language], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    // Typing is not flooding: autocomplete is cheap and never rate limited.
    const typed = interaction.options.getFocused();
    const language = languageOfLocale(interaction.locale);
    await interaction.respond(choicesFor(assistant.searchQuestions(typed, language, LIMITS.choices).map((s) => s.question)));
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const language = languageOfLocale(interaction.locale);
    const vote = parseVoteKey(interaction.customId);
    if (vote) {
      // A vote is a click, not a question: acknowledged privately, outside the flood limit.
      const recorded = (await context.voted?.({ platform: "discord", userId: interaction.user.id, answerId: vote.answerId, vote: vote.vote })) ?? false;
      const messages = ADAPTER_MESSAGES[language];
      await respond(interaction, { content: recorded ? messages.voteThanks : messages.voteNotRecorded, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
      return;
    }
    if (!(await withinRateLimit(interaction.user.id, (notice) => respond(interaction, { content: notice, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS }), language))) return;
    const question = await keys.resolve(interaction.customId);
    if (question === undefined) {
      await respond(interaction, { content: EXPIRED_BUTTON[language], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
      return;
    }
    await respond(interaction, answerFor(question, interaction.locale, interaction.user.id));
  }

  async function onMessage(message: Message): Promise<void> {
    if (message.author.bot || !client.user) return;
    const isDm = message.guildId === null;
    if (!isDm && !message.mentions.users.has(client.user.id)) return;
    const question = message.content.replace(new RegExp(`<@!?${client.user.id}>`, "g"), " ").replace(/\s+/g, " ").trim();
    const language = languageOfLocale(undefined);
    if (!(await withinRateLimit(message.author.id, (notice) => replyTo(message, { content: notice, allowedMentions: NO_PINGS }), language))) return;
    if (question === "") {
      const help = assistant.smalltalk("help", language);
      await replyTo(message, renderText("Xiaomi Services Bot", help.body));
      return;
    }
    await replyTo(message, answerFor(question, undefined, message.author.id));
  }

  async function withinRateLimit(userId: string, notify: (notice: string) => Promise<unknown>, language: Language): Promise<boolean> {
    const decision = await limiter.check(userId);
    if (decision !== "allow") context.observer?.rateLimited("discord");
    if (decision === "notify") await notify(ADAPTER_MESSAGES[language].slowDown);
    return decision === "allow";
  }

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const started = performance.now();
    const handled = interaction.isChatInputCommand()
      ? onCommand(interaction)
      : interaction.isAutocomplete()
        ? onAutocomplete(interaction)
        : interaction.isButton()
          ? onButton(interaction)
          : Promise.resolve();
    void handled.then(() => context.observer?.handled("discord", performance.now() - started)).catch(async (error: unknown) => {
      log("error", `interaction ${interaction.id} failed: ${describeError(error)}`);
      context.observer?.failed("discord");
      if (!interaction.isRepliable()) return;
      const apology = { content: ADAPTER_MESSAGES[languageOfLocale(interaction.locale)].apology, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS } as const;
      try {
        if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
        else await interaction.reply(apology);
      } catch (apologyError) {
        log("warn", `could not apologise for interaction ${interaction.id}: ${describeError(apologyError)}`);
      }
    });
  });

  client.on(Events.MessageCreate, (message: Message) => {
    const started = performance.now();
    void onMessage(message).then(() => context.observer?.handled("discord", performance.now() - started)).catch(async (error: unknown) => {
      log("error", `message ${message.id} failed: ${describeError(error)}`);
      context.observer?.failed("discord");
      try {
        await message.reply({ content: ADAPTER_MESSAGES[defaultLanguage].apology, allowedMentions: NO_PINGS });
      } catch (apologyError) {
        log("warn", `could not apologise for message ${message.id}: ${describeError(apologyError)}`);
      }
    });
  });

  // Without an 'error' listener an emitted error crashes the process.
  client.on(Events.Error, (error) => log("error", `discord client: ${describeError(error)}`));
  client.on(Events.ShardDisconnect, (event, shardId) => log("warn", `discord gateway shard ${shardId} disconnected (${event.code})`));
  client.on(Events.ShardReconnecting, (shardId) => {
    context.observer?.reconnecting("discord");
    log("warn", `discord gateway shard ${shardId} lost its connection; reconnecting`);
  });
  client.on(Events.ShardResume, (shardId) => log("info", `discord gateway shard ${shardId} resumed`));

  return { client, log };
}

const RESEND_ATTEMPTS = 4;

/**
 * Replies to an interaction, trying again when the network loses the request (discord.js retries
 * 5xx and timeouts itself, not a dropped connection). Safe to repeat: Discord accepts one
 * callback per interaction and refuses a second as "already acknowledged", which means an
 * earlier attempt did arrive.
 */
async function respond(interaction: RepliableInteraction, payload: InteractionReplyOptions): Promise<void> {
  await resend(() => interaction.reply(payload), (error) => error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
}

/** Replies to a message; a nonce Discord enforces makes a resent reply land only once. */
async function replyTo(message: Message, payload: MessageReplyOptions): Promise<void> {
  const nonce = randomBytes(8).readBigUInt64BE().toString().slice(0, 19);
  await resend(() => message.reply({ ...payload, nonce, enforceNonce: true }), () => false);
}

async function resend(send: () => Promise<unknown>, arrivedEarlier: (error: unknown) => boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      if (attempt > 1 && arrivedEarlier(error)) return;
      if (attempt >= RESEND_ATTEMPTS || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/** Lost on the way (socket closed, reset, refused) or a server error discord.js gave up on. */
function isTransient(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status >= 500;
  if (error instanceof HTTPError) return error.status >= 500;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return error.name === "AbortError" || error.message === "fetch failed" || (typeof code === "string" && /^(UND_ERR|ECONN|EPIPE|ETIMEDOUT)/.test(code));
}

/** Logs in and resolves once the bot is ready to answer; SIGINT/SIGTERM call `stop`. */
export async function startDiscord(settings: DiscordSettings, context: AdapterContext, options: DiscordOptions = {}): Promise<RunningAdapter> {
  const { client, log } = createDiscordClient(settings, context, options);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(settings.token);
    await ready;
  } catch (error) {
    await client.destroy();
    const rejected = (error instanceof DiscordAPIError && error.status === 401) || (error instanceof Error && /token/i.test(error.message));
    const reason = rejected ? "DISCORD_TOKEN was rejected by Discord" : describeError(error);
    throw new Error(redact(`discord: could not start: ${reason} (API root ${settings.apiRoot})`, [settings.token]));
  }
  log("info", `discord: logged in as ${client.user?.tag ?? "the bot"}`);
  return {
    name: "discord",
    // Every shard this process runs must be ready: a shard down is a share of the servers unanswered.
    connected: () => client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    stop: async () => {
      await client.destroy();
    },
  };
}

/** `npm run discord:commands`: registers the slash commands globally, or in one server. */
export async function registerCommands(settings: DiscordSettings): Promise<{ scope: string; count: number }> {
  const rest = new REST({ api: settings.apiRoot }).setToken(settings.token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const route = settings.guildId ? Routes.applicationGuildCommands(application.id, settings.guildId) : Routes.applicationCommands(application.id);
  const registered = (await rest.put(route, { body: COMMAND_DEFINITIONS })) as unknown[];
  return { scope: settings.guildId ? `server ${settings.guildId}` : "all servers (global)", count: registered.length };
}

