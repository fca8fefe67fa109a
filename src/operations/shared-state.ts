/**
 * State that several instances of the bot must share: flood-control buckets, the long keys
 * behind question buttons, and conversation context (the last two through one key/value store).
 * Without REDIS_URL it lives in this process's memory, as one instance needs. With it, in Redis
 * (ioredis, a maintained client with reconnection built in): a bucket is checked and updated by
 * one Lua script, so two instances seeing one user's flood count it once.
 *
 * Redis must never stop the bot answering. Commands fail fast instead of queueing while Redis is
 * away (no offline queue, a short command timeout); the bot then limits floods in its own memory
 * and forgets long keys made elsewhere, logs that once, and logs again when Redis is back.
 */
import { Redis } from "ioredis";
import type { Platform } from "../adapters/shared/running-adapter.js";
import { RATE_LIMIT_DEFAULTS, RateLimiter, type RateDecision, type RateLimitSettings } from "../adapters/shared/rate-limiter.js";

/** A string store with expiry: what question keys and conversation context need. */
export interface KeyValueStore {
  /** Undefined when absent, expired, or the store cannot be reached. */
  get(key: string): Promise<string | undefined>;
  /** Best effort: a store that cannot be reached keeps nothing, and says so in the log once. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Best effort, as `set`. */
  delete(key: string): Promise<void>;
}

export interface FloodGate {
  check(userKey: string): Promise<RateDecision>;
}

export interface SharedState {
  readonly kind: "memory" | "redis";
  floodGate(platform: Platform, settings?: Partial<RateLimitSettings>): FloodGate;
  /** Keys of one store never meet another's: each gets its own namespace. */
  store(namespace: string): KeyValueStore;
  close(): Promise<void>;
}

export const REDIS_DEFAULTS = Object.freeze({
  /** Every key the bot writes starts with this, so a Redis can be shared with other programs. */
  keyPrefix: "xsb:",
  /** A command slower than this is treated as Redis being away: an answer must not wait on it. */
  commandTimeoutMs: 250,
  /** Reconnection back-off, growing to this ceiling. */
  maxReconnectDelayMs: 2_000,
});

export function memoryState(): SharedState {
  const stores = new Map<string, KeyValueStore>();
  return {
    kind: "memory",
    floodGate: (_platform, settings) => {
      const limiter = new RateLimiter(settings);
      return { check: async (userKey) => limiter.check(userKey) };
    },
    store: (namespace) => {
      let store = stores.get(namespace);
      if (!store) stores.set(namespace, (store = memoryStore()));
      return store;
    },
    close: async () => {},
  };
}

/** Bounded: beyond `capacity` entries the oldest is forgotten, as question keys always were. */
export function memoryStore(capacity = 5_000, now: () => number = Date.now): KeyValueStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get: async (key) => {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set: async (key, value, ttlMs) => {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
}

/**
 * Token bucket, as RateLimiter keeps it in memory, done inside Redis in one step: read, refill by
 * the time passed (Redis's clock, the same for every instance), take a token or decide between
 * the one notice and silence, write back. The key expires once a full bucket would have refilled.
 * Returns 0 allow, 1 notify, 2 drop.
 */
const TAKE_TOKEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'notified')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
local notified = b[3] == '1'
if tokens == nil or at == nil then
  tokens = burst
  at = now
  notified = false
end
tokens = math.min(burst, tokens + math.max(0, now - at) / refill)
local decision
if tokens >= 1 then
  tokens = tokens - 1
  notified = false
  decision = 0
elseif notified then
  decision = 2
else
  notified = true
  decision = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now, 'notified', notified and '1' or '0')
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * refill) + 1000)
return decision
`;
const DECISIONS: readonly RateDecision[] = ["allow", "notify", "drop"];

type RedisWithScript = Redis & { takeToken(key: string, burst: number, refillMs: number): Promise<number> };

export function redisState(url: string, log: (level: "info" | "warn" | "error", message: string) => void): SharedState {
  const redis = new Redis(url, {
    keyPrefix: REDIS_DEFAULTS.keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_DEFAULTS.commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, REDIS_DEFAULTS.maxReconnectDelayMs),
  }) as RedisWithScript;
  redis.defineCommand("takeToken", { numberOfKeys: 1, lua: TAKE_TOKEN });
  const where = redactedAddress(url);

  // ioredis emits 'error' on every failed reconnection attempt: one line when Redis goes away,
  // one when it is back, nothing in between.
  let away = false;
  const wentAway = (reason: string) => {
    if (away) return;
    away = true;
    log("error", `redis at ${where} unreachable (${reason}); flood limits fall back to this instance's memory until it is back`);
  };
  redis.on("error", (error: Error) => wentAway(error.message));
  redis.on("close", () => wentAway("connection closed"));
  redis.on("ready", () => {
    if (!away) return;
    away = false;
    log("info", `redis at ${where} reachable again; state is shared across instances again`);
  });

  /** Runs a command while Redis is up; otherwise, or when it fails, the fallback. */
  async function attempt<T>(command: () => Promise<T>, fallback: () => T): Promise<T> {
    if (redis.status !== "ready") return fallback();
    try {
      return await command();
    } catch (error) {
      wentAway(error instanceof Error ? error.message : String(error));
      return fallback();
    }
  }

  return {
    kind: "redis",
    floodGate: (platform, settings) => {
      const { burst, refillMs } = { ...RATE_LIMIT_DEFAULTS, ...settings };
      const local = new RateLimiter(settings);
      return {
        check: (userKey) =>
          attempt(
            async () => DECISIONS[await redis.takeToken(`rl:${platform}:${userKey}`, burst, refillMs)] ?? "allow",
            () => local.check(userKey),
          ),
      };
    },
    store: (namespace) => ({
      get: (key) => attempt(async () => (await redis.get(`${namespace}:${key}`)) ?? undefined, () => undefined),
      set: (key, value, ttlMs) => attempt(async () => void (await redis.set(`${namespace}:${key}`, value, "PX", Math.max(1, Math.round(ttlMs)))), () => undefined),
      delete: (key) => attempt(async () => void (await redis.del(`${namespace}:${key}`)), () => undefined),
    }),
    close: async () => {
      redis.removeAllListeners("close");
      redis.removeAllListeners("error");
      redis.on("error", () => {});
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The URL as a log line may show it: no password. */
function redactedAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "6379"}`;
  } catch {
    return "the configured address";
  }
}
