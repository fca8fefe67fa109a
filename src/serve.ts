/**
 * `npm start`'s body, for the platforms main.ts lists: configuration → knowledge → assistant →
 * adapters. Each platform whose token is set is started; the console chat runs only when none is.
 * With a platform running: structured logs, one line per question; knowledge reloaded when
 * data/ changes or on SIGHUP; insights recorded unless INSIGHTS=off; SIGINT / SIGTERM stop every
 * adapter and close the database within a few seconds. With METRICS_PORT, /healthz and /metrics.
 */
import { createAssistant } from "./core/index.js";
import { runConsoleChat } from "./adapters/console/console-chat.js";
import { memoryContextStore, sharedContextStore } from "./adapters/shared/context-store.js";
import type { AnyPlatform } from "./adapters/shared/platform.js";
import type { AdapterContext, RunningAdapter } from "./adapters/shared/running-adapter.js";
import { configOrExit, loadKnowledgeOrExit } from "./cli/load-or-exit.js";
import type { BaseConfig, Config } from "./config.js";
import { KnowledgeError } from "./knowledge/load-knowledge.js";
import { openInsights } from "./operations/insights-store.js";
import { liveKnowledge, type LiveKnowledge } from "./operations/live-knowledge.js";
import { createLogger, type Logger } from "./operations/logger.js";
import { startHealthServer } from "./operations/health-server.js";
import { createMetrics } from "./operations/metrics.js";
import { memoryState, redisState } from "./operations/shared-state.js";
import { userHasher } from "./operations/user-hash.js";

const STOP_DEADLINE_MS = 5_000;
const PURGE_EVERY_MS = 6 * 3_600_000;

/** A platform this process runs, with the settings its entry made. */
export interface ConfiguredPlatform {
  platform: AnyPlatform;
  settings: unknown;
}

/** The platforms whose token is set and that run in this process, in the order of `platforms`. */
export function configuredPlatforms(config: Config<readonly AnyPlatform[]>, platforms: readonly AnyPlatform[]): ConfiguredPlatform[] {
  const settingsOf = config as BaseConfig & Record<string, unknown>;
  return platforms
    .filter((platform) => settingsOf[platform.name] !== undefined && (platform.runs?.(config) ?? true))
    .map((platform) => ({ platform, settings: settingsOf[platform.name] }));
}

/** Starts every configured platform at once; the first failure rejects (its message has no secret). */
export function startPlatforms(configured: readonly ConfiguredPlatform[], context: AdapterContext, config: BaseConfig): Promise<RunningAdapter[]> {
  return Promise.all(configured.map(({ platform, settings }) => platform.start(settings, context, config)));
}

export async function serve(platforms: readonly AnyPlatform[]): Promise<void> {
  const config = configOrExit(platforms);
  const configured = configuredPlatforms(config, platforms);
  if (configured.length === 0) return runConsole(config);

  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  const log: AdapterContext["log"] = (level, message) => logger[level](message);
  // A crash is reported through the same filter as every log line: no token in a stack trace.
  const crash = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, kind);
    process.exit(1);
  };
  process.on("uncaughtException", crash("uncaught exception"));
  process.on("unhandledRejection", crash("unhandled promise rejection"));
  const metrics = config.metrics ? createMetrics(platforms.map((platform) => platform.name)) : undefined;
  let knowledge: LiveKnowledge;
  try {
    knowledge = liveKnowledge({ dataDir: config.dataDir, core: { reading: { defaultLanguage: config.defaultLanguage } }, log, onReload: metrics?.knowledgeReloaded });
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const insights = config.insights ? await openInsights({ ...config.insights, log }) : undefined;
  const hashUser = insights ? insights.userHash.bind(insights) : userHasher();

  // Served while the adapters connect: a load balancer sees 503 until every one is up.
  let adapters: RunningAdapter[] = [];
  const health = config.metrics && metrics
    ? await startHealthServer({
        ...config.metrics,
        registry: metrics.registry,
        health: () => ({
          knowledge: true,
          adapters: Object.fromEntries(configured.map(({ platform }, i) => [platform.name, adapters[i]?.connected() ?? false])),
        }),
      }).catch((error: unknown) => {
        process.stderr.write(`Invalid METRICS_PORT or METRICS_HOST: cannot listen there (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
        process.exit(1);
      })
    : undefined;
  if (health) logger.info(`metrics: /healthz and /metrics on http://${config.metrics!.host}:${health.port}`);

  const state = config.redisUrl ? redisState(config.redisUrl, log) : memoryState();
  const context: AdapterContext = {
    assistant: knowledge.assistant,
    log,
    state,
    // In Redis a follow-up finds its context whichever instance it reaches; Redis expires it.
    contexts: state.kind === "redis" ? sharedContextStore(state.store("context")) : memoryContextStore(),
    ...(metrics ? { observer: metrics } : {}),
    answered({ platform, userId, answer, latencyMs }) {
      metrics?.question(platform, answer.kind, answer.language, latencyMs);
      logger.info(
        { platform, language: answer.language, kind: answer.kind, topic: answer.topic, service: answer.service, confidence: answer.confidence, latencyMs: round(latencyMs), user: hashUser(platform, userId) },
        "question",
      );
      return insights?.recordAnswer({ platform, userId, answer });
    },
    voted: async ({ platform, userId, answerId, vote }) => (await insights?.recordVote(platform, userId, answerId, vote)) ?? false,
  };

  try {
    adapters = await startPlatforms(configured, context, config);
  } catch (error) {
    // Adapters describe start-up failures without secrets (a bad token, an unreachable API).
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await insights?.close();
    await health?.close();
    await state.close();
    process.exit(1);
  }
  knowledge.watch();
  process.on("SIGHUP", () => knowledge.reload("SIGHUP"));
  const purging = setInterval(() => void insights?.purge(), PURGE_EVERY_MS).unref();
  stopOnSignals(configured.map(({ platform }) => platform.name), adapters, logger, async () => {
    clearInterval(purging);
    knowledge.close();
    await Promise.allSettled([insights?.close(), health?.close(), state.close()]);
  });
}

async function runConsole(config: BaseConfig): Promise<void> {
  const assistant = createAssistant(loadKnowledgeOrExit(config.dataDir), { reading: { defaultLanguage: config.defaultLanguage } });
  await runConsoleChat({
    assistant,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    locale: config.consoleLocale,
    defaultLanguage: config.defaultLanguage,
    log: (message) => process.stderr.write(`${message}\n`),
  });
}

function stopOnSignals(names: string[], adapters: RunningAdapter[], logger: Logger, release: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${names.join(", ")}`);
    // A stuck adapter must not keep the process alive past the deadline.
    setTimeout(() => {
      logger.warn(`adapters did not stop within ${STOP_DEADLINE_MS} ms: exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void Promise.allSettled(adapters.map((adapter) => adapter.stop(signal))).then(async () => {
      await release();
      logger.info("stopped");
      process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // A shard process whose manager is gone (even by SIGKILL) would answer on, unseen and unstoppable
  // by the operator's next start: it stops as on SIGTERM when the IPC channel closes.
  if (process.send) process.once("disconnect", () => stop("SIGTERM"));
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
