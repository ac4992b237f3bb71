import { describe, expect, it } from "vitest";
import { ChannelRateLimiter, RateLimits } from "../../src/delivery/rate-limit.js";
import type { OutboxRow } from "../../src/store/types.js";

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

  it("puts a held recipient back in line: others go meanwhile, and the held one goes when its token is back", () => {
    const limiter = new ChannelRateLimiter(
      { perRecipient: { burst: 1, perSecond: 1 }, global: { burst: 10, perSecond: 10 } },
      0,
    );
    expect(limiter.reserve("alex", 0)).toBe(0);
    // Asked again and again while held: each ask waits for the same token, none takes it.
    expect([100, 200, 300].map((t) => limiter.reserve("alex", t))).toEqual([900, 800, 700]);
    expect(["sam", "kim", "lee"].map((r) => limiter.reserve(r, 300))).toEqual([0, 0, 0]);
    expect(limiter.reserve("alex", 1_000)).toBe(0);
    // alex's turn took one token of its own: held again until the next second.
    expect(limiter.reserve("alex", 1_000)).toBe(1_000);
  });
});

/** Rows as the worker asks about them: one recipient, or an edit of a message already sent. */
const message = (recipient: string, edit = false): Pick<OutboxRow, "channel" | "externalId" | "message"> => ({
  channel: "telegram",
  externalId: recipient,
  message: { kind: "info", text: "hello", ...(edit ? { replaces: "42:7" } : {}) },
});

describe("the rate limits of every channel", () => {
  const channels = [
    {
      channel: "telegram",
      limits: { perRecipient: { burst: 1, perSecond: 1 }, global: { burst: 2, perSecond: 2 } },
    },
    { channel: "console" },
  ];

  it("says which limit holds a message: the recipient's own, or the channel's overall", () => {
    const limits = new RateLimits(channels, 0);
    expect(limits.admit(message("alex"), 0)).toEqual({ held: false });
    expect(limits.admit(message("alex"), 0)).toEqual({ held: "recipient", waitMs: 1_000 });
    // Held by its own limit, alex took nothing: sam still goes.
    expect(limits.admit(message("sam"), 0)).toEqual({ held: false });
    expect(limits.overallWait("telegram", 0)).toBe(500);
    expect(limits.admit(message("kim"), 0)).toEqual({ held: "overall", waitMs: 500 });
    // Both limits reached: the overall one is named, since it holds everyone.
    expect(limits.admit(message("alex"), 0)).toEqual({ held: "overall", waitMs: 1_000 });
    // Back in line: kim once the overall limit has a token, alex once its own has.
    expect(limits.admit(message("kim"), 500)).toEqual({ held: false });
    expect(limits.admit(message("alex"), 1_000)).toEqual({ held: false });
  });

  it("lets an edit through past the recipient's own limit, and a channel without limits through always", () => {
    const limits = new RateLimits(channels, 0);
    expect(limits.admit(message("alex"), 0)).toEqual({ held: false });
    expect(limits.admit(message("alex", true), 0)).toEqual({ held: false });
    expect(limits.admit(message("alex", true), 0)).toEqual({ held: "overall", waitMs: 500 });
    for (let i = 0; i < 100; i++)
      expect(limits.admit({ ...message("alex"), channel: "console" }, 0)).toEqual({ held: false });
    expect(limits.overallWait("console", 0)).toBe(0);
  });
});
