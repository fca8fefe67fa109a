import { existsSync } from "node:fs";

/** Loads `.env` into process.env; a variable the environment sets already keeps its value. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
