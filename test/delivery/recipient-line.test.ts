import { afterEach, describe, expect, it, vi } from "vitest";
import { RecipientLine } from "../../src/delivery/recipient-line.js";
import { SoonestTimer } from "../../src/delivery/soonest-timer.js";

const r = (recipient: string) => ({ channel: "fake", recipient });

describe("the line of recipients", () => {
  it("keeps the order found, takes a recipient out of line while a lane has them, and notes more for them", () => {
    const line = new RecipientLine();
    for (const name of ["a", "b", "c"]) line.found(r(name));
    const a = line.take();
    expect(a?.recipient).toEqual(r("a"));
    // Found again while its lane sends: not in line twice, the lane is told instead.
    line.found(r("a"));
    expect(a?.more).toBe(true);
    expect(line.length).toBe(2);
    if (!a) throw new Error("no lease");
    // Back in line goes to the end: the others go first.
    line.backInLine(a);
    expect([line.take(), line.take(), line.take()].map((l) => l?.recipient.recipient)).toEqual([
      "b",
      "c",
      "a",
    ]);
    expect(line.take()).toBeUndefined();
  });

  it("lets a released recipient be found again, and a stale release not free another lane's", () => {
    const line = new RecipientLine();
    line.found(r("a"));
    const first = line.take();
    if (!first) throw new Error("no lease");
    line.release(first);
    line.found(r("a"));
    const second = line.take();
    line.release(first);
    line.found(r("a"));
    expect(second?.more).toBe(true);
    expect(line.length).toBe(0);
  });

  it("ends a lane's turn after two messages while others wait, after sixteen when none does", () => {
    const line = new RecipientLine();
    expect(line.turnIsOver(2)).toBe(false);
    expect(line.turnIsOver(16)).toBe(true);
    line.found(r("b"));
    expect(line.turnIsOver(1)).toBe(false);
    expect(line.turnIsOver(2)).toBe(true);
  });
});

describe("the worker's timer", () => {
  afterEach(() => vi.useRealTimers());

  it("goes off at the soonest time asked for, once", () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const timer = new SoonestTimer(fired);
    timer.set(1_000);
    timer.set(5_000);
    timer.set(300);
    vi.advanceTimersByTime(299);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(fired).toHaveBeenCalledTimes(1);
    timer.set(100);
    timer.clear();
    vi.advanceTimersByTime(1_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });
});
