/**
 * `.env` and configuration for every entry point: bad setup is reported in one line naming the
 * variable, never as a stack trace.
 */
import type { AnyPlatform } from "../adapters/shared/platform.js";
import { ConfigError, loadDotEnv, readConfig, type Config } from "../config.js";

/** The configuration, with the settings of the platforms in `PLATFORMS` (src/main.ts), or of `platforms`. */
export function configOrExit(): Config;
export function configOrExit<const Platforms extends readonly AnyPlatform[]>(platforms: Platforms): Config<Platforms>;
export function configOrExit(platforms?: readonly AnyPlatform[]): Config<readonly AnyPlatform[]> {
  loadDotEnv();
  try {
    return platforms ? readConfig(process.env, platforms) : readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
