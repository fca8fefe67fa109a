/**
 * The start-up cache of the commands that start often (`ask`): the validated knowledge and what
 * createAssistant derives from it (see the core's DerivedCache), kept in dist/knowledge-cache.json
 * under a key that hashes everything they depend on: every file in the data folder, the code of
 * the core and of this loader, the installed packages (node_modules/.package-lock.json) and Node's
 * versions (ICU names the countries). A start whose key matches skips validation, and zod with it,
 * and most of building the index. Any difference is a miss: the knowledge is loaded and validated
 * as always, and the cache rewritten for the next start. `npm run build` writes it once.
 *
 * The bot itself (`npm start`, live reload) and `npm run check-data` always load and validate.
 */
import { createHash, type Hash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DerivedCache, Knowledge, LoadedKnowledge } from "../core/index.js";
import { DEFAULT_DATA_DIR } from "./data-dir.js";
import { ENGLISH_WORDS } from "./english-words.js";

/** Bumped when what the file holds changes shape. */
const FORMAT = 1;
export const DEFAULT_CACHE_FILE = fileURLToPath(new URL("../../dist/knowledge-cache.json", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The running code of the core and of this loader: dist/core and dist/knowledge, or src/ under tsx. */
const CODE_DIRS = [fileURLToPath(new URL("../core/", import.meta.url)), fileURLToPath(new URL("./", import.meta.url))];

interface Stored {
  format: number;
  key: string;
  knowledge: Knowledge;
  derived: Record<string, unknown>;
}

export interface CachedKnowledge {
  knowledge: LoadedKnowledge;
  /** What createAssistant derives, as the last start over the same knowledge and code kept it. */
  cache: DerivedCache;
  /** Whether the knowledge came from the cache (not loaded and validated by this start). */
  hit: boolean;
  /** Keeps what this start had to derive for the next one; never fails (a cache that cannot be written only costs time). */
  save(): void;
}

/** @throws KnowledgeError when the data is invalid (from a start that had to load it). */
export async function loadCachedKnowledge(dataDir: string = DEFAULT_DATA_DIR, file: string = DEFAULT_CACHE_FILE): Promise<CachedKnowledge> {
  const key = cacheKey(dataDir);
  const stored = readStored(file);
  if (stored?.key === key) return cacheOver(stored, file, { hit: true, savable: true });
  const { loadKnowledge } = await import("./load-knowledge.js");
  const { englishWords: _, ...validated } = loadKnowledge(dataDir);
  // Kept as the next start will read it back, so that both starts answer alike.
  const knowledge = JSON.parse(JSON.stringify(validated)) as Knowledge;
  // Data edited while it was read: nothing kept under a key that may not match what was read.
  const savable = cacheKey(dataDir) === key;
  return cacheOver({ format: FORMAT, key, knowledge, derived: {} }, file, { hit: false, savable });
}

function cacheOver(stored: Stored, file: string, { hit, savable }: { hit: boolean; savable: boolean }): CachedKnowledge {
  let changed = !hit;
  const cache: DerivedCache = {
    get<T>(key: string, derive: () => T): T {
      if (Object.hasOwn(stored.derived, key)) return stored.derived[key] as T;
      const value = JSON.parse(JSON.stringify(derive())) as T;
      stored.derived[key] = value;
      changed = true;
      return value;
    },
  };
  return {
    knowledge: { ...stored.knowledge, englishWords: ENGLISH_WORDS },
    cache,
    hit,
    save() {
      if (!changed || !savable) return;
      changed = false;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify(stored));
        renameSync(temporary, file);
      } catch {
        // A read-only or full disk: the next start derives again.
      }
    },
  };
}

function readStored(file: string): Stored | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Stored;
    return stored.format === FORMAT ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Everything the validated knowledge and the derived values depend on, hashed. */
export function cacheKey(dataDir: string = DEFAULT_DATA_DIR): string {
  const hash = createHash("sha256").update(`format ${FORMAT}\0${JSON.stringify(process.versions)}\0`);
  hashFiles(hash, "data", dataDir);
  CODE_DIRS.forEach((dir, i) => hashFiles(hash, `code ${i}`, dir, (name) => !name.endsWith(".map")));
  for (const lock of ["node_modules/.package-lock.json", "package-lock.json"]) {
    const text = readOrUndefined(join(ROOT, lock));
    if (text === undefined) continue;
    hash.update(`${lock}\0`).update(text);
    break;
  }
  return hash.digest("hex");
}

/** Every file under `dir` (recursively, in name order) with its path relative to it. */
function hashFiles(hash: Hash, label: string, dir: string, wanted: (name: string) => boolean = () => true): void {
  hash.update(`${label}\0`);
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

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
