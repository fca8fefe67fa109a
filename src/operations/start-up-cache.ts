/**
 * What the start-up caches of `ask` share (the knowledge cache, src/knowledge/knowledge-cache.ts,
 * and the configuration check, src/cli/config-or-exit.ts): content hashes, and JSON files read
 * leniently and written atomically. A cache is only ever a shortcut: unreadable, stale or
 * unwritable, the command does the work it saves.
 */
import { createHash, type Hash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** dist/, or src/ when run by tsx: the code that runs. */
const CODE_ROOT = fileURLToPath(new URL("../", import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The caches live beside the compiled code, which `npm run build` starts afresh. */
export const CACHE_DIR = join(PROJECT_ROOT, "dist");

let code: string | undefined;

/**
 * The code that runs (every .js and .ts file under dist/, or src/), the installed packages
 * (node_modules/.package-lock.json, else package-lock.json) and Node's versions (ICU names the
 * countries), hashed once per process.
 */
export function codeHash(): string {
  if (code !== undefined) return code;
  const hash = createHash("sha256").update(`${JSON.stringify(process.versions)}\0`);
  hashTree(hash, CODE_ROOT, (name) => name.endsWith(".js") || name.endsWith(".ts"));
  for (const lock of ["node_modules/.package-lock.json", "package-lock.json"]) {
    const text = readOrUndefined(join(PROJECT_ROOT, lock));
    if (text === undefined) continue;
    hash.update(`${lock}\0`).update(text);
    break;
  }
  return (code = hash.digest("hex"));
}

/** Every file under `dir` that is `wanted` (recursively, in path order), with its path relative to `dir`. */
export function hashTree(hash: Hash, dir: string, wanted: (name: string) => boolean = () => true): void {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    hash.update("missing\0");
    return;
  }
  const files = entries
    .filter((entry) => !entry.isDirectory() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of files) hash.update(`${path.slice(dir.length)}\0`).update(readOrUndefined(path) ?? "unreadable").update("\0");
}

/** The parsed JSON in `file`, or undefined when it is missing or unreadable. */
export function readJsonOrUndefined(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON through a temporary file and a rename, so no reader sees half of it. Never throws. */
export function writeJsonAtomically(file: string, value: unknown): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, file);
  } catch {
    // A read-only or full disk: the next start does the work again.
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
