/**
 * Shared state as two instances see it through one real Redis (redis://127.0.0.1:6379): one
 * user's flood split across them is limited once; a long button key made by one is found by the
 * other; Redis going away and coming back is logged once each way while limits carry on locally.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { sharedContextStore } from "../../src/adapters/shared/context-store.js";
import { QuestionKeys } from "../../src/adapters/shared/question-keys.js";
import { memoryState, redisState, type SharedState } from "../../src/operations/shared-state.js";
import { SERVICE_URLS, shouldRun } from "../support/needs.js";
import { TcpProxy } from "../support/tcp-proxy.js";
import { until } from "../support/until.js";

const LONG_QUESTION = "Xiaomi Pay è disponibile sugli smartwatch Xiaomi venduti in Italia con carte Nexi?";
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function logs() {
  const lines: string[] = [];
  return { lines, log: (level: string, message: string) => lines.push(`${level}: ${message}`) };
}

async function connected(url: string, log = logs().log): Promise<SharedState> {
  const state = redisState(url, log);
  cleanup.push(() => state.close());
  // Commands are not queued while connecting: wait until a written key reads back.
  for (let i = 0; i < 100 && (await state.store("probe").get("x")) === undefined; i++) {
    await state.store("probe").set("x", "1", 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return state;
}

describe.runIf(shouldRun("redis"))("shared state in Redis", () => {
  it("GIVEN one user flooding two instances THEN they are limited as one: 5 answered, one notice, then silence", async () => {
    const [a, b] = [await connected(SERVICE_URLS.redis), await connected(SERVICE_URLS.redis)];
    const user = randomBytes(6).toString("hex");
    const gates = [a.floodGate("telegram"), b.floodGate("telegram")];
    const decisions: string[] = [];
    for (let i = 0; i < 8; i++) decisions.push(await gates[i % 2]!.check(user));
    expect(decisions).toEqual(["allow", "allow", "allow", "allow", "allow", "notify", "drop", "drop"]);
    // Someone else is not affected, on either instance.
    expect(await gates[1]!.check(`${user}-other`)).toBe("allow");
  });

  it("GIVEN many concurrent checks for one user on two instances THEN exactly the burst is allowed", async () => {
    const [a, b] = [await connected(SERVICE_URLS.redis), await connected(SERVICE_URLS.redis)];
    const user = randomBytes(6).toString("hex");
    const gates = [a.floodGate("discord"), b.floodGate("discord")];
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => gates[i % 2]!.check(user)));
    expect(decisions.filter((d) => d === "allow")).toHaveLength(5);
    expect(decisions.filter((d) => d === "notify")).toHaveLength(1);
  });

  it("GIVEN a long question's button made by instance A THEN instance B resolves it", async () => {
    const [a, b] = [await connected(SERVICE_URLS.redis), await connected(SERVICE_URLS.redis)];
    const question = `${LONG_QUESTION} ${randomBytes(4).toString("hex")}`;
    const data = new QuestionKeys(64, 5_000, a.store("question-keys:test")).keyFor(question);
    expect(data).toMatch(/^h:/);
    const onB = new QuestionKeys(64, 5_000, b.store("question-keys:test"));
    expect(onB.questionFor(data)).toBeUndefined(); // not in B's own memory…
    let found: string | undefined;
      for (let i = 0; i < 50 && found === undefined; i++) {
      found = await onB.resolve(data);
      if (found === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(found).toBe(question); // …but in Redis
  });

  it("GIVEN a conversation's context written by instance A THEN instance B reads it, and a reset on B is seen by A", async () => {
    const [a, b] = [await connected(SERVICE_URLS.redis), await connected(SERVICE_URLS.redis)];
    const key = `telegram:${randomBytes(6).toString("hex")}`;
    const onA = sharedContextStore(a.store("context"));
    const onB = sharedContextStore(b.store("context"));
    await onA.set(key, { service: "mi-pay", region: "IT", questionType: "availability", language: "it" }, 60_000);
    expect(await onB.get(key)).toEqual({ service: "mi-pay", region: "IT", questionType: "availability", language: "it" });
    await onB.delete(key);
    expect(await onA.get(key)).toBeUndefined();
  });

  it("GIVEN Redis going away THEN limits carry on in memory, logged once; WHEN it is back THEN recovery is logged and state is shared again", async () => {
    const proxy = await new TcpProxy({ host: "127.0.0.1", port: Number(new URL(SERVICE_URLS.redis).port) }).start();
    cleanup.push(() => proxy.stop());
    const { lines, log } = logs();
    const state = await connected(proxy.urlFor(SERVICE_URLS.redis), log);
    const gate = state.floodGate("telegram", { burst: 2, refillMs: 60_000 });
    const user = randomBytes(6).toString("hex");

    proxy.cut();
    await until(() => lines.some((line) => line.includes("unreachable")));
    const decisions: string[] = [];
    for (let i = 0; i < 20; i++) decisions.push(await gate.check(user));
    expect(decisions.slice(0, 4)).toEqual(["allow", "allow", "notify", "drop"]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // several reconnection attempts
    expect(lines.filter((line) => line.includes("unreachable"))).toHaveLength(1);
    expect(lines.join("\n")).toMatch(/redis at 127\.0\.0\.1:\d+ unreachable .*fall back to this instance's memory/);

    proxy.restore();
    await until(() => lines.some((line) => line.includes("reachable again")), 10_000);
    const fresh = randomBytes(6).toString("hex");
    const otherGate = (await connected(SERVICE_URLS.redis)).floodGate("telegram", { burst: 2, refillMs: 60_000 });
    // Shared again: two checks here and one on another connection exhaust the same bucket.
    expect([await gate.check(fresh), await gate.check(fresh)]).toEqual(["allow", "allow"]);
    expect(await otherGate.check(fresh)).toBe("notify");
  });
});

describe("shared state without Redis", () => {
  it("GIVEN no REDIS_URL THEN flood limits and keys live in this process, as one instance needs", async () => {
    const state = memoryState();
    const gate = state.floodGate("telegram", { burst: 1, refillMs: 60_000 });
    expect([await gate.check("u"), await gate.check("u"), await gate.check("u")]).toEqual(["allow", "notify", "drop"]);
    const store = state.store("ctx");
    await store.set("k", "v", 60_000);
    expect(await store.get("k")).toBe("v");
    expect(await state.store("other").get("k")).toBeUndefined();
  });
});
