import { describe, expect, it } from "vitest";
import { afterPauses } from "../../src/schedule/next-due.js";
import type { Schedule } from "../../src/store/types.js";

const weekly: Schedule = {
  clientId: 1,
  weekday: 1,
  time: "10:00",
  durationMin: 50,
  plan: "after",
  nextAfterAt: "2026-12-28T11:00:00.000Z",
  nextBeforeAt: null,
};

describe("the next check-in past a pause", () => {
  it("moves on by whole weeks to the first check-in after the pause, in the client's zone", () => {
    const next = afterPauses(weekly, [{ from: "2026-12-24", to: "2027-01-02" }], "Europe/Berlin");
    expect(next.nextAfterAt).toBe("2027-01-04T11:00:00.000Z");
  });

  it("leaves a check-in outside every pause as it is, and stops a year ahead", () => {
    expect(afterPauses(weekly, [{ from: "2027-02-01", to: "2027-02-07" }], "UTC").nextAfterAt).toBe(
      weekly.nextAfterAt,
    );
    const forever = afterPauses(weekly, [{ from: "2026-01-01", to: "2030-01-01" }], "UTC");
    expect(Date.parse(forever.nextAfterAt) - Date.parse(weekly.nextAfterAt)).toBe(53 * 7 * 86_400_000);
  });
});
