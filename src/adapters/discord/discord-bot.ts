/**
 * The Discord adapter: discord.js events in, the shared conversation layer's replies out as
 * embeds and buttons. `/ask` (with autocomplete), `/services`, `/help`, "did you mean" buttons,
 * and answers to mentions and DMs; one conversation per channel and member (the DM channel for
 * DMs). Only the Guilds, GuildMessages and DirectMessages intents: Discord delivers message
 * content for mentions and DMs without the privileged Message Content intent. Every handler runs
 * inside the conversation layer's boundary, which logs, apologises (ephemerally where it can)
 * and keeps the bot serving.
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
import type { Language } from "../../core/index.js";
import type { PlatformName } from "../../main.js";
import { redact } from "../../operations/redact.js";
import { createConversations } from "../shared/conversation.js";
import { describeError, redactingLog } from "../shared/log-safety.js";
import type { RateLimitSettings } from "../shared/rate-limiter.js";
import { retry } from "../shared/retry.js";
import type { AdapterContext, RunningAdapter } from "../shared/running-adapter.js";
import { choicesFor, COMMAND_DEFINITIONS, LIMITS, NO_PINGS, questionButtons, renderAnswer, renderServices, renderText, type DiscordButtonRow, type DiscordReply } from "./render-discord.js";

export interface DiscordSettings {
  token: string;
  apiRoot: string;
  guildId?: string | undefined;
  /** The one shard this process runs (`npm run start:sharded`); unset: every shard, here. */
  shard?: { id: number; count: number } | undefined;
}

export interface DiscordOptions {
  rateLimit?: Partial<RateLimitSettings>;
  /** How long one REST request may take before discord.js abandons and retries it (default 15 s). */
  restTimeoutMs?: number;
  defaultLanguage?: Language;
}

/** Its entry's name in `PLATFORMS`: the label of its metrics, insights and conversation keys. */
const PLATFORM = "discord" satisfies PlatformName;

const UNKNOWN_COMMAND = {
  it: "Non conosco questo comando: prova /ask, /services o /help.",
  en: "I don't know that command: try /ask, /services or /help.",
} as const;

export function createDiscordClient(settings: DiscordSettings, context: AdapterContext, options: DiscordOptions = {}) {
  const { assistant } = context;
  const log = redactingLog(context.log, [settings.token]);
  const conversations = createConversations(PLATFORM, { ...context, log }, { rateLimit: options.rateLimit, defaultLanguage: options.defaultLanguage, buttonDataLimit: LIMITS.customId });
  const keys = conversations.questionKeys;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message: without this, DMs are dropped.
    partials: [Partials.Channel],
    // As many gateway shards as Discord recommends (GET /gateway/bot), all in this process:
    // required past 2,500 servers, and harmless below (one shard). Under `npm run start:sharded`
    // the manager has already asked, and gives this process its one shard.
    ...(settings.shard ? { shards: [settings.shard.id], shardCount: settings.shard.count } : { shards: "auto" as const }),
    // 5xx, timeouts and dropped connections are retried by discord.js; a few more tries than its
    // default 3 ride out a short outage instead of losing the answer.
    rest: { api: settings.apiRoot, retries: 5, ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}) },
    allowedMentions: NO_PINGS,
  });

  const privately = (content: string): InteractionReplyOptions => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });

  /**
   * One conversation per channel and member (a DM channel has one member), so in a server one
   * member's follow-up never reads another's context.
   */
  async function answerFor(channelId: string | null, userId: string, question: string, locale: string | undefined): Promise<DiscordReply> {
    const { answer, voteId } = await conversations.answer(channelId === null ? null : `${channelId}:${userId}`, userId, question, locale);
    const reply = renderAnswer(answer, keys, assistant.regionName);
    if (!voteId) return reply;
    const votes: DiscordButtonRow = {
      type: 1,
      components: conversations.voteButtons(voteId, answer.language).map((button) => ({ type: 2, style: 2, label: button.label, custom_id: button.data })),
    };
    return { ...reply, components: [...reply.components, votes] };
  }

  /** False when this member is flooding; the first refused interaction or message gets the notice. */
  async function withinRateLimit(userId: string, language: Language, notify: (notice: string) => Promise<unknown>): Promise<boolean> {
    const admission = await conversations.admit(userId, language);
    if (!admission.admitted && admission.notice) await notify(admission.notice);
    return admission.admitted;
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const language = conversations.languageOf(interaction.locale);
    if (!(await withinRateLimit(interaction.user.id, language, (notice) => respond(interaction, privately(notice))))) return;
    switch (interaction.commandName) {
      case "ask": {
        const question = interaction.options.getString("question", true);
        await respond(interaction, await answerFor(interaction.channelId, interaction.user.id, question, interaction.locale));
        return;
      }
      case "services":
        await respond(interaction, renderServices(conversations.services(language), language));
        return;
      case "help":
        await respond(interaction, { ...renderText("Xiaomi Services Bot", conversations.help(language)), components: questionButtons(conversations.examples(language), keys) });
        return;
      default:
        // A command from an older registration: say so rather than leave the user waiting.
        await respond(interaction, privately(UNKNOWN_COMMAND[language]));
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    // Typing is not flooding: autocomplete is cheap and never rate limited.
    const typed = interaction.options.getFocused();
    const language = conversations.languageOf(interaction.locale);
    await interaction.respond(choicesFor(assistant.searchQuestions(typed, language, LIMITS.choices).map((s) => s.question)));
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const language = conversations.languageOf(interaction.locale);
    const voted = await conversations.vote(interaction.user.id, interaction.customId, language);
    if (voted !== undefined) return respond(interaction, privately(voted));
    if (!(await withinRateLimit(interaction.user.id, language, (notice) => respond(interaction, privately(notice))))) return;
    const question = await conversations.pressed(interaction.customId);
    if (question === undefined) return respond(interaction, privately(conversations.texts(language).expiredButton));
    await respond(interaction, await answerFor(interaction.channelId, interaction.user.id, question, interaction.locale));
  }

  async function onMessage(message: Message): Promise<void> {
    if (message.author.bot || !client.user) return;
    const isDm = message.guildId === null;
    if (!isDm && !message.mentions.users.has(client.user.id)) return;
    const question = message.content.replace(new RegExp(`<@!?${client.user.id}>`, "g"), " ").replace(/\s+/g, " ").trim();
    const language = conversations.languageOf(undefined);
    if (!(await withinRateLimit(message.author.id, language, (notice) => replyTo(message, { content: notice, allowedMentions: NO_PINGS })))) return;
    if (question === "") await replyTo(message, renderText("Xiaomi Services Bot", conversations.help(language)));
    else await replyTo(message, await answerFor(message.channelId, message.author.id, question, undefined));
  }

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const handle = interaction.isChatInputCommand()
      ? () => onCommand(interaction)
      : interaction.isAutocomplete()
        ? () => onAutocomplete(interaction)
        : interaction.isButton()
          ? () => onButton(interaction)
          : async () => {};
    void conversations.guard(`interaction ${interaction.id}`, conversations.languageOf(interaction.locale), handle, async (apology) => {
      if (!interaction.isRepliable()) return;
      if (interaction.replied || interaction.deferred) await interaction.followUp(privately(apology));
      else await interaction.reply(privately(apology));
    });
  });

  client.on(Events.MessageCreate, (message: Message) => {
    void conversations.guard(`message ${message.id}`, conversations.languageOf(undefined), () => onMessage(message), (apology) =>
      message.reply({ content: apology, allowedMentions: NO_PINGS }),
    );
  });

  // Without an 'error' listener an emitted error crashes the process.
  client.on(Events.Error, (error) => log("error", `discord client: ${describeError(error)}`));
  client.on(Events.ShardDisconnect, (event, shardId) => log("warn", `discord gateway shard ${shardId} disconnected (${event.code})`));
  client.on(Events.ShardReconnecting, (shardId) => {
    context.observer?.reconnecting(PLATFORM);
    log("warn", `discord gateway shard ${shardId} lost its connection; reconnecting`);
  });
  client.on(Events.ShardResume, (shardId) => log("info", `discord gateway shard ${shardId} resumed`));

  return { client, log, conversations };
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
  await retry(
    async (attempt) => {
      try {
        await send();
      } catch (error) {
        if (attempt > 1 && arrivedEarlier(error)) return;
        throw error;
      }
    },
    { attempts: RESEND_ATTEMPTS, delayFor: (error, attempt) => (isTransient(error) ? 100 * 2 ** attempt : undefined) },
  );
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
  const shards = settings.shard ? `shard ${settings.shard.id} of ${settings.shard.count}` : `${client.ws.shards.size} shard(s)`;
  log("info", `discord: logged in as ${client.user?.tag ?? "the bot"}, ${shards}`);
  return {
    name: PLATFORM,
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

