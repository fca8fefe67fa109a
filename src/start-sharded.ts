/**
 * `npm run start:sharded`: the Discord bot with its gateway shards spread over processes, by
 * discord.js's ShardingManager. It asks Discord (through DISCORD_API_ROOT) how many shards to run,
 * then forks `npm start`'s own entry (dist/main.js) once per shard, told its shard id and count:
 * each child is a whole bot for its share of the servers. A child that dies after start-up is
 * started again; one that cannot start stops the start. SIGINT / SIGTERM stop every child and
 * wait for it to exit. Telegram does not run here: start it with `npm start` beside this.
 */
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChildProcess } from "node:child_process";
import { DiscordAPIError, REST, Routes, ShardingManager } from "discord.js";
import { describeError } from "./adapters/shared/log-safety.js";
import { configOrExit } from "./cli/load-or-exit.js";
import { createLogger } from "./operations/logger.js";
import { redact } from "./operations/redact.js";

/** Discord lets max_concurrency shards identify per 5 s; a little margin over it. */
const IDENTIFY_WINDOW_MS = 5_500;
/** Loading knowledge, opening insights and identifying: slow on a busy machine, still bounded. */
const SHARD_READY_TIMEOUT_MS = 60_000;
/** Each child stops within its own 5-second deadline; past this one, it is killed. */
const STOP_DEADLINE_MS = 8_000;

interface GatewayBot {
  shards: number;
  session_start_limit: { max_concurrency: number };
}

const config = configOrExit();
if (!config.discord) {
  process.stderr.write("DISCORD_TOKEN is not set: npm run start:sharded runs the Discord bot only (see .env.example).\n");
  process.exit(1);
}
const discord = config.discord;
const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
if (config.telegram) {
  logger.warn("TELEGRAM_BOT_TOKEN is set, but shard processes run Discord only: run the Telegram bot with `npm start` (without DISCORD_TOKEN) beside this");
}

let gateway: GatewayBot;
try {
  // Not ShardingManager's own 'auto': it asks discord.com whatever DISCORD_API_ROOT says.
  gateway = (await new REST({ api: discord.apiRoot }).setToken(discord.token).get(Routes.gatewayBot())) as GatewayBot;
} catch (error) {
  const reason = error instanceof DiscordAPIError && error.status === 401 ? "DISCORD_TOKEN was rejected by Discord" : describeError(error);
  process.stderr.write(`${redact(`discord: could not start: ${reason} (API root ${discord.apiRoot})`, [discord.token])}\n`);
  process.exit(1);
}
const count = gateway.shards;
const perWindow = Math.max(1, gateway.session_start_limit.max_concurrency);

const manager = new ShardingManager(fileURLToPath(new URL("./main.js", import.meta.url)), {
  token: discord.token,
  totalShards: count,
  mode: "process",
  // Off until every shard has started once: a child that cannot start (bad data, bad setting)
  // would otherwise be forked again and again.
  respawn: false,
});
let stopping = false;

manager.on("shardCreate", (shard) => {
  // mode "process": every shard is a ChildProcess, never a Worker.
  shard.on("spawn", (child) => logger.info(`discord shard ${shard.id} of ${count}: process ${(child as ChildProcess).pid}`));
  shard.on("death", (died) => {
    if (stopping) return;
    const child = died as ChildProcess;
    const how = child.exitCode !== null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`;
    logger.warn(`discord shard ${shard.id} process ${child.pid} died (${how})${manager.respawn ? ": starting it again" : ""}`);
  });
});

process.once("SIGINT", (signal) => void stop(signal));
process.once("SIGTERM", (signal) => void stop(signal));

try {
  for (let id = 0; id < count && !stopping; id++) {
    // Shards id and id + max_concurrency share an identify slot: the next round waits for it.
    if (id > 0 && id % perWindow === 0) await sleep(IDENTIFY_WINDOW_MS);
    if (stopping) break;
    await manager.createShard(id).spawn(SHARD_READY_TIMEOUT_MS);
  }
} catch (error) {
  if (!stopping) {
    logger.error(`discord: a shard could not start (${describeError(error)}): stopping the others`);
    await stop("SIGTERM", 1);
  }
}
if (!stopping) {
  manager.respawn = true;
  logger.info(`discord: all ${count} shard(s) ready, one process each`);
}

async function stop(signal: NodeJS.Signals, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  manager.respawn = false;
  logger.info(`${signal}: stopping ${manager.shards.size} shard process(es)`);
  const children = [...manager.shards.values()].map((shard) => shard.process).filter((child): child is ChildProcess => child !== null);
  const exited = Promise.all(children.map(exitOf));
  for (const child of children) child.kill(signal);
  const deadline = sleep(STOP_DEADLINE_MS, "late" as const, { ref: false });
  if ((await Promise.race([exited, deadline])) === "late") {
    logger.warn(`shard processes did not stop within ${STOP_DEADLINE_MS} ms: killing them`);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  }
  const failed = children.some((child) => child.exitCode !== 0);
  logger.info("stopped");
  process.exit(failed ? 1 : exitCode);
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}
