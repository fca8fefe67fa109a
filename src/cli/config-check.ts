/**
 * Where the knowledge is, for `ask`, with the configuration checked as for every command: a bad
 * variable stops it with one line naming the variable. Checking means loading zod and every
 * platform's declaration (~90 ms), so the outcome is kept in dist/config-check.json under a hash
 * of the code and of the values of the variables the configuration reads (no value is stored): a
 * start whose values were checked already, by the same code, goes straight on.
 */
import { join } from "node:path";
import { loadDotEnv, valuesHash } from "../environment.js";
import { CACHE_DIR, codeHash, readJsonOrUndefined, writeJsonAtomically } from "../operations/start-up-cache.js";

export const DEFAULT_CHECK_FILE = join(CACHE_DIR, "config-check.json");

interface Checked {
  code: string;
  /** The variables the configuration reads (configVariables), and a hash of their values. */
  variables: string[];
  values: string;
  dataDir: string | null;
}

/** DATA_DIR as the configuration reads it; exits with the configuration's message when a variable is bad. */
export async function checkedDataDir(file: string = DEFAULT_CHECK_FILE): Promise<string | undefined> {
  const checked = await checkConfig(file);
  if ("dataDir" in checked) return checked.dataDir;
  process.stderr.write(`${checked.error}\n`);
  process.exit(1);
}

/** The configuration's verdict on the environment (and .env): where the knowledge is, or what is wrong. */
export async function checkConfig(file: string = DEFAULT_CHECK_FILE): Promise<{ dataDir: string | undefined } | { error: string }> {
  loadDotEnv();
  const checked = readJsonOrUndefined(file) as Checked | undefined;
  if (checked?.code === codeHash() && Array.isArray(checked.variables) && checked.values === valuesHash(checked.variables)) {
    return { dataDir: checked.dataDir ?? undefined };
  }
  const { ConfigError, configVariables, readConfig } = await import("../config.js");
  let dataDir: string | undefined;
  try {
    dataDir = readConfig().dataDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { error: error.message };
  }
  const variables = configVariables();
  writeJsonAtomically(file, { code: codeHash(), variables, values: valuesHash(variables), dataDir: dataDir ?? null } satisfies Checked);
  return { dataDir };
}
