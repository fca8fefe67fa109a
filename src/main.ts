/**
 * Composition root: configuration → knowledge → assistant → adapters. `npm start`.
 */
import { createAssistant } from "./core/index.js";
import { runConsoleChat } from "./adapters/console/console-chat.js";
import { ConfigError, loadDotEnv, readConfig } from "./config.js";
import { loadKnowledgeOrExit } from "./cli/load-or-exit.js";

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const assistant = createAssistant(loadKnowledgeOrExit(config.dataDir), { defaultLanguage: config.defaultLanguage });

  if (config.discordToken || config.telegramToken) {
    const names = [config.discordToken && "DISCORD_TOKEN", config.telegramToken && "TELEGRAM_BOT_TOKEN"].filter(Boolean).join(" and ");
    process.stderr.write(
      `${names} is set, but the Discord and Telegram adapters are not part of this version yet. Unset it to use the console chat.\n`,
    );
    process.exit(1);
  }

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

await main();
