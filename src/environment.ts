/**
 * The part of the configuration that needs no zod, so that `ask` can start without loading it:
 * `.env`, and a hash of the values of the variables config.ts reads (for ask's start-up check,
 * src/cli/config-check.ts). config.ts reads and validates the values themselves.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";

/** Loads `.env` into process.env; a variable the environment sets already keeps its value. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** A hash of the values of `variables` (unset told from empty), never the values themselves. */
export function valuesHash(variables: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash("sha256");
  for (const name of variables) {
    const value = env[name];
    hash.update(`${name}${value === undefined ? "\0unset" : `=${value}`}\0`);
  }
  return hash.digest("hex");
}
