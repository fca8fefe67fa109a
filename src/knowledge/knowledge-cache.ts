/**
 * The start-up cache of the commands that start often (`ask`): the validated knowledge and what
 * createAssistant derives from it (see the core's DerivedCache), kept in dist/knowledge-cache.json
 * under a key that hashes everything they depend on: every file in the data folder, and the code,
 * the installed packages and Node's versions (codeHash). A start whose key matches skips
 * validation (and zod with it) and most of building the index. Any difference is a miss: the
 * knowledge is loaded and validated as always, and the cache rewritten for the next start.
 * `npm run build` writes it once.
 *
 * The bot itself (`npm start`, live reload) and `npm run check-data` always load and validate.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { remember, rememberedSoFar, type DerivedCache, type Knowledge, type Remembered } from "../core/index.js";
import { CACHE_DIR, codeHash, hashTree, readJsonOrUndefined, writeJsonAtomically } from "../operations/start-up-cache.js";
import { DEFAULT_DATA_DIR } from "./data-dir.js";
import { provideDictionary } from "./dictionaries.js";

/** Bumped when what the file holds changes shape. */
const FORMAT = 1;
export const DEFAULT_CACHE_FILE = join(CACHE_DIR, "knowledge-cache.json");

interface Stored {
  format: number;
  key: string;
  knowledge: Knowledge;
  derived: Record<string, unknown>;
  /** Stems and country names the build computed: remembered before the next build. */
  remembered?: Remembered;
}

export interface CachedKnowledge {
  knowledge: Knowledge;
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
  const stored = readJsonOrUndefined(file) as Stored | undefined;
  if (stored?.format === FORMAT && stored.key === key) {
    provideDictionary();
    if (stored.remembered) remember(stored.remembered);
    return cacheOver(stored, file, { hit: true, savable: true });
  }
  const { loadKnowledge } = await import("./load-knowledge.js");
  const validated = loadKnowledge(dataDir);
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
    knowledge: stored.knowledge,
    cache,
    hit,
    save() {
      if (!changed || !savable) return;
      changed = false;
      writeJsonAtomically(file, { ...stored, remembered: rememberedSoFar() });
    },
  };
}

/** Every file under the data folder (any edit, a new FAQ file included) and the code, hashed. */
export function cacheKey(dataDir: string = DEFAULT_DATA_DIR): string {
  const hash = createHash("sha256").update(`format ${FORMAT}\0${codeHash()}\0`);
  hashTree(hash, dataDir);
  return hash.digest("hex");
}
