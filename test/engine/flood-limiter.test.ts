import { describe, expect, it } from "vitest";
import { FLOOD_LIMITS, FloodLimiter, senderKey } from "../../src/engine/flood-limiter.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("the flood limiter, on its own", () => {
  it("processes 30 messages in any minute, then is full until the oldest is a minute old", () => {
    const f = new FloodLimiter();
    for (let i = 0; i < 30; i++) {
      expect(f.full("a", 1000 + i * 1000)).toBe(false);
      f.count("a", 1000 + i * 1000);
    }
    expect(f.full("a", 30_500)).toBe(true);
    // The first message (t = 1000) leaves the window at t = 61000: one more then.
    expect(f.full("a", 60_999)).toBe(true);
    expect(f.full("a", 61_000)).toBe(false);
    f.count("a", 61_000);
    expect(f.full("a", 61_500)).toBe(true);
    expect(f.full("b", 61_500)).toBe(false);
  });

  it("slides a window of a raised limit message by message, as counting every time afresh would", () => {
    // A clinic may raise the limit to thousands a minute: the window then holds that many times.
    const limits = { ...FLOOD_LIMITS, perWindow: 700 };
    const f = new FloodLimiter(limits);
    const counted: number[] = [];
    // Ten messages a second, fifty in the first second of every seven, for three minutes: more
    // than the limit, so the window fills, holds the sender back and slides on.
    for (let t = 0; t < 3 * MIN; t += t % 7_000 < 1_000 ? 20 : 100) {
      const inWindow = counted.filter((c) => c > t - MIN && c <= t).length;
      expect(f.full("a", t)).toBe(inWindow >= limits.perWindow);
      if (inWindow < limits.perWindow) {
        f.count("a", t);
        counted.push(t);
      }
    }
    expect(counted.length).toBeGreaterThan(1_400);
    expect(counted.length).toBeLessThan(3 * 700 + 1);
  });

  it("counts nothing from after now when the clock is set back", () => {
    const f = new FloodLimiter();
    for (let i = 0; i < 30; i++) f.count("a", 10 * MIN + i);
    expect(f.full("a", 10 * MIN + 30)).toBe(true);
    // Set back by five minutes: the thirty lie in the future, and the sender is not held by them.
    expect(f.full("a", 5 * MIN)).toBe(false);
    for (let i = 0; i < 29; i++) f.count("a", 5 * MIN + i);
    expect(f.full("a", 5 * MIN + 29)).toBe(false);
    f.count("a", 5 * MIN + 29);
    expect(f.full("a", 5 * MIN + 30)).toBe(true);
  });

  it("gives one notice per flood: again only after a whole window without a drop", () => {
    const f = new FloodLimiter();
    for (let i = 0; i < 30; i++) f.count("a", 0);
    expect(f.drop("a", 0)).toBe("notice");
    expect(f.drop("a", 10)).toBe("drop");
    // A flood kept up for ten minutes, a drop every 30 seconds: still the one notice.
    for (let t = 30_000; t <= 10 * MIN; t += 30_000) expect(f.drop("a", t)).toBe("drop");
    // Quiet for a minute, then over the limit again: a new flood, a new notice.
    expect(f.drop("a", 11 * MIN)).toBe("notice");
    expect(f.drop("b", 11 * MIN)).toBe("notice");
  });

  it("tells an unknown sender how to start once an hour", () => {
    const f = new FloodLimiter();
    expect(f.toldHowToStart("s", 0)).toBe(false);
    f.tellingHowToStart("s", 0);
    expect(f.toldHowToStart("s", 1)).toBe(true);
    expect(f.toldHowToStart("s", HOUR - 1)).toBe(true);
    expect(f.toldHowToStart("s", HOUR)).toBe(false);
    expect(f.toldHowToStart("t", 1)).toBe(false);
    f.tellingHowToStart("s", 0);
    f.forgetHowToStart("s");
    expect(f.toldHowToStart("s", 1)).toBe(false);
  });

  it("remembers at most maxSenders, dropping the least recently seen, so a spray of ids cannot grow memory", () => {
    const f = new FloodLimiter({ ...FLOOD_LIMITS, maxSenders: 100 });
    f.tellingHowToStart("flooder", 0);
    for (let i = 0; i < 10_000; i++) {
      f.tellingHowToStart(`spray-${i}`, i);
      // The flooder keeps writing, so stays among the most recently seen.
      if (i % 50 === 0) f.count("flooder", i);
      expect(f.size).toBeLessThanOrEqual(100);
    }
    expect(f.size).toBe(100);
    expect(f.toldHowToStart("flooder", 10_000)).toBe(true);
    expect(f.toldHowToStart("spray-0", 10_000)).toBe(false);
    expect(f.toldHowToStart("spray-9999", 10_000)).toBe(true);
  });

  it("forgets senders whose state has expired", () => {
    const f = new FloodLimiter();
    for (let i = 0; i < 5; i++) f.count(`k${i}`, 0);
    f.tellingHowToStart("stranger", 0);
    expect(f.size).toBe(6);
    // A minute on, the counts say nothing any more; the stranger's hour still does.
    f.count("other", MIN);
    expect(f.size).toBe(2);
    f.count("other", 2 * HOUR);
    expect(f.size).toBe(1);
  });

  it("keys senders by a fixed-size hash of channel and id", () => {
    const long = senderKey("teams", "x".repeat(1_000_000));
    expect(long.length).toBe(senderKey("console", "a").length);
    expect(senderKey("console", "a")).not.toBe(senderKey("telegram", "a"));
    expect(senderKey("console", "a")).toBe(senderKey("console", "a"));
    expect(senderKey("a", "bc")).not.toBe(senderKey("ab", "c"));
  });
});
