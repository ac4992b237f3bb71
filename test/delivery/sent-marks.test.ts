import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { SentMarks } from "../../src/delivery/sent-marks.js";
import { silentLog } from "../helpers/conversation.js";

/** A store that records each markSentMany write, and fails the writes `failing` says. */
function markStore(failing: (write: number) => boolean = () => false) {
  const writes: number[][] = [];
  const store = {
    markSentMany: async (ids: readonly number[]) => {
      writes.push([...ids]);
      if (failing(writes.length)) throw new Error("SQLITE_BUSY: database is locked");
    },
  };
  return { store, writes };
}

const clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));

describe("marking sent rows", () => {
  it("marks the rows sent in one turn of the event loop in one write, a later turn's in another", async () => {
    const { store, writes } = markStore();
    const marks = new SentMarks(store, clock, silentLog);
    const first = [marks.mark(1), marks.mark(2), marks.mark(3)];
    // Nothing is written before the turn is over.
    expect(writes).toEqual([]);
    expect(await Promise.all(first)).toEqual([true, true, true]);
    expect(await marks.mark(4)).toBe(true);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it("keeps the rows of a failed write as unmarked, and writes their marks on a later try", async () => {
    const { store, writes } = markStore((write) => write <= 2);
    const marks = new SentMarks(store, clock, silentLog);
    expect(await Promise.all([marks.mark(7), marks.mark(8)])).toEqual([false, false]);
    expect([7, 8, 9].map((id) => marks.isUnmarked(id))).toEqual([true, true, false]);
    // The second write fails too: still unmarked, so never sent again.
    expect(await marks.markUnmarked()).toBe(false);
    expect(marks.isUnmarked(7)).toBe(true);
    expect(await marks.markUnmarked()).toBe(true);
    expect(marks.isUnmarked(7) || marks.isUnmarked(8)).toBe(false);
    expect(writes).toEqual([
      [7, 8],
      [7, 8],
      [7, 8],
    ]);
  });

  it("writes nothing when no mark is missing", async () => {
    const { store, writes } = markStore();
    const marks = new SentMarks(store, clock, silentLog);
    expect(await marks.markUnmarked()).toBe(true);
    expect(writes).toEqual([]);
  });
});
