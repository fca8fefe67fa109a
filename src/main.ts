/**
 * Composition root: configuration → knowledge → assistant → adapters. `npm start`.
 * Each platform whose token is set is started; the console chat runs only when none is.
 * SIGINT / SIGTERM stop every adapter within a few seconds.
 */
import { createAssistant } from "./core/index.js";
import { runConsoleChat } from "./adapters/console/console-chat.js";
import type { AdapterContext, RunningAdapter } from "./adapters/shared/running-adapter.js";
import { startDiscord } from "./adapters/discord/discord-bot.js";
import { startTelegram } from "./adapters/telegram/telegram-bot.js";
import { configOrExit, loadKnowledgeOrExit } from "./cli/load-or-exit.js";
import type { Config } from "./config.js";

const STOP_DEADLINE_MS = 5_000;

interface Platform {
  /** The variable whose presence turns the platform on. */
  variable: string;
  configured(config: Config): boolean;
  start?: (config: Config, context: AdapterContext) => Promise<RunningAdapter>;
}

const PLATFORMS: Platform[] = [
  {
    variable: "TELEGRAM_BOT_TOKEN",
    configured: (config) => config.telegram !== undefined,
    start: (config, context) => startTelegram(config.telegram!, context, { defaultLanguage: config.defaultLanguage }),
  },
  {
    variable: "DISCORD_TOKEN",
    configured: (config) => config.discord !== undefined,
    start: (config, context) => startDiscord(config.discord!, context, { defaultLanguage: config.defaultLanguage }),
  },
];

async function main(): Promise<void> {
  const config = configOrExit();
  const assistant = createAssistant(loadKnowledgeOrExit(config.dataDir), { defaultLanguage: config.defaultLanguage });
  const log: AdapterContext["log"] = (level, message) => process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);

  const configured = PLATFORMS.filter((platform) => platform.configured(config));
  if (configured.length > 0) {
    const unsupported = configured.filter((platform) => !platform.start).map((platform) => platform.variable);
    if (unsupported.length > 0) {
      process.stderr.write(`${unsupported.join(" and ")} is set, but this version has no adapter for it yet. Unset it to use the console chat.\n`);
      process.exit(1);
    }
    try {
      const adapters = await Promise.all(configured.map((platform) => platform.start!(config, { assistant, log })));
      stopOnSignals(adapters, log);
    } catch (error) {
      // Adapters describe start-up failures without secrets (a bad token, an unreachable API).
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
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
