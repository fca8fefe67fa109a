/**
 * Where a conversation keeps what its last turn left (the core's `ConversationContext`) until the
 * next message. The core decides what a context holds and when it resets; a store only keeps it,
 * per conversation key, for a while after the last message.
 *
 * - `memoryContextStore`: this process's memory, least recently used conversations forgotten
 *   first beyond `capacity`, each forgotten `ttlMs` after its last message. One instance.
 * - `sharedContextStore`: any `KeyValueStore` (Redis when REDIS_URL is set), so a follow-up that
 *   reaches another instance still finds its context. Redis itself expires and bounds it.
 *
 * `continueConversation` is the one way a message is read in its conversation: by the platform
 * adapters, the console chat and `ask --dialogue` alike.
 */
import type { Answer, Assistant, AskOptions, ContextSlot, ConversationContext } from "../../core/index.js";
import { ConversationContextSchema } from "../../core/schema.js";
import type { KeyValueStore } from "../../operations/shared-state.js";

export const CONTEXT_DEFAULTS = Object.freeze({
  /** Conversations remembered at most in memory; beyond, the least recently active is forgotten. */
  capacity: 10_000,
  /** A follow-up later than this after the conversation's last message starts afresh. */
  ttlMs: 15 * 60_000,
});

export interface ContextStore {
  /** Undefined when there is none, it expired, or the store cannot be reached. */
  get(key: string): Promise<ConversationContext | undefined>;
  /** Keeps `context` for `ttlMs` from now (each message restarts the clock). */
  set(key: string, context: ConversationContext, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface MemoryContextStore extends ContextStore {
  /** Conversations held, expired ones not yet swept included. */
  readonly size: number;
}

export function memoryContextStore({ capacity = CONTEXT_DEFAULTS.capacity, now = Date.now }: { capacity?: number; now?: () => number } = {}): MemoryContextStore {
  // A Map iterates in insertion order: re-inserting on every use makes its first key the least
  // recently used one, an LRU without a linked list of our own.
  const entries = new Map<string, { context: ConversationContext; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    get: async (key) => {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.context;
    },
    set: async (key, context, ttlMs) => {
      entries.delete(key);
      // A copy: the caller's object may change after it is stored, the stored one must not.
      entries.set(key, { context: { ...context }, expiresAt: now() + ttlMs });
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
}

export function sharedContextStore(store: KeyValueStore): ContextStore {
  return {
    get: async (key) => {
      const stored = await store.get(key);
      if (stored === undefined) return undefined;
      try {
        // What another instance wrote is checked before use: a context that does not parse is no
        // context, never an error in the middle of an answer.
        const parsed = ConversationContextSchema.safeParse(JSON.parse(stored));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, context, ttlMs) => store.set(key, JSON.stringify(context), ttlMs),
    delete: (key) => store.delete(key),
  };
}

export interface Turn {
  answer: Answer;
  /** The slots the answer took from earlier turns; empty for a complete question. */
  inherited: ContextSlot[];
}

/**
 * Reads `question` in the context its conversation left, and stores what this turn leaves for
 * the next. A null key is a message outside any conversation (an inline query): read alone,
 * nothing kept.
 */
export async function continueConversation(
  assistant: Pick<Assistant, "converse">,
  store: ContextStore,
  key: string | null,
  question: string,
  options: AskOptions = {},
  ttlMs: number = CONTEXT_DEFAULTS.ttlMs,
): Promise<Turn> {
  const previous = key === null ? null : ((await store.get(key)) ?? null);
  const { answer, inherited, context } = assistant.converse(question, previous, options);
  if (key !== null) {
    // After a declined turn the core leaves nothing, so the next fragment cannot lean on it.
    if (context) await store.set(key, context, ttlMs);
    else if (previous) await store.delete(key);
  }
  return { answer, inherited };
}
