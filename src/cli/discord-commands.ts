/**
 * `npm run discord:commands`: registers /ask, /services and /help (with Italian names and
 * descriptions) for the bot in DISCORD_TOKEN: globally, or in DISCORD_GUILD_ID when set, where
 * changes show at once. The bot answers whether or not this was run for its current version.
 */
import { registerCommands } from "../adapters/discord/discord-bot.js";
import { configOrExit } from "./load-or-exit.js";
import { redact } from "../operations/redact.js";

const config = configOrExit();
if (!config.discord) {
  process.stderr.write("DISCORD_TOKEN is not set: put the bot token in .env (see .env.example).\n");
  process.exit(1);
}
try {
  const { scope, count } = await registerCommands(config.discord);
  process.stdout.write(`Registered ${count} commands in ${scope}.\n`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Could not register the commands: ${redact(message, [config.discord.token])}\n`);
  process.exit(1);
}
