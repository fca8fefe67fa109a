/**
 * Per-user flood control shared by the adapters: a token bucket per user. A user over the limit
 * gets one polite notice, then is dropped silently until the bucket refills; other users are
 * never affected. Memory stays bounded: idle users are forgotten, oldest first.
 */
export interface RateLimitSettings {
  burst: number;
  refillMs: number;
  maxUsers: number;
}

export const RATE_LIMIT_DEFAULTS: Readonly<RateLimitSettings> = Object.freeze({
  /** Messages a user may send in a burst. */
  burst: 5,
  /** Sustained rate: one message every this many milliseconds. */
  refillMs: 3_000,
  /** Users remembered at most; beyond, the least recently seen are forgotten (they start fresh). */
  maxUsers: 10_000,
});

export type RateDecision = "allow" | "notify" | "drop";

interface Bucket {
  tokens: number;
  updatedAt: number;
  notified: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly settings: RateLimitSettings;

  constructor(
    settings: Partial<RateLimitSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...RATE_LIMIT_DEFAULTS, ...settings };
  }

  check(userKey: string): RateDecision {
    const now = this.now();
    const { burst, refillMs, maxUsers } = this.settings;
    let bucket = this.buckets.get(userKey);
    if (bucket) {
      this.buckets.delete(userKey); // re-inserted below: Map order doubles as least-recently-seen order
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) / refillMs);
      bucket.updatedAt = now;
    } else {
      bucket = { tokens: burst, updatedAt: now, notified: false };
      if (this.buckets.size >= maxUsers) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(userKey, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.notified = false;
      return "allow";
    }
    if (bucket.notified) return "drop";
    bucket.notified = true;
    return "notify";
  }

  get trackedUsers(): number {
    return this.buckets.size;
  }
}
