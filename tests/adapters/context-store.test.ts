/**
 * The context store as a conversation sees it: a follow-up finds what the last turn left until
 * 15 minutes after the last message, the least recently active conversations are forgotten first
 * beyond the capacity, and a store shared through a key/value store (Redis) reads back the same.
 */
import { describe, expect, it } from "vitest";
import { createAssistant, type ConversationContext } from "../../src/core/index.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { CONTEXT_DEFAULTS, continueConversation, memoryContextStore, sharedContextStore } from "../../src/adapters/shared/context-store.js";
import { memoryStore } from "../../src/operations/shared-state.js";

const MINUTE = 60_000;
const italy: ConversationContext = { service: "mi-pay", region: "IT", questionType: "availability", topic: "service-in-region", language: "it" };

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("memoryContextStore", () => {
  it("GIVEN the defaults THEN 10,000 conversations are kept for 15 minutes after their last message", () => {
    expect(CONTEXT_DEFAULTS).toEqual({ capacity: 10_000, ttlMs: 15 * MINUTE });
  });

  it("GIVEN a stored context THEN it is found until its TTL has passed, and not after", async () => {
    const time = clock();
    const store = memoryContextStore({ now: time.now });
    await store.set("chat", italy, 15 * MINUTE);
    time.advance(15 * MINUTE - 1);
    expect(await store.get("chat")).toEqual(italy);
    time.advance(1);
    expect(await store.get("chat")).toBeUndefined();
  });

  it("GIVEN a new message in the conversation THEN the 15 minutes start again from it", async () => {
    const time = clock();
    const store = memoryContextStore({ now: time.now });
    await store.set("chat", italy, 15 * MINUTE);
    time.advance(10 * MINUTE);
    await store.set("chat", { ...italy, region: "GR" }, 15 * MINUTE);
    time.advance(10 * MINUTE);
    expect(await store.get("chat")).toMatchObject({ region: "GR" });
  });

  it("GIVEN more conversations than the capacity THEN the least recently active one is forgotten first", async () => {
    const store = memoryContextStore({ capacity: 3 });
    for (const key of ["a", "b", "c"]) await store.set(key, italy, MINUTE);
    await store.get("a"); // a is active again: b is now the least recent
    await store.set("d", italy, MINUTE);
    expect(store.size).toBe(3);
    expect(await store.get("b")).toBeUndefined();
    for (const key of ["a", "c", "d"]) expect(await store.get(key)).toEqual(italy);
  });

  it("GIVEN 10,001 conversations with the defaults THEN exactly 10,000 are held", async () => {
    const store = memoryContextStore();
    for (let i = 0; i <= CONTEXT_DEFAULTS.capacity; i++) await store.set(`telegram:${i}`, italy, MINUTE);
    expect(store.size).toBe(CONTEXT_DEFAULTS.capacity);
    expect(await store.get("telegram:0")).toBeUndefined();
    expect(await store.get(`telegram:${CONTEXT_DEFAULTS.capacity}`)).toEqual(italy);
  });

  it("GIVEN a context changed by its caller after storing THEN the stored one stays as it was", async () => {
    const store = memoryContextStore();
    const context = { ...italy };
    await store.set("chat", context, MINUTE);
    context.region = "FR";
    expect(await store.get("chat")).toMatchObject({ region: "IT" });
    await store.delete("chat");
    expect(await store.get("chat")).toBeUndefined();
  });
});

describe("sharedContextStore", () => {
  it("GIVEN a key/value store THEN a context reads back as written, and expires with it", async () => {
    const time = clock();
    const kv = memoryStore(100, time.now);
    const store = sharedContextStore(kv);
    await store.set("telegram:1", italy, 15 * MINUTE);
    expect(await sharedContextStore(kv).get("telegram:1")).toEqual(italy);
    time.advance(15 * MINUTE);
    expect(await store.get("telegram:1")).toBeUndefined();
  });

  it("GIVEN where the asker said they are THEN it reads back too, so another instance answers 'here' for that place", async () => {
    const kv = memoryStore();
    const lugano = { language: "it" as const, askerPlace: "CH" };
    await sharedContextStore(kv).set("telegram:2", lugano, 15 * MINUTE);
    expect(await sharedContextStore(kv).get("telegram:2")).toEqual(lugano);
  });

  it("GIVEN something in the store that is not a context THEN there is no context, and no error", async () => {
    const kv = memoryStore();
    const store = sharedContextStore(kv);
    for (const [key, value] of [["a", "not json"], ["b", "{}"], ["c", JSON.stringify({ language: "fr" })], ["d", "null"]] as const) {
      await kv.set(key, value, MINUTE);
      expect(await store.get(key)).toBeUndefined();
    }
  });
});

describe("continueConversation", () => {
  const assistant = createAssistant(loadKnowledge());

  it("GIVEN a question and then a fragment in one conversation THEN the fragment is read with the question's context", async () => {
    const store = memoryContextStore();
    const first = await continueConversation(assistant, store, "chat", "Xiaomi Pay funziona in Italia?");
    expect(first.inherited).toEqual([]);
    const second = await continueConversation(assistant, store, "chat", "e in Grecia?");
    expect(second.answer.availability).toMatchObject({ service: "mi-pay", region: "GR" });
    expect(second.inherited).toEqual(expect.arrayContaining(["service"]));
    // Another conversation has nothing to lean on.
    const elsewhere = await continueConversation(assistant, store, "other chat", "e in Grecia?");
    expect(elsewhere.answer.kind).toBe("fallback");
  });

  it("GIVEN no conversation (an inline query) THEN the question is read alone and nothing is kept", async () => {
    const store = memoryContextStore();
    await continueConversation(assistant, store, null, "Xiaomi Pay funziona in Italia?");
    expect(store.size).toBe(0);
  });

  it("GIVEN a declined turn THEN the next fragment inherits nothing", async () => {
    const store = memoryContextStore();
    await continueConversation(assistant, store, "chat", "Xiaomi Pay funziona in Italia?");
    const declined = await continueConversation(assistant, store, "chat", "Apple Pay funziona in Italia?");
    expect(declined.answer.kind).toBe("fallback");
    expect(await store.get("chat")).toBeUndefined();
    expect((await continueConversation(assistant, store, "chat", "e in Grecia?")).answer.kind).toBe("fallback");
  });
});
