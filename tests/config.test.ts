import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, configVariables, loadDotEnv, readConfig } from "../src/config.js";

const TELEGRAM = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";
const DISCORD = "MTAxMjM0NTY3ODkwMTIzNDU2Nw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("readConfig", () => {
  it("GIVEN no variables THEN runs with defaults and no platform", () => {
    expect(readConfig({})).toMatchObject({ defaultLanguage: "it", telegram: undefined, discord: undefined });
  });

  it("GIVEN valid tokens THEN configures both platforms with their default API roots", () => {
    const config = readConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM, DISCORD_TOKEN: DISCORD });
    expect(config.telegram).toMatchObject({ token: TELEGRAM, apiRoot: "https://api.telegram.org", webhook: undefined });
    expect(config.discord).toMatchObject({ token: DISCORD, apiRoot: "https://discord.com/api" });
  });

  it("GIVEN nothing about insights THEN records to insights.db for 90 days; INSIGHTS=off records nothing", () => {
    expect(readConfig({}).insights).toEqual({ path: "insights.db", retentionDays: 90, salt: undefined });
    expect(readConfig({ INSIGHTS_DB: "/var/lib/bot/insights.db", INSIGHTS_RETENTION_DAYS: "30" }).insights).toMatchObject({ path: "/var/lib/bot/insights.db", retentionDays: 30 });
    expect(readConfig({ INSIGHTS: "off" }).insights).toBeUndefined();
  });

  it("GIVEN tokens and secrets THEN they are the values the logs blank out", () => {
    const salt = "a-salt-of-sixteen-or-more";
    expect(readConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM, DISCORD_TOKEN: DISCORD, INSIGHTS_SALT: salt }).secrets).toEqual([TELEGRAM, DISCORD, salt]);
  });

  it("GIVEN a webhook URL THEN switches Telegram to webhook mode on PORT", () => {
    const config = readConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg", TELEGRAM_WEBHOOK_SECRET: "s3cret", PORT: "9000" });
    expect(config.telegram?.webhook).toEqual({ url: "https://bot.example.org/tg", secret: "s3cret", port: 9000 });
  });

  it("GIVEN METRICS_PORT THEN serves metrics on 127.0.0.1 unless METRICS_HOST says otherwise; unset, no server", () => {
    expect(readConfig({}).metrics).toBeUndefined();
    expect(readConfig({ METRICS_PORT: "9464" }).metrics).toEqual({ port: 9464, host: "127.0.0.1" });
    expect(readConfig({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" }).metrics).toEqual({ port: 9464, host: "0.0.0.0" });
  });

  it.each([
    ["METRICS_PORT", { METRICS_PORT: "99999" }, "99999"],
    ["METRICS_HOST", { METRICS_PORT: "9464", METRICS_HOST: "http://x y" }, "x y"],
    ["TELEGRAM_BOT_TOKEN", { TELEGRAM_BOT_TOKEN: "123:short-and-wrong-secret-value" }, "123:short-and-wrong-secret-value"],
    ["DISCORD_TOKEN", { DISCORD_TOKEN: "not-a-discord-token-but-a-secret" }, "not-a-discord-token-but-a-secret"],
    ["TELEGRAM_WEBHOOK_SECRET", { TELEGRAM_BOT_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_SECRET: "has spaces and ünicode" }, "has spaces"],
    ["PORT", { PORT: "eighty" }, "eighty"],
    ["BOT_LANGUAGE", { BOT_LANGUAGE: "fr" }, "fr,"],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }, "verbose"],
    ["INSIGHTS", { INSIGHTS: "maybe" }, "maybe"],
    ["INSIGHTS_RETENTION_DAYS", { INSIGHTS_RETENTION_DAYS: "forever" }, "forever"],
    ["INSIGHTS_SALT", { INSIGHTS_SALT: "short-salt" }, "short-salt"],
  ])("GIVEN a malformed %s THEN names the variable and never echoes the value", (variable, env, secret) => {
    const message = errorOf(env);
    expect(message).toMatch(new RegExp(`^Invalid ${variable}: expected `));
    expect(message).not.toContain(secret);
  });
});

describe("configVariables", () => {
  it("GIVEN an environment THEN readConfig reads nothing beyond the variables it names (ask's start-up check hashes those)", () => {
    const env: NodeJS.ProcessEnv = { TELEGRAM_BOT_TOKEN: TELEGRAM, DISCORD_TOKEN: DISCORD, METRICS_PORT: "9464", DATA_DIR: " /srv/data ", INSIGHTS: "off", UNRELATED: "1", PATH: "/bin" };
    const named = Object.fromEntries(configVariables().filter((name) => name in env).map((name) => [name, env[name]]));
    expect(readConfig(named)).toEqual(readConfig(env));
    expect(configVariables()).toEqual(expect.arrayContaining(["DATA_DIR", "BOT_LANGUAGE", "TELEGRAM_BOT_TOKEN", "DISCORD_TOKEN", "LOG_LEVEL", "SHARDS", "SHARD_COUNT"]));
  });
});

describe("loadDotEnv", () => {
  it("GIVEN a .env file THEN its values configure the bot, and the environment's own values win", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dotenv-")), ".env");
    writeFileSync(file, `INSIGHTS_RETENTION_DAYS=7\nBOT_LANGUAGE=en\n`);
    process.env.BOT_LANGUAGE = "it";
    try {
      loadDotEnv(file);
      const config = readConfig(process.env);
      expect(config.insights?.retentionDays).toBe(7);
      expect(config.defaultLanguage).toBe("it");
    } finally {
      delete process.env.INSIGHTS_RETENTION_DAYS;
      delete process.env.BOT_LANGUAGE;
    }
  });

  describe("GIVEN a shard process of npm run start:sharded", () => {
    const shardEnv = { DISCORD_TOKEN: DISCORD, TELEGRAM_BOT_TOKEN: TELEGRAM, SHARDING_MANAGER: "true", SHARDS: "1", SHARD_COUNT: "2" };

    it("THEN it runs that one shard, and its metrics listen on METRICS_PORT + shard id so shards never collide", () => {
      const config = readConfig({ ...shardEnv, METRICS_PORT: "9464" });
      expect(config.shard).toEqual({ id: 1, count: 2 });
      expect(config.metrics?.port).toBe(9465);
      expect(readConfig({ ...shardEnv, METRICS_PORT: "0" }).metrics?.port).toBe(0); // any free port stays any free port
    });

    it("THEN SHARDS without the manager is ignored, and a shard id beyond the count is refused", () => {
      expect(readConfig({ SHARDS: "whatever" }).shard).toBeUndefined();
      expect(errorOf({ ...shardEnv, SHARDS: "2" })).toMatch(/^Invalid SHARDS/);
      expect(errorOf({ ...shardEnv, METRICS_PORT: "65535" })).toMatch(/^Invalid METRICS_PORT/);
    });
  });
});
