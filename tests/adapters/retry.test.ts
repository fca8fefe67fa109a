/**
 * The adapters' one retry loop: it tries again while the platform says an error is worth it, at
 * most the attempts allowed, and hands back the first success or the last error.
 */
import { describe, expect, it } from "vitest";
import { retry } from "../../src/adapters/shared/retry.js";

const failing = (failures: number, error = new Error("503")) => {
  let calls = 0;
  return {
    calls: () => calls,
    attempt: async (n: number) => {
      calls++;
      if (n <= failures) throw error;
      return `ok on ${n}`;
    },
  };
};

describe("retry", () => {
  it("GIVEN errors worth retrying THEN tries again until one attempt succeeds", async () => {
    const op = failing(2);
    const waits: number[] = [];
    await expect(retry(op.attempt, { attempts: 4, delayFor: () => 0, onRetry: (_e, _n, ms) => waits.push(ms) })).resolves.toBe("ok on 3");
    expect(waits).toEqual([0, 0]);
  });

  it("GIVEN an error the platform calls final THEN gives up at once with it", async () => {
    const op = failing(5, new Error("400 Bad Request"));
    await expect(retry(op.attempt, { attempts: 4, delayFor: () => undefined })).rejects.toThrow("400 Bad Request");
    expect(op.calls()).toBe(1);
  });

  it("GIVEN errors on every attempt THEN stops after the attempts allowed with the last error", async () => {
    const op = failing(10);
    await expect(retry(op.attempt, { attempts: 3, delayFor: () => 0 })).rejects.toThrow("503");
    expect(op.calls()).toBe(3);
  });
});
