import { afterEach, describe, expect, it, vi } from "vitest";
import { RateLimits } from "../../src/delivery/rate-limit.js";
import { followInstances, sharedLimits } from "../../src/delivery/shared-limits.js";
import type { OutboxRow } from "../../src/store/types.js";

const TELEGRAM = { perRecipient: { burst: 3, perSecond: 1 }, global: { burst: 25, perSecond: 25 } };

describe("a channel's limits shared among instances", () => {
  it("divides the overall rate and burst by the number of instances, and keeps the per-recipient limit", () => {
    const third = sharedLimits(TELEGRAM, 3);
    expect(third.global?.perSecond).toBeCloseTo(25 / 3, 9);
    expect(third.global?.burst).toBe(8);
    expect(third.perRecipient).toEqual(TELEGRAM.perRecipient);
    expect(sharedLimits(TELEGRAM, 2).global).toEqual({ burst: 12, perSecond: 12.5 });
  });

  it("keeps the whole limit for one instance, and counts none, a fraction or nonsense as one", () => {
    for (const n of [1, 0, -2, 0.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(sharedLimits(TELEGRAM, n)).toEqual(TELEGRAM);
    expect(sharedLimits(TELEGRAM, 2.9).global?.perSecond).toBe(12.5);
  });

  it("leaves at least a burst of one message, however many instances", () => {
    expect(sharedLimits({ global: { burst: 2, perSecond: 2 } }, 5).global).toEqual({
      burst: 1,
      perSecond: 0.4,
    });
  });

  it("changes nothing for a channel without an overall limit", () => {
    const limits = { perRecipient: { burst: 1, perSecond: 1 } };
    expect(sharedLimits(limits, 4)).toEqual(limits);
  });
});

describe("the rate limits, shared", () => {
  const row = (externalId: string): Pick<OutboxRow, "channel" | "externalId" | "message"> => ({
    channel: "telegram",
    externalId,
    message: { kind: "info", text: "hi" },
  });
  const burst = (limits: RateLimits, at: number) => {
    let n = 0;
    while (!limits.admit(row(`r${at}-${n}`), at).held) n++;
    return n;
  };

  it("lets through the share of the overall limit, and the whole again when the others are gone", () => {
    const limits = new RateLimits([{ channel: "telegram", limits: TELEGRAM }], 0);
    limits.share(5, 0);
    expect(burst(limits, 0)).toBe(5);
    // 5 a second: one more after 200 ms.
    expect(limits.overallWait("telegram", 0)).toBe(200);
    limits.share(1, 0);
    // What was earned is kept; the rate and the burst are the whole ones again.
    expect(limits.overallWait("telegram", 0)).toBe(40);
    expect(burst(limits, 10_000)).toBe(25);
  });
});

describe("following the number of instances", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("applies the first count at once and each change after, and keeps the last count when counting fails", async () => {
    vi.useFakeTimers();
    const counts: (number | Error)[] = [3, 3, new Error("gone"), 2, 0];
    const applied: number[] = [];
    const errors: unknown[] = [];
    const follower = followInstances({
      count: async () => {
        const next = counts.shift() ?? 1;
        if (next instanceof Error) throw next;
        return next;
      },
      apply: (n) => applied.push(n),
      everyMs: 1_000,
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(applied).toEqual([3]);
    await vi.advanceTimersByTimeAsync(4_000);
    // 3 again: nothing; a failure: nothing; 2; 0 counts as 1.
    expect(applied).toEqual([3, 2, 1]);
    expect(errors).toHaveLength(1);
    follower.stop();
    counts.push(4);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(applied).toEqual([3, 2, 1]);
  });
});
