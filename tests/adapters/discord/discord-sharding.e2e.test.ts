/**
 * Sharding against the gateway emulator recommending 2 shards: the real discord.js client with
 * `shards: 'auto'` in one process, and `npm run start:sharded` (discord.js's ShardingManager) as a
 * real process with one child per shard. Each shard identifies with its [id, count], receives its
 * own guild, and answers there; SIGTERM leaves no shard process behind.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAssistant } from "../../../src/core/index.js";
import { loadKnowledge } from "../../../src/knowledge/load-knowledge.js";
import { startDiscord } from "../../../src/adapters/discord/discord-bot.js";
import type { RunningAdapter } from "../../../src/adapters/shared/running-adapter.js";
import { until } from "../../support/until.js";
import { BotApiEmulator } from "../telegram/bot-api-emulator.js";
import { BOT_ID, commandInteraction, DiscordEmulator, GUILD_ID, MAIN_GUILD, messageCreate, SECOND_GUILD, SECOND_GUILD_ID, shardOf, type TestGuild } from "./discord-emulator.js";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhXyZa.abcdefghijklmnopqrstuvwxyz0123456789AB";
const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-x";
const giulia = { id: "1600000000000000001", username: "giulia" };
const DISCORD_SPEC = join(process.cwd(), "..", "shared", "api-specs", "discord-openapi.json");

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two shards that may identify together, as Discord allows bots with max_concurrency above 1. */
async function twoShardGateway(): Promise<DiscordEmulator> {
  const emulator = await new DiscordEmulator(TOKEN, { shards: 2, maxConcurrency: 2 }).start();
  cleanups.push(() => emulator.stop());
  return emulator;
}

/** A slash command in `guild`, and the embed the bot answered it with. */
async function askIn(emulator: DiscordEmulator, guild: TestGuild, question: string): Promise<string> {
  const interaction = commandInteraction(giulia, "ask", [{ name: "question", value: question }], "it", guild);
  emulator.dispatch("INTERACTION_CREATE", interaction);
  return (await emulator.callbackFor(interaction.id, 10_000)).body.data.embeds[0].description;
}

/** A mention in `guild`'s channel, and the reply the bot posted there. */
async function mentionIn(emulator: DiscordEmulator, guild: TestGuild, question: string) {
  const message = messageCreate(giulia, `<@${BOT_ID}> ${question}`, { mentionsBot: true, guild });
  emulator.dispatch("MESSAGE_CREATE", message);
  return emulator.waitForRest((c) => c.method === "POST" && c.body?.message_reference?.message_id === message.id, 10_000);
}

const identifiedShards = (emulator: DiscordEmulator) => emulator.identifies.map((identify) => identify.shard).sort((a, b) => a[0] - b[0]);

describe("the gateway emulator's sharding, as Discord routes it", () => {
  it("GIVEN two shards THEN each guild lives on the shard Discord's formula gives: one guild per shard", () => {
    expect(shardOf(SECOND_GUILD_ID, 2)).toBe(0);
    expect(shardOf(GUILD_ID, 2)).toBe(1);
  });

  it.skipIf(!existsSync(DISCORD_SPEC))("GIVEN GET /gateway/bot THEN its answer has every field Discord's OpenAPI description requires, with its type", async () => {
    const emulator = await twoShardGateway();
    const schemas = JSON.parse(readFileSync(DISCORD_SPEC, "utf8")).components.schemas;
    const answer = await (await fetch(`${emulator.apiRoot}/v10/gateway/bot`, { headers: { authorization: `Bot ${TOKEN}` } })).json();
    const check = (value: any, schema: any): void => {
      for (const field of schema.required) expect(value, field).toHaveProperty(field);
      for (const [field, property] of Object.entries<any>(schema.properties)) {
        if (property.$ref) check(value[field], schemas[property.$ref.split("/").pop()]);
        else if (property.type === "integer") expect(Number.isInteger(value[field]), field).toBe(true);
        else expect(typeof value[field], field).toBe(property.type);
      }
    };
    check(answer, schemas.GatewayBotResponse);
    expect(answer.shards).toBe(2);
  });
});

describe("GIVEN Discord recommends 2 shards", () => {
  it("WHEN the bot runs them in one process (shards: 'auto') THEN both identify with [id, 2] and each answers in its own guild", async () => {
    const emulator = await twoShardGateway();
    const adapter: RunningAdapter = await startDiscord({ token: TOKEN, apiRoot: emulator.apiRoot }, { assistant: createAssistant(loadKnowledge()), log: () => {} });
    cleanups.push(() => adapter.stop("test over"));

    expect(identifiedShards(emulator)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(Object.fromEntries(emulator.guildsSent)).toEqual({ 0: [SECOND_GUILD_ID], 1: [GUILD_ID] });
    expect(adapter.connected()).toBe(true);
    expect(await askIn(emulator, MAIN_GUILD, "mi cloud cos'è?")).toMatch(/Cloud/);
    expect(await askIn(emulator, SECOND_GUILD, "cos'è youpin?")).toMatch(/Youpin/i);
    const reply = await mentionIn(emulator, SECOND_GUILD, "mi pay in italia?");
    expect(reply.path).toBe(`/channels/${SECOND_GUILD.channelId}/messages`);
  }, 30_000);

  describe("WHEN npm run start:sharded runs them in one process each", () => {
    it("THEN each shard process identifies with its [id, 2] and answers in its own guild, Telegram stays off, and SIGTERM stops every shard process", async () => {
      expect(JSON.parse(readFileSync("package.json", "utf8")).scripts["start:sharded"]).toBe("node dist/start-sharded.js");
      const discord = await twoShardGateway();
      const telegram = await new BotApiEmulator(TELEGRAM_TOKEN).start();
      cleanups.push(() => telegram.stop());
      const sharded = startSharded({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: discord.apiRoot, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });

      await sharded.ready;
      const pids = sharded.shardPids();
      expect(pids.size).toBe(2);
      expect(new Set(pids.values()).size).toBe(2); // two processes, not one
      expect(new Set(pids.values()).has(sharded.child.pid!)).toBe(false);
      expect(identifiedShards(discord)).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(await askIn(discord, MAIN_GUILD, "mi cloud cos'è?")).toMatch(/Cloud/);
      expect(await askIn(discord, SECOND_GUILD, "cos'è youpin?")).toMatch(/Youpin/i);
      expect(sharded.output()).toMatch(/TELEGRAM_BOT_TOKEN is set, but shard processes run Discord only/);
      expect(telegram.calls).toEqual([]);

      sharded.child.kill("SIGTERM");
      expect(await sharded.exited).toBe(0);
      for (const pid of pids.values()) expect(isRunning(pid), `shard process ${pid}`).toBe(false);
      expect(sharded.output()).not.toContain(TOKEN);
    }, 60_000);

    it("THEN a manager killed outright (SIGKILL) leaves no shard process answering on", async () => {
      const discord = await twoShardGateway();
      const sharded = startSharded({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: discord.apiRoot });
      await sharded.ready;
      const pids = [...sharded.shardPids().values()];

      sharded.child.kill("SIGKILL");
      await sharded.exited;
      // Each shard process sees its manager's channel close and stops as on SIGTERM.
      await until(() => pids.every((pid) => !isRunning(pid)), 15_000);
    }, 60_000);
  });
});

/** `npm run start:sharded` (what it runs: node dist/start-sharded.js) with a fresh insights database. */
function startSharded(env: NodeJS.ProcessEnv) {
  const insightsDb = join(mkdtempSync(join(tmpdir(), "insights-")), "insights.db");
  const child = spawn(process.execPath, ["dist/start-sharded.js"], {
    env: { ...process.env, INSIGHTS_DB: insightsDb, TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", TELEGRAM_WEBHOOK_URL: "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    child.once("exit", (code) => reject(new Error(`start:sharded exited (${code}) before its shards were ready:\n${output}`)));
  });
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (/all 2 shard\(s\) ready/.test(output)) markReady();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    const pids = [...shardPids().values()];
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const pid of pids) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  });
  /** Shard id → process id, as the manager logs them. */
  function shardPids(): Map<number, number> {
    return new Map([...output.matchAll(/discord shard (\d+) of \d+: process (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
  }
  return { child, ready, exited, output: () => output, shardPids };
}

/** Alive: an exited process not yet reaped (a zombie, state Z on Linux) no longer counts. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || !/^\d+ \(.*\) Z/.test(readFileSync(stat, "utf8"));
}
