import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/shared/rate-limiter.js";

describe("RateLimiter", () => {
  it("GIVEN a burst from one user THEN allows the burst, notifies once, then drops", () => {
    const limiter = new RateLimiter({ burst: 3, refillMs: 1000 }, () => 0);
    const decisions = Array.from({ length: 6 }, () => limiter.check("flooder"));
    expect(decisions).toEqual(["allow", "allow", "allow", "notify", "drop", "drop"]);
  });

  it("GIVEN a flooding user THEN another user is still allowed", () => {
    const limiter = new RateLimiter({ burst: 2, refillMs: 1000 }, () => 0);
    for (let i = 0; i < 10; i++) limiter.check("flooder");
    expect(limiter.check("someone else")).toBe("allow");
  });

  it("GIVEN time passes THEN the bucket refills and a later flood is notified again", () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 1, refillMs: 1000 }, () => now);
    expect([limiter.check("u"), limiter.check("u"), limiter.check("u")]).toEqual(["allow", "notify", "drop"]);
    now = 1000;
    expect([limiter.check("u"), limiter.check("u")]).toEqual(["allow", "notify"]);
  });

  it("GIVEN more users than it may remember THEN forgets the least recently seen", () => {
    const limiter = new RateLimiter({ maxUsers: 100 }, () => 0);
    for (let i = 0; i < 1000; i++) limiter.check(`user-${i}`);
    expect(limiter.trackedUsers).toBe(100);
  });
});
