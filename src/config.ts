/**
 * The only reader of process.env. Values are parsed with zod because environment variables are
 * always strings; a bad value stops the start with one line naming the variable.
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { localeToLanguage } from "./core/index.js";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const EnvSchema = z.object({
  DATA_DIR: optionalString,
  BOT_LANGUAGE: z.enum(["it", "en"]).default("it"),
  DISCORD_TOKEN: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  // The terminal's locale ("it_IT.UTF-8") is the console chat's language hint.
  LANG: optionalString,
});

export interface Config {
  dataDir: string | undefined;
  defaultLanguage: "it" | "en";
  discordToken: string | undefined;
  telegramToken: string | undefined;
  consoleLocale: "it" | "en" | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // Never echo the value: it may be a secret.
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const values = result.data;
  return {
    dataDir: values.DATA_DIR,
    defaultLanguage: values.BOT_LANGUAGE,
    discordToken: values.DISCORD_TOKEN,
    telegramToken: values.TELEGRAM_BOT_TOKEN,
    consoleLocale: localeToLanguage(values.LANG),
  };
}
