import { describe, expect, it } from "vitest";
import { ChannelRateLimiter } from "../../src/delivery/rate-limit.js";

/** The token buckets of one channel, on a clock the test moves (milliseconds). */
const TELEGRAM = { perRecipient: { burst: 3, perSecond: 1 }, global: { burst: 25, perSecond: 25 } };

describe("the rate limiter", () => {
  it("lets a recipient's burst through, then holds them until a token refills", () => {
    const limiter = new ChannelRateLimiter(TELEGRAM, 0);
    expect([0, 0, 0].map(() => limiter.reserve("alex", 0))).toEqual([0, 0, 0]);
    expect(limiter.reserve("alex", 0)).toBe(1_000);
    expect(limiter.reserve("alex", 400)).toBe(600);
    expect(limiter.reserve("alex", 1_000)).toBe(0);
  });

  it("holds one recipient without holding another, and takes nothing from the overall limit while holding", () => {
    const limiter = new ChannelRateLimiter(
      { perRecipient: { burst: 1, perSecond: 1 }, global: { burst: 2, perSecond: 1 } },
      0,
    );
    expect(limiter.reserve("alex", 0)).toBe(0);
    // alex is held: back in line, and the overall bucket keeps its token for someone else.
    expect(limiter.reserve("alex", 0)).toBeGreaterThan(0);
    expect(limiter.reserve("alex", 0)).toBeGreaterThan(0);
    expect(limiter.reserve("sam", 0)).toBe(0);
    // Now the overall limit holds everyone, sam's own bucket notwithstanding.
    expect(limiter.reserve("kim", 0)).toBe(1_000);
    expect(limiter.overallWait(0)).toBe(1_000);
    expect(limiter.reserve("kim", 1_000)).toBe(0);
  });

  it("counts an edit of an earlier message (no recipient) against the overall limit only", () => {
    const limiter = new ChannelRateLimiter(
      { perRecipient: { burst: 1, perSecond: 1 }, global: { burst: 3, perSecond: 3 } },
      0,
    );
    expect(limiter.reserve("alex", 0)).toBe(0);
    expect(limiter.reserve(undefined, 0)).toBe(0);
    expect(limiter.reserve(undefined, 0)).toBe(0);
    expect(limiter.reserve(undefined, 0)).toBe(334);
  });

  it("keeps its memory flat across many recipients: full buckets are forgotten", () => {
    const limiter = new ChannelRateLimiter(TELEGRAM, 0);
    for (let i = 0; i < 30_000; i++) limiter.reserve(`r${i}`, i * 100);
    const size = (limiter as unknown as { recipients: Map<string, unknown> }).recipients.size;
    expect(size).toBeLessThan(10_100);
  });
});
