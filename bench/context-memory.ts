/**
 * `npm run bench:contexts`: the heap the in-memory context store holds when full (10,000
 * conversations by default), the figure the README gives. The contexts are the core's own, from
 * real questions, under keys shaped like the adapters' (a Telegram group id and a user id, a
 * Discord channel and user snowflake); heap is measured after a forced GC, before and after.
 */
import { createAssistant, type ConversationContext } from "../src/core/index.js";
import { loadKnowledge } from "../src/knowledge/load-knowledge.js";
import { CONTEXT_DEFAULTS, memoryContextStore, type MemoryContextStore } from "../src/adapters/shared/context-store.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run bench:contexts does)");
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const conversations = Number(process.env.CONVERSATIONS ?? CONTEXT_DEFAULTS.capacity);

const assistant = createAssistant(loadKnowledge());
const questions = ["Xiaomi Pay funziona in Italia?", "does Mi Cloud work in Japan?", "cos'è youpin?", "quali carte supporta xiaomi pay in italia?", "xiaoai parla italiano?", "is youpin available in the UK?"];
const contexts: ConversationContext[] = questions.map((q) => assistant.converse(q, null).context).filter((c): c is ConversationContext => c !== null);

function keyFor(i: number): string {
  return i % 2 === 0 ? `telegram:-100${1_000_000_000 + i}:${500_000_000 + i}` : `discord:${1_300_000_000_000_000_000n + BigInt(i)}:${1_600_000_000_000_000_000n + BigInt(i)}`;
}

async function heapOfFullStore(): Promise<{ bytes: number; store: MemoryContextStore }> {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const store = memoryContextStore({ capacity: conversations });
  // Each stored context is a copy, as the adapters store them; its strings are the core's.
  for (let i = 0; i < conversations; i++) await store.set(keyFor(i), contexts[i % contexts.length]!, CONTEXT_DEFAULTS.ttlMs);
  gc!();
  return { bytes: process.memoryUsage().heapUsed - before, store };
}

const samples: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const { bytes, store } = await heapOfFullStore();
  if (store.size !== conversations) throw new Error(`store holds ${store.size}, expected ${conversations}`);
  samples.push(bytes);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)]!;
process.stdout.write(
  `in-memory context store, ${conversations.toLocaleString("en")} conversations (median of ${ROUNDS}): ` +
    `${(median / 1e6).toFixed(2)} MB heap, ${Math.round(median / conversations)} bytes per conversation ` +
    `(min ${(samples[0]! / 1e6).toFixed(2)} MB, max ${(samples.at(-1)! / 1e6).toFixed(2)} MB)\n`,
);
