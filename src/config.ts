/**
 * The only reader of process.env. Values are parsed with zod because environment variables are
 * always strings; a bad value stops the start with one line naming the variable and what is
 * expected — never the value itself, which may be a secret. Each platform's variables are the
 * ones its entry in `PLATFORMS` (src/main.ts) declares; its settings are `config[<its name>]`.
 */
import { z } from "zod";
import { localeToLanguage, type Language } from "./core/index.js";
import { PLATFORMS } from "./main.js";
import { optionalMatching, optionalString, type AnyPlatform, type SettingsOf } from "./adapters/shared/platform.js";

/** Read before the platforms' variables: the language and where the knowledge is. */
const GENERAL = {
  DATA_DIR: optionalString,
  BOT_LANGUAGE: z.enum(["it", "en"], { message: "expected it or en" }).default("it"),
  // The terminal's locale ("it_IT.UTF-8") is the console chat's language hint.
  LANG: optionalString,
};

/** Read after the platforms' variables: logs, insights, metrics, shared state, shards. */
const OPERATIONS = {
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
};

type BaseValues = z.output<z.ZodObject<typeof GENERAL & typeof OPERATIONS>>;

/** What every part of the bot reads, whichever platforms run. */
export interface BaseConfig {
  dataDir: string | undefined;
  defaultLanguage: Language;
  consoleLocale: Language | undefined;
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

/** The configuration with each platform's settings under its name: undefined when its token is unset. */
export type Config<Platforms extends readonly AnyPlatform[] = typeof PLATFORMS> = BaseConfig & {
  [P in Platforms[number] as P["name"]]: SettingsOf<P> | undefined;
};

export const DEFAULT_INSIGHTS_DB = "insights.db";
/** Metrics stay on the machine unless the operator opens them up. */
export const DEFAULT_METRICS_HOST = "127.0.0.1";

export class ConfigError extends Error {
  override name = "ConfigError";
}

// Apart so that a command can load .env without loading zod (see cli/config-check.ts).
export { loadDotEnv } from "./environment.js";

export function readConfig(env?: NodeJS.ProcessEnv): Config;
export function readConfig<const Platforms extends readonly AnyPlatform[]>(env: NodeJS.ProcessEnv, platforms: Platforms): Config<Platforms>;
export function readConfig(env: NodeJS.ProcessEnv = process.env, platforms: readonly AnyPlatform[] = PLATFORMS): Config<readonly AnyPlatform[]> {
  const result = envSchema(platforms).safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const values = result.data as BaseValues & Record<string, unknown>;
  const shard = shardOf(values);
  for (const platform of platforms) {
    const needless = platform.needToken?.find((variable) => values[variable] !== undefined);
    if (needless && values[platform.token] === undefined) {
      throw new ConfigError(`Invalid ${needless}: it needs ${platform.token} to be set too`);
    }
  }
  const platformSecrets = platforms.flatMap((platform) => platform.secrets.map((variable) => values[variable]));
  const base: BaseConfig = {
    dataDir: values.DATA_DIR,
    defaultLanguage: values.BOT_LANGUAGE,
    consoleLocale: localeToLanguage(values.LANG),
    logLevel: values.LOG_LEVEL,
    insights:
      values.INSIGHTS === "on"
        ? { path: values.INSIGHTS_DB ?? DEFAULT_INSIGHTS_DB, retentionDays: values.INSIGHTS_RETENTION_DAYS, salt: values.INSIGHTS_SALT }
        : undefined,
    redisUrl: values.REDIS_URL,
    metrics: values.METRICS_PORT !== undefined ? { port: metricsPort(Number(values.METRICS_PORT), shard), host: values.METRICS_HOST ?? DEFAULT_METRICS_HOST } : undefined,
    secrets: [...platformSecrets, values.INSIGHTS_SALT, passwordIn(values.REDIS_URL), passwordIn(values.INSIGHTS_DB)].filter((s): s is string => typeof s === "string" && s !== ""),
    shard,
  };
  const config: BaseConfig & Record<string, unknown> = { ...base };
  for (const platform of platforms) {
    if (platform.name in config) throw new Error(`platform name ${platform.name} is taken by another platform or a configuration field`);
    config[platform.name] = values[platform.token] === undefined ? undefined : platform.settings(values as never);
  }
  return config as Config<readonly AnyPlatform[]>;
}

/** The names of the variables readConfig reads: its result depends on their values only. */
export function configVariables(platforms: readonly AnyPlatform[] = PLATFORMS): string[] {
  return Object.keys(envSchema(platforms).shape);
}

/**
 * Every variable in one schema, in the order the first bad one is reported: general, each
 * platform's in the order of PLATFORMS, then operations. A variable declared twice is a bug.
 */
function envSchema(platforms: readonly AnyPlatform[]) {
  const shape: Record<string, z.core.$ZodType> = { ...GENERAL };
  for (const env of [...platforms.map((platform) => platform.env as z.ZodRawShape), OPERATIONS]) {
    for (const [variable, schema] of Object.entries(env)) {
      if (variable in shape) throw new Error(`${variable} is declared twice (platform entries in src/main.ts and config.ts)`);
      shape[variable] = schema;
    }
  }
  return z.object(shape);
}

/** The shard a `npm run start:sharded` child runs. */
function shardOf(values: BaseValues): BaseConfig["shard"] {
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
function metricsPort(port: number, shard: BaseConfig["shard"]): number {
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
