/**
 * `npm start`, and the platforms it runs: each chat platform is one entry in `PLATFORMS`, which
 * declares its name, its variables (validated by config.ts), its settings and how to start it.
 * Nothing else lists the platforms: configuration, /healthz, metrics, logs, insights and
 * conversation keys all take them from here. What `npm start` does with them is in serve.ts.
 *
 * Imported by config.ts for the entries: this module loads no platform library (each entry
 * imports its adapter when it starts) and starts the bot only when it is the program run.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { definePlatform, optionalMatching, optionalUrl } from "./adapters/shared/platform.js";

export const PLATFORMS = [
  definePlatform({
    name: "telegram",
    env: {
      TELEGRAM_BOT_TOKEN: optionalMatching(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, "<bot id>:<secret> as given by @BotFather"),
      TELEGRAM_API_ROOT: optionalUrl("an http(s) URL such as https://api.telegram.org"),
      TELEGRAM_WEBHOOK_URL: optionalMatching(/^https:\/\/\S+$/, "the public https:// URL Telegram should post updates to"),
      TELEGRAM_WEBHOOK_SECRET: optionalMatching(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters of A-Z, a-z, 0-9, _ and -"),
      PORT: z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(8080),
    },
    token: "TELEGRAM_BOT_TOKEN",
    secrets: ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"],
    needToken: ["TELEGRAM_WEBHOOK_URL"],
    settings: (values) => ({
      token: values.TELEGRAM_BOT_TOKEN,
      apiRoot: values.TELEGRAM_API_ROOT ?? "https://api.telegram.org",
      /** Set: serve a webhook on `port` instead of long polling. */
      webhook: values.TELEGRAM_WEBHOOK_URL ? { url: values.TELEGRAM_WEBHOOK_URL, secret: values.TELEGRAM_WEBHOOK_SECRET, port: values.PORT } : undefined,
    }),
    // A shard process of `npm run start:sharded` runs its Discord shard only: one Telegram bot per
    // shard would poll the same updates N times (409) or bind the webhook port N times.
    runs: (config) => config.shard === undefined,
    start: async (settings, context, config) => (await import("./adapters/telegram/telegram-bot.js")).startTelegram(settings, context, { defaultLanguage: config.defaultLanguage }),
  }),
  definePlatform({
    name: "discord",
    env: {
      DISCORD_TOKEN: optionalMatching(/^[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, "a bot token: three dot-separated parts, from the Developer Portal"),
      DISCORD_GUILD_ID: optionalMatching(/^\d{17,20}$/, "a server (guild) id: 17-20 digits"),
      DISCORD_API_ROOT: optionalUrl("an http(s) URL such as https://discord.com/api"),
    },
    token: "DISCORD_TOKEN",
    secrets: ["DISCORD_TOKEN"],
    settings: (values) => ({ token: values.DISCORD_TOKEN, guildId: values.DISCORD_GUILD_ID, apiRoot: values.DISCORD_API_ROOT ?? "https://discord.com/api" }),
    start: async (settings, context, config) =>
      (await import("./adapters/discord/discord-bot.js")).startDiscord({ ...settings, shard: config.shard }, context, { defaultLanguage: config.defaultLanguage }),
  }),
] as const;

/** The name of a platform in `PLATFORMS`. */
export type PlatformName = (typeof PLATFORMS)[number]["name"];

// Not awaited: serve.ts reads the configuration, whose module imports this one, which must have
// finished evaluating by then (a top-level await here would wait for itself).
if (isProgram(import.meta.url)) void import("./serve.js").then(({ serve }) => serve(PLATFORMS));

/** Whether this module is the one `node` was told to run (dist/main.js; `node dist/main` too). */
function isProgram(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  const self = fileURLToPath(moduleUrl);
  for (const candidate of [script, `${script}.js`]) {
    try {
      if (realpathSync(candidate) === realpathSync(self)) return true;
    } catch {
      // not a file: the next candidate
    }
  }
  return false;
}
