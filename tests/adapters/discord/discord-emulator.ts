/**
 * A Discord REST API and gateway on one 127.0.0.1 port, for end-to-end tests of the real
 * discord.js client: login (GET /gateway/bot, HELLO, IDENTIFY, READY, GUILD_CREATE), heartbeats,
 * resume after a dropped connection, dispatched events, and the REST calls a bot makes, recorded.
 * REST faults (status codes, 429 with retry_after) can be injected per route.
 *
 * Sharding as Discord does it: `GET /gateway/bot` recommends `shards`; one websocket per shard,
 * whose IDENTIFY must carry `shard: [id, count]` with that count (4010 otherwise, 4011 when it is
 * missing and more than one shard is needed); each shard gets READY and GUILD_CREATE for its own
 * guilds only (`(guild_id >> 22) % count`), and each event goes to the shard of its guild (DMs to
 * shard 0).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "../../support/read-json-body.js";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * `drop`: the connection is cut before the request is carried out; `lostReply`: it is carried
 * out, then the connection is cut before the response, so the client cannot know it worked.
 */
export type DiscordFault = { status: number; retryAfter?: number } | { hang: true } | { drop: true } | { lostReply: true };

export interface RestCall {
  method: string;
  /** Path after /api/v10, decoded ("@original", not "%40original"). */
  path: string;
  body: any;
  at: number;
  status: number;
}

export const APPLICATION_ID = "1100000000000000001";
export const BOT_ID = APPLICATION_ID;
export const GUILD_ID = "1200000000000000001";
export const CHANNEL_ID = "1300000000000000001";
/** A second server, on the other shard of two: GUILD_ID is on shard 1, this one on shard 0. */
export const SECOND_GUILD_ID = "1200000000004194305";
export const SECOND_CHANNEL_ID = "1300000000000000003";
export const DM_CHANNEL_ID = "1300000000000000002";

let snowflake = 1_400_000_000_000_000_000n;
export const nextId = () => String(snowflake++);

/** Recorded status of a message the emulator did not create again because its nonce was seen. */
export const DEDUPLICATED = 208;

export interface TestGuild {
  id: string;
  channelId: string;
  name: string;
}
export const MAIN_GUILD: TestGuild = { id: GUILD_ID, channelId: CHANNEL_ID, name: "Xiaomi Italia" };
export const SECOND_GUILD: TestGuild = { id: SECOND_GUILD_ID, channelId: SECOND_CHANNEL_ID, name: "Xiaomi Community" };
const GUILDS = [MAIN_GUILD, SECOND_GUILD];

/** The shard Discord routes a guild's events to. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

export interface EmulatorOptions {
  /** Shards recommended by GET /gateway/bot (default 1). */
  shards?: number;
  /** session_start_limit.max_concurrency: how many shards may identify in the same 5 s (default 1). */
  maxConcurrency?: number;
}

interface GatewaySession {
  socket: WebSocket;
  sequence: number;
  ready: boolean;
}

export interface TestUser {
  id: string;
  username: string;
  global_name?: string;
}

export class DiscordEmulator {
  readonly rest: RestCall[] = [];
  readonly identifies: any[] = [];
  /** When each dispatched event was written to the gateway socket, by event id. */
  readonly dispatchedAt = new Map<string, number>();
  /** The guild ids each shard was sent GUILD_CREATE for, by shard id. */
  readonly guildsSent = new Map<number, string[]>();
  private readonly server: Server;
  private readonly gateway: WebSocketServer;
  /** Identified (or resumed) connections, by shard id. */
  private readonly sessions = new Map<number, GatewaySession>();
  readonly shardCount: number;
  private readonly maxConcurrency: number;
  private readonly faults = new Map<string, Array<DiscordFault>>();
  private readonly listeners = new Set<(call: RestCall) => void>();
  private readonly connectedListeners = new Set<() => void>();
  resumes = 0;
  port = 0;
  private readonly acknowledged = new Set<string>();
  private readonly byNonce = new Map<string, object>();

  constructor(
    readonly token: string,
    options: EmulatorOptions = {},
  ) {
    this.shardCount = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.server = createServer((req, res) => void this.handleRest(req, res));
    this.gateway = new WebSocketServer({ server: this.server });
    this.gateway.on("connection", (socket) => this.onConnection(socket));
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.gateway.clients) client.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next REST calls whose "METHOD path" matches `route` fail this way, one per call. */
  failNext(route: RegExp | string, ...faults: DiscordFault[]): void {
    const key = String(route);
    this.faults.set(key, [...(this.faults.get(key) ?? []), ...faults]);
    this.faultRoutes.set(key, typeof route === "string" ? new RegExp(`^${route}$`) : route);
  }
  private readonly faultRoutes = new Map<string, RegExp>();

  /** Cuts every gateway connection as a network failure would (no close frame). */
  dropGateway(): void {
    for (const session of this.sessions.values()) session.socket.terminate();
    this.sessions.clear();
  }

  /** Resolves once every shard is identified (or resumed) on the gateway. */
  whenConnected(timeoutMs = 10_000): Promise<void> {
    if (this.allConnected()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway: ${this.sessions.size} of ${this.shardCount} shard(s) connected in time`)), timeoutMs);
      const listener = () => {
        if (!this.allConnected()) return;
        clearTimeout(timer);
        this.connectedListeners.delete(listener);
        resolve();
      };
      this.connectedListeners.add(listener);
    });
  }

  private allConnected(): boolean {
    return [...Array(this.shardCount).keys()].every((id) => this.sessions.get(id)?.ready);
  }

  /** Sent to the shard Discord would route it to: its guild's shard, or shard 0 for a DM. */
  dispatch(type: string, data: Record<string, any>): void {
    const shard = typeof data.guild_id === "string" ? shardOf(data.guild_id, this.shardCount) : 0;
    const session = this.sessions.get(shard);
    if (!session) throw new Error(`gateway: no client on shard ${shard} to send ${type} to`);
    session.socket.send(JSON.stringify({ op: 0, t: type, s: ++session.sequence, d: data }));
    if (typeof data.id === "string") this.dispatchedAt.set(data.id, performance.now());
  }

  waitForRest(match: (call: RestCall) => boolean, timeoutMs = 5_000): Promise<RestCall> {
    const existing = this.rest.find((c) => c.status < 300 && match(c));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching REST call within ${timeoutMs} ms; calls: ${this.rest.map((c) => `${c.method} ${c.path} ${c.status}`).join(", ")}`));
      }, timeoutMs);
      const listener = (call: RestCall) => {
        if (call.status >= 300 || !match(call)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(call);
      };
      this.listeners.add(listener);
    });
  }

  /** The callback posted for an interaction (reply, autocomplete choices, ...). */
  callbackFor(interactionId: string, timeoutMs = 5_000): Promise<RestCall> {
    return this.waitForRest((c) => c.method === "POST" && c.path.startsWith(`/interactions/${interactionId}/`), timeoutMs);
  }

  // ---- gateway -------------------------------------------------------------------------------

  private onConnection(socket: WebSocket): void {
    let session: GatewaySession | undefined;
    let shardId = 0;
    const send = (payload: object) => socket.send(JSON.stringify(payload));
    const dispatch = (t: string, d: object) => send({ op: 0, t, s: ++session!.sequence, d });
    send({ op: 10, d: { heartbeat_interval: 45_000 } });
    socket.on("message", (raw) => {
      const payload = JSON.parse(String(raw));
      switch (payload.op) {
        case 1:
          send({ op: 11 });
          break;
        case 2: {
          if (payload.d.token !== this.token && payload.d.token !== `Bot ${this.token}`) {
            socket.close(4004, "Authentication failed.");
            return;
          }
          const refusal = this.shardRefusal(payload.d.shard);
          if (refusal) {
            socket.close(refusal.code, refusal.reason);
            return;
          }
          this.identifies.push(payload.d);
          shardId = payload.d.shard?.[0] ?? 0;
          session = { socket, sequence: 0, ready: false };
          this.sessions.set(shardId, session);
          const own = GUILDS.filter((guild) => shardOf(guild.id, this.shardCount) === shardId);
          dispatch("READY", {
            v: 10,
            user: { id: BOT_ID, username: "Xiaomi Services Bot", discriminator: "0", bot: true, avatar: null, global_name: null },
            guilds: own.map((guild) => ({ id: guild.id, unavailable: true })),
            session_id: `session-${shardId}`,
            resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            application: { id: APPLICATION_ID, flags: 0 },
            private_channels: [],
            ...(payload.d.shard ? { shard: payload.d.shard } : {}),
          });
          for (const guild of own) dispatch("GUILD_CREATE", guildCreate(guild));
          this.guildsSent.set(shardId, [...(this.guildsSent.get(shardId) ?? []), ...own.map((guild) => guild.id)]);
          this.markConnected(session);
          break;
        }
        case 6: {
          // The session id names the shard it was opened for.
          shardId = Number(/^session-(\d+)$/.exec(String(payload.d.session_id))?.[1] ?? 0);
          session = { socket, sequence: this.sessions.get(shardId)?.sequence ?? 0, ready: false };
          this.sessions.set(shardId, session);
          this.resumes++;
          dispatch("RESUMED", {});
          this.markConnected(session);
          break;
        }
        default:
          break;
      }
    });
    socket.on("close", () => {
      if (this.sessions.get(shardId)?.socket === socket) this.sessions.delete(shardId);
    });
  }

  /** Discord's close code for an IDENTIFY whose `shard` does not fit what /gateway/bot recommended. */
  private shardRefusal(shard: unknown): { code: number; reason: string } | undefined {
    if (shard === undefined) return this.shardCount > 1 ? { code: 4011, reason: "Sharding required." } : undefined;
    const valid = Array.isArray(shard) && shard.length === 2 && shard.every(Number.isInteger) && shard[1] === this.shardCount && shard[0] >= 0 && shard[0] < shard[1];
    if (!valid) return { code: 4010, reason: "Invalid shard." };
    return undefined;
  }

  private markConnected(session: GatewaySession): void {
    session.ready = true;
    for (const listener of [...this.connectedListeners]) listener();
  }

  // ---- REST ----------------------------------------------------------------------------------

  private async handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ""));
    const body = (await readJsonBody(req)) as any;
    const call: RestCall = { method: req.method ?? "GET", path, body, at: performance.now(), status: 200 };
    this.rest.push(call);
    const respond = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      for (const listener of [...this.listeners]) listener(call);
      if (payload === undefined) res.writeHead(status, headers).end();
      else res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(payload));
    };

    // Interaction callbacks and their webhooks are authorised by the interaction token in the path.
    const tokenInPath = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (req.headers.authorization !== `Bot ${this.token}` && path !== "/gateway" && !tokenInPath) {
      return respond(401, { message: "401: Unauthorized", code: 0 });
    }
    for (const [key, route] of this.faultRoutes) {
      if (!route.test(`${call.method} ${path}`)) continue;
      const fault = this.faults.get(key)?.shift();
      if (!fault) continue;
      if ("hang" in fault) {
        // Never answered, never carried out: the client has to give up on its own.
        call.status = 599;
        return;
      }
      if ("drop" in fault) {
        call.status = 598;
        req.socket.destroy();
        return;
      }
      if ("lostReply" in fault) {
        this.carryOut(call);
        req.socket.destroy();
        return;
      }
      if (fault.status === 429) {
        const retryAfter = fault.retryAfter ?? 0.1;
        return respond(429, { message: "You are being rate limited.", retry_after: retryAfter, global: false }, { "retry-after": String(Math.ceil(retryAfter)), "x-ratelimit-scope": "user" });
      }
      return respond(fault.status, { message: "Internal Server Error", code: 0 });
    }

    const route = `${call.method} ${path}`;
    let match: RegExpMatchArray | null;
    if (route === "GET /gateway/bot" || route === "GET /gateway") {
      return respond(200, { url: `ws://127.0.0.1:${this.port}`, shards: this.shardCount, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.maxConcurrency } });
    }
    if (route === "GET /applications/@me" || route === "GET /oauth2/applications/@me") {
      return respond(200, { id: APPLICATION_ID, name: "Xiaomi Services Bot", flags: 0, bot_public: true, bot_require_code_grant: false, verify_key: "x", description: "", icon: null, summary: "", team: null });
    }
    if ((match = route.match(/^POST \/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      // Discord takes one callback per interaction.
      if (this.acknowledged.has(match[1]!)) return respond(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      this.acknowledged.add(match[1]!);
      if (url.searchParams.get("with_response") === "true") {
        return respond(200, { interaction: { id: match[1], type: 2 }, resource: { type: body?.type, message: botMessage(body?.data ?? {}, CHANNEL_ID) } });
      }
      return respond(204);
    }
    if ((match = route.match(/^(PATCH|GET) \/webhooks\/(\d+)\/([^/]+)\/messages\/(.+)$/))) {
      return respond(200, botMessage(body ?? {}, CHANNEL_ID));
    }
    if ((match = route.match(/^POST \/webhooks\/(\d+)\/([^/]+)$/))) {
      return respond(200, botMessage(body ?? {}, CHANNEL_ID));
    }
    if ((match = route.match(/^POST \/channels\/(\d+)\/messages$/))) {
      // With enforce_nonce, a message whose nonce was seen is not created again.
      const earlier = body?.enforce_nonce && body.nonce !== undefined ? this.byNonce.get(String(body.nonce)) : undefined;
      if (earlier) {
        respond(200, earlier);
        call.status = DEDUPLICATED;
        return;
      }
      const created = botMessage(body ?? {}, match[1]!);
      if (body?.nonce !== undefined) this.byNonce.set(String(body.nonce), created);
      return respond(200, created);
    }
    if ((match = route.match(/^GET \/channels\/(\d+)$/))) {
      const guild = GUILDS.find((g) => g.channelId === match![1]) ?? MAIN_GUILD;
      return respond(200, match[1] === DM_CHANNEL_ID ? { id: DM_CHANNEL_ID, type: 1, recipients: [] } : { id: match[1], type: 0, guild_id: guild.id, name: "generale" });
    }
    if ((match = route.match(/^PUT \/applications\/(\d+)(\/guilds\/\d+)?\/commands$/))) {
      return respond(200, (body as any[]).map((command) => ({ id: nextId(), application_id: APPLICATION_ID, version: "1", ...command })));
    }
    if ((match = route.match(/^POST \/channels\/(\d+)\/typing$/)) && [CHANNEL_ID, SECOND_CHANNEL_ID, DM_CHANNEL_ID].includes(match[1]!)) return respond(204);
    return respond(404, { message: `Unknown route ${route}`, code: 0 });
  }

  /** What a request does on the server side, for faults that do it and then lose the response. */
  private carryOut(call: RestCall): void {
    const callback = call.path.match(/^\/interactions\/(\d+)\/[^/]+\/callback$/);
    if (callback && call.method === "POST") {
      if (this.acknowledged.has(callback[1]!)) {
        call.status = 400;
        return;
      }
      this.acknowledged.add(callback[1]!);
      call.status = 204;
    }
    const message = call.path.match(/^\/channels\/(\d+)\/messages$/);
    if (message && call.method === "POST") {
      const created = botMessage(call.body ?? {}, message[1]!);
      if (call.body?.nonce !== undefined) this.byNonce.set(String(call.body.nonce), created);
      call.status = 200;
    }
    for (const listener of [...this.listeners]) listener(call);
  }

}

/** A message the bot posted, as Discord returns it. */
function botMessage(body: any, channelId: string): object {
  return {
    id: nextId(),
    channel_id: channelId,
    type: 0,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    author: { id: BOT_ID, username: "Xiaomi Services Bot", discriminator: "0", bot: true, avatar: null, global_name: null },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    flags: body.flags ?? 0,
  };
}

function guildCreate(guild: TestGuild): object {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: "1500000000000000001",
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    preferred_locale: "it",
    roles: [{ id: guild.id, name: "@everyone", permissions: "1024", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    members: [],
    channels: [{ id: guild.channelId, type: 0, name: "generale", guild_id: guild.id, position: 0, permission_overwrites: [] }],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: new Date().toISOString(),
  };
}


// ---- events as Discord would send them for a user's action ------------------------------------

const member = (user: TestUser) => ({ user: { discriminator: "0", avatar: null, global_name: null, ...user }, roles: [], permissions: "1024", joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 });

function interactionBase(user: TestUser, locale: string, type: number, guild = MAIN_GUILD) {
  return {
    id: nextId(),
    token: `interaction-token-${nextId()}`,
    application_id: APPLICATION_ID,
    type,
    guild_id: guild.id,
    channel_id: guild.channelId,
    channel: { id: guild.channelId, type: 0, guild_id: guild.id, name: "generale" },
    member: member(user),
    locale,
    guild_locale: "it",
    app_permissions: "2147483647",
    entitlements: [],
    authorizing_integration_owners: { "0": guild.id },
    context: 0,
    version: 1,
  };
}

export function commandInteraction(user: TestUser, name: string, options: Array<{ name: string; value: string }> = [], locale = "en-US", guild = MAIN_GUILD) {
  return { ...interactionBase(user, locale, 2, guild), data: { id: nextId(), name, type: 1, options: options.map((o) => ({ ...o, type: 3 })) } };
}

export function autocompleteInteraction(user: TestUser, typed: string, locale = "en-US") {
  return { ...interactionBase(user, locale, 4), data: { id: nextId(), name: "ask", type: 1, options: [{ name: "question", type: 3, value: typed, focused: true }] } };
}

export function buttonInteraction(user: TestUser, customId: string, locale = "en-US") {
  return {
    ...interactionBase(user, locale, 3),
    data: { custom_id: customId, component_type: 2 },
    message: botMessage({}, CHANNEL_ID),
  };
}

/** A message in the guild channel, or a DM; `mentionsBot` adds the bot to `mentions` as Discord does. */
export function messageCreate(user: TestUser, content: string, { dm = false, mentionsBot = false, guild = MAIN_GUILD } = {}) {
  return {
    id: nextId(),
    channel_id: dm ? DM_CHANNEL_ID : guild.channelId,
    ...(dm ? { channel_type: 1 } : { guild_id: guild.id, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
    author: { discriminator: "0", avatar: null, global_name: null, ...user },
    content,
    type: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: mentionsBot ? [{ id: BOT_ID, username: "Xiaomi Services Bot", discriminator: "0", bot: true, avatar: null }] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
  };
}
