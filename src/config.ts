/**
 * The only reader of process.env. Values are parsed with zod because environment variables are
 * always strings; a bad value stops the start with one line naming the variable and what is
 * expected — never the value itself, which may be a secret.
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { localeToLanguage, type Language } from "./core/index.js";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** An optional value that, when set, must match `pattern`; the message says what was expected. */
const optionalMatching = (pattern: RegExp, expected: string) =>
  optionalString.refine((value) => value === undefined || pattern.test(value), { message: `expected ${expected}` });

const optionalUrl = (expected: string) => optionalMatching(/^https?:\/\/[^\s/]+(\/\S*)?$/, expected);

const EnvSchema = z.object({
  DATA_DIR: optionalString,
  BOT_LANGUAGE: z.enum(["it", "en"], { message: "expected it or en" }).default("it"),
  // The terminal's locale ("it_IT.UTF-8") is the console chat's language hint.
  LANG: optionalString,

  TELEGRAM_BOT_TOKEN: optionalMatching(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, "<bot id>:<secret> as given by @BotFather"),
  TELEGRAM_API_ROOT: optionalUrl("an http(s) URL such as https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: optionalMatching(/^https:\/\/\S+$/, "the public https:// URL Telegram should post updates to"),
  TELEGRAM_WEBHOOK_SECRET: optionalMatching(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters of A-Z, a-z, 0-9, _ and -"),
  PORT: z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(8080),

  DISCORD_TOKEN: optionalMatching(/^[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, "a bot token: three dot-separated parts, from the Developer Portal"),
  DISCORD_GUILD_ID: optionalMatching(/^\d{17,20}$/, "a server (guild) id: 17-20 digits"),
  DISCORD_API_ROOT: optionalUrl("an http(s) URL such as https://discord.com/api"),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "expected fatal, error, warn, info, debug, trace or silent" }).default("info"),
  INSIGHTS: z.enum(["on", "off"], { message: "expected on or off" }).default("on"),
  INSIGHTS_DB: optionalString,
  INSIGHTS_RETENTION_DAYS: z.coerce.number({ message: "expected a number of days" }).int({ message: "expected a whole number of days" }).min(1, { message: "expected at least 1 day" }).default(90),
  INSIGHTS_SALT: optionalMatching(/^.{16,}$/, "at least 16 characters (it keeps user hashes unguessable)"),

  METRICS_PORT: optionalMatching(/^\d{1,5}$/, "a port number for /healthz and /metrics (0: any free port)").refine((value) => value === undefined || Number(value) <= 65535, { message: "expected a port number up to 65535" }),
  REDIS_URL: optionalMatching(/^rediss?:\/\/\S+$/, "a redis:// or rediss:// URL such as redis://127.0.0.1:6379"),
  METRICS_HOST: optionalMatching(/^[\w.:-]+$/, "an address to bind /healthz and /metrics to, such as 127.0.0.1 or 0.0.0.0"),

  // Set by discord.js's ShardingManager (`npm run start:sharded`) in each shard process it forks.
  SHARDING_MANAGER: optionalString,
  // Read only with SHARDING_MANAGER: elsewhere these names may mean something else.
  SHARDS: optionalString,
  SHARD_COUNT: optionalString,
});

export interface Config {
  dataDir: string | undefined;
  defaultLanguage: Language;
  consoleLocale: Language | undefined;
  telegram: {
    token: string;
    apiRoot: string;
    /** Set: serve a webhook on `port` instead of long polling. */
    webhook: { url: string; secret: string | undefined; port: number } | undefined;
  } | undefined;
  discord: { token: string; guildId: string | undefined; apiRoot: string } | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Undefined when INSIGHTS=off. */
  insights: { path: string; retentionDays: number; salt: string | undefined } | undefined;
  /** Set: flood buckets and button keys live in this Redis, shared by every instance. */
  redisUrl: string | undefined;
  /** Set: serve /healthz and /metrics on this port and host. */
  metrics: { port: number; host: string } | undefined;
  /** Values that must never reach a log line: tokens and secrets. */
  secrets: string[];
  /**
   * Set in a process forked by `npm run start:sharded`: the one Discord shard it runs. Such a
   * process runs only Discord, and serves metrics on METRICS_PORT + id.
   */
  shard: { id: number; count: number } | undefined;
}

export const DEFAULT_INSIGHTS_DB = "insights.db";
/** Metrics stay on the machine unless the operator opens them up. */
export const DEFAULT_METRICS_HOST = "127.0.0.1";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const values = result.data;
  const shard = shardOf(values);
  if (values.TELEGRAM_WEBHOOK_URL && !values.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError("Invalid TELEGRAM_WEBHOOK_URL: it needs TELEGRAM_BOT_TOKEN to be set too");
  }
  return {
    dataDir: values.DATA_DIR,
    defaultLanguage: values.BOT_LANGUAGE,
    consoleLocale: localeToLanguage(values.LANG),
    telegram: values.TELEGRAM_BOT_TOKEN
      ? {
          token: values.TELEGRAM_BOT_TOKEN,
          apiRoot: values.TELEGRAM_API_ROOT ?? "https://api.telegram.org",
          webhook: values.TELEGRAM_WEBHOOK_URL
            ? { url: values.TELEGRAM_WEBHOOK_URL, secret: values.TELEGRAM_WEBHOOK_SECRET, port: values.PORT }
            : undefined,
        }
      : undefined,
    discord: values.DISCORD_TOKEN
      ? { token: values.DISCORD_TOKEN, guildId: values.DISCORD_GUILD_ID, apiRoot: values.DISCORD_API_ROOT ?? "https://discord.com/api" }
      : undefined,
    logLevel: values.LOG_LEVEL,
    insights:
      values.INSIGHTS === "on"
        ? { path: values.INSIGHTS_DB ?? DEFAULT_INSIGHTS_DB, retentionDays: values.INSIGHTS_RETENTION_DAYS, salt: values.INSIGHTS_SALT }
        : undefined,
    redisUrl: values.REDIS_URL,
    metrics: values.METRICS_PORT !== undefined ? { port: metricsPort(Number(values.METRICS_PORT), shard), host: values.METRICS_HOST ?? DEFAULT_METRICS_HOST } : undefined,
    secrets: [values.TELEGRAM_BOT_TOKEN, values.TELEGRAM_WEBHOOK_SECRET, values.DISCORD_TOKEN, values.INSIGHTS_SALT, passwordIn(values.REDIS_URL), passwordIn(values.INSIGHTS_DB)].filter((s): s is string => Boolean(s)),
    shard,
  };
}

/** The shard a `npm run start:sharded` child runs. */
function shardOf(values: z.infer<typeof EnvSchema>): Config["shard"] {
  if (values.SHARDING_MANAGER !== "true" || values.SHARDS === undefined || values.SHARD_COUNT === undefined) return undefined;
  if (!/^\d+$/.test(values.SHARDS)) throw new ConfigError("Invalid SHARDS: expected one shard id (set by npm run start:sharded)");
  if (!/^[1-9]\d*$/.test(values.SHARD_COUNT)) throw new ConfigError("Invalid SHARD_COUNT: expected the number of shards (set by npm run start:sharded)");
  const shard = { id: Number(values.SHARDS), count: Number(values.SHARD_COUNT) };
  if (shard.id >= shard.count) throw new ConfigError("Invalid SHARDS: expected a shard id below SHARD_COUNT");
  return shard;
}

/**
 * Each shard process is a server of its own, with its own counters: one port per shard (base +
 * shard id) lets Prometheus scrape every one and a health check watch every one. 0 stays "any free port".
 */
function metricsPort(port: number, shard: Config["shard"]): number {
  if (!shard || port === 0) return port;
  if (port + shard.id > 65535) throw new ConfigError(`Invalid METRICS_PORT: shard ${shard.id} would listen on ${port + shard.id}, above 65535`);
  return port + shard.id;
}

/** The password in a server URL (redis://:pw@host, postgres://user:pw@host): never to be logged. */
function passwordIn(url: string | undefined): string | undefined {
  if (!url || !/^\w+:\/\//.test(url)) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
