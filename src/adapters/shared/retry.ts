/**
 * The one retry loop of the adapters. What is worth retrying and how long to wait is the
 * platform's to say (Telegram's retry_after, Discord's 5xx), so each adapter passes `delayFor`;
 * the loop itself, the attempt count and the waiting are the same everywhere.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** How long to wait before attempt `attempt + 1`, or undefined when `error` is final. */
  delayFor(error: unknown, attempt: number): number | undefined;
  /** Told before each wait, for a log line. */
  onRetry?(error: unknown, attempt: number, waitMs: number): void;
}

export async function retry<T>(attempt: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const waitMs = policy.delayFor(error, n);
      if (waitMs === undefined || n >= policy.attempts) throw error;
      policy.onRetry?.(error, n, waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
