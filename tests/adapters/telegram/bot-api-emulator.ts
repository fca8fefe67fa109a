/**
 * A Telegram Bot API server on 127.0.0.1 for end-to-end tests: the real telegraf client talks to
 * it over HTTP. It long-polls like Telegram (getUpdates is held until an update arrives and
 * updates stay until a later offset confirms them), delivers updates to a webhook when one is set,
 * records every call, and injects faults (status codes with retry_after, dropped connections).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "../../support/read-json-body.js";

export interface ApiCall {
  method: string;
  body: Record<string, any>;
  at: number;
  /** Set when the emulator refused the call as Telegram would (bad HTML, too long, bad button). */
  rejected?: string;
}

export type Fault = { status: number; retryAfter?: number; description?: string } | { drop: true } | { hang: true };

interface PendingPoll {
  offset: number;
  limit: number;
  respond: (updates: Array<{ update_id: number }>) => void;
}

export const BOT_USER = { id: 7000001, is_bot: true, first_name: "Xiaomi Services Bot", username: "xiaomi_services_bot" };

export class BotApiEmulator {
  readonly calls: ApiCall[] = [];
  /** When each update was handed to the bot (polling response written or webhook POST sent). */
  readonly deliveredAt = new Map<number, number>();
  private readonly server: Server;
  private readonly updates: Array<{ update_id: number } & Record<string, unknown>> = [];
  private readonly polls = new Set<PendingPoll>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly listeners = new Set<(call: ApiCall) => void>();
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private webhook: { url: string; secret: string | undefined } | undefined;
  port = 0;

  constructor(readonly token: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const poll of this.polls) poll.respond([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next calls of `method` fail this way, one fault per call, in order. */
  failNext(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Queues an update (update_id assigned) and hands it to a waiting poll or the webhook. */
  pushUpdate(update: Record<string, unknown>): number {
    const updateId = this.nextUpdateId++;
    const full = { update_id: updateId, ...update };
    if (this.webhook) {
      void this.deliverToWebhook(full);
      return updateId;
    }
    this.updates.push(full);
    for (const poll of this.polls) {
      const ready = this.updates.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
      if (ready.length > 0) poll.respond(ready);
    }
    return updateId;
  }

  /**
   * Resolves with the first call (already made or future) of `method` that satisfies `match`;
   * calls the emulator refused or failed count only with `includeRefused`.
   */
  waitForCall(method: string, match: (body: Record<string, any>) => boolean = () => true, timeoutMs = 5_000, includeRefused = false): Promise<ApiCall> {
    const matches = (call: ApiCall) => call.method === method && (includeRefused || !call.rejected) && match(call.body);
    const existing = this.calls.find(matches);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} call matching within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(", ")}`));
      }, timeoutMs);
      const listener = (call: ApiCall) => {
        if (!matches(call)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(call);
      };
      this.listeners.add(listener);
    });
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** True while the bot holds a long poll open: it is running in polling mode and idle. */
  get isPolling(): boolean {
    return this.polls.size > 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const parsed = await readJsonBody(req);
    const body: Record<string, any> = typeof parsed === "object" && parsed !== null ? parsed : parsed === undefined ? {} : { _raw: parsed };
    if (!match || match[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const call: ApiCall = { method, body, at: performance.now() };
    this.calls.push(call);

    const fault = this.faults.get(method)?.shift();
    if (fault) {
      call.rejected = "drop" in fault ? "connection dropped" : "hang" in fault ? "no response" : `fault ${fault.status}`;
      for (const listener of [...this.listeners]) listener(call);
    }
    if (fault && "drop" in fault) {
      req.socket.destroy();
      return;
    }
    // Never answered, never carried out: the client has to give up on its own.
    if (fault && "hang" in fault) return;
    if (fault) {
      return reply(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description: fault.description ?? (fault.status === 429 ? `Too Many Requests: retry after ${fault.retryAfter ?? 1}` : "Internal Server Error"),
        ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
    }
    const invalid = method === "sendMessage" || method === "editMessageText" ? checkMessage(body) : method === "answerInlineQuery" ? checkInlineResults(body) : undefined;
    if (invalid) {
      call.rejected = invalid;
      for (const listener of [...this.listeners]) listener(call);
      return reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${invalid}` });
    }
    for (const listener of [...this.listeners]) listener(call);
    if (method === "getUpdates") return this.getUpdates(body, req, res);
    return reply(res, 200, { ok: true, result: this.resultOf(method, body) });
  }

  private resultOf(method: string, body: Record<string, any>): unknown {
    switch (method) {
      case "getMe":
        return BOT_USER;
      case "setWebhook":
        this.webhook = { url: body.url, secret: body.secret_token };
        return true;
      case "deleteWebhook":
        this.webhook = undefined;
        return true;
      case "sendMessage":
      case "editMessageText":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id, type: Number(body.chat_id) < 0 ? "supergroup" : "private" },
          from: BOT_USER,
          text: body.text,
        };
      default:
        return true;
    }
  }

  private getUpdates(body: Record<string, any>, req: IncomingMessage, res: ServerResponse): void {
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 100);
    // Updates below the offset are confirmed: Telegram forgets them.
    while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
    const ready = this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const timeoutS = Number(body.timeout ?? 0);
    if (ready.length > 0 || timeoutS === 0) return this.sendUpdates(res, ready);
    const poll: PendingPoll = {
      offset,
      limit,
      respond: (updates) => {
        this.polls.delete(poll);
        clearTimeout(timer);
        this.sendUpdates(res, updates);
      },
    };
    const timer = setTimeout(() => poll.respond([]), timeoutS * 1000);
    req.socket.once("close", () => {
      this.polls.delete(poll);
      clearTimeout(timer);
    });
    this.polls.add(poll);
  }

  private sendUpdates(res: ServerResponse, updates: Array<{ update_id: number }>): void {
    if (res.writableEnded || res.destroyed) return;
    const now = performance.now();
    for (const u of updates) if (!this.deliveredAt.has(u.update_id)) this.deliveredAt.set(u.update_id, now);
    reply(res, 200, { ok: true, result: updates });
  }

  private async deliverToWebhook(update: { update_id: number }, attempt = 1): Promise<void> {
    const { url, secret } = this.webhook!;
    const target = new URL(url.replace(/^https:/, "http:"));
    // The bot's webhook server runs on 127.0.0.1 in tests; the public URL's host is only a name.
    target.host = `127.0.0.1:${this.webhookPort}`;
    this.deliveredAt.set(update.update_id, performance.now());
    const status = await post(target, update, secret ? { "x-telegram-bot-api-secret-token": secret } : {}).catch(() => 0);
    if (status !== 200 && attempt < 3) setTimeout(() => void this.deliverToWebhook(update, attempt + 1), 100);
  }

  /** Where the bot's webhook server listens (the public URL's host stands for it). */
  webhookPort = 0;

  get webhookTarget(): { url: string; secret: string | undefined } | undefined {
    return this.webhook;
  }
}

// ---- what Telegram refuses -------------------------------------------------------------------

const ALLOWED_TAG = /<(\/?)(b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote|a)(?: href="[^"<>]*")?>/g;

/** Telegram's HTML parse mode: known tags, balanced; every other < > & escaped; at most 4,096 characters. */
export function htmlProblem(html: string): string | undefined {
  const stack: string[] = [];
  let problem: string | undefined;
  const text = html.replace(ALLOWED_TAG, (_tag, closing: string, name: string) => {
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problem ??= `can't parse entities: unmatched end tag ${name}`;
    return "";
  });
  if (problem) return problem;
  if (stack.length > 0) return `can't parse entities: unclosed tag ${stack.at(-1)}`;
  if (/[<>]/.test(text)) return "can't parse entities: unsupported start tag";
  if (/&(?!(lt|gt|amp|quot|#\d+);)/.test(text)) return "can't parse entities: bad character reference";
  const visible = text.replace(/&(lt|gt|amp|quot|#\d+);/g, "x");
  if (visible.length > 4096) return "message is too long";
  if (visible.trim() === "") return "message text is empty";
  return undefined;
}

function checkMessage(body: Record<string, any>): string | undefined {
  if (typeof body.text !== "string") return "message text is empty";
  if (body.parse_mode === "HTML") {
    const problem = htmlProblem(body.text);
    if (problem) return problem;
  } else if (body.text.length > 4096) return "message is too long";
  for (const row of body.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) return "BUTTON_DATA_INVALID";
  }
  return undefined;
}

function checkInlineResults(body: Record<string, any>): string | undefined {
  const results: any[] = body.results ?? [];
  if (results.length > 50) return "RESULTS_TOO_MUCH";
  for (const result of results) {
    const content = result.input_message_content;
    if (content?.parse_mode === "HTML") {
      const problem = htmlProblem(content.message_text);
      if (problem) return problem;
    }
  }
  return undefined;
}


function reply(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

export function post(url: URL, payload: unknown, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

// ---- update builders: what Telegram would send for a user's action ----------------------------

export interface TestUser {
  id: number;
  first_name: string;
  language_code?: string;
}

export const privateChat = (user: TestUser) => ({ id: user.id, type: "private", first_name: user.first_name });
export const groupChat = { id: -100123456, type: "supergroup", title: "Xiaomi Italia" };

let messageIds = 10_000;

/** A text message; commands and @mentions get the entities Telegram would attach. */
export function textMessage(from: TestUser, text: string, chat: object = privateChat(from), extra: Record<string, unknown> = {}) {
  const entities: object[] = [];
  const command = /^\/\w+(@\w+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/@\w+/g)) {
    if (command && mention.index! < command[0].length) continue;
    entities.push({ type: "mention", offset: mention.index, length: mention[0].length });
  }
  return {
    message: {
      message_id: messageIds++,
      date: Math.floor(Date.now() / 1000),
      from: { is_bot: false, ...from },
      chat,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...extra,
    },
  };
}
