/**
 * Composition root: configuration → knowledge → assistant → adapters. `npm start`.
 * Each platform whose token is set is started; the console chat runs only when none is.
 * SIGINT / SIGTERM stop every adapter within a few seconds.
 */
import { createAssistant } from "./core/index.js";
import { runConsoleChat } from "./adapters/console/console-chat.js";
import type { AdapterContext, RunningAdapter } from "./adapters/shared/running-adapter.js";
import { configOrExit, loadKnowledgeOrExit } from "./cli/load-or-exit.js";
import type { Config } from "./config.js";

const STOP_DEADLINE_MS = 5_000;

type AdapterStarter = (config: Config, context: AdapterContext) => Promise<RunningAdapter> | undefined;

/** One entry per platform: starts it when its configuration is present, else returns undefined. */
const PLATFORMS: AdapterStarter[] = [];

async function main(): Promise<void> {
  const config = configOrExit();
  const assistant = createAssistant(loadKnowledgeOrExit(config.dataDir), { defaultLanguage: config.defaultLanguage });
  const log: AdapterContext["log"] = (level, message) => process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);

  if (config.telegram || config.discord) {
    const starting = PLATFORMS.map((start) => start(config, { assistant, log })).filter((p) => p !== undefined);
    if (starting.length === 0) {
      const names = [config.telegram && "TELEGRAM_BOT_TOKEN", config.discord && "DISCORD_TOKEN"].filter(Boolean).join(" and ");
      process.stderr.write(`${names} is set, but this version has no adapter for it yet. Unset it to use the console chat.\n`);
      process.exit(1);
    }
    const adapters = await Promise.all(starting);
    stopOnSignals(adapters, log);
    return;
  }

  await runConsoleChat({
    assistant,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    locale: config.consoleLocale,
    defaultLanguage: config.defaultLanguage,
    log: (message) => log("error", message),
  });
}

function stopOnSignals(adapters: RunningAdapter[], log: AdapterContext["log"]): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log("info", `${signal}: stopping ${adapters.map((a) => a.name).join(", ")}`);
    // A stuck adapter must not keep the process alive past the deadline.
    setTimeout(() => {
      log("warn", `adapters did not stop within ${STOP_DEADLINE_MS} ms: exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void Promise.allSettled(adapters.map((adapter) => adapter.stop(signal))).then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
