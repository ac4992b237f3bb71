import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { daysBetween } from "../../src/engine/format.js";

/** Calendar days counted the long way: each instant's date in the zone, by luxon. */
function reference(from: string, to: string, zone: string): number {
  const day = (iso: string) => DateTime.fromISO(iso, { zone }).startOf("day");
  return Math.max(0, Math.round(day(to).diff(day(from), "days").days));
}

describe("daysBetween", () => {
  it("counts calendar days in the clinic's zone, not 24-hour spans", () => {
    // 22:45 in Berlin on 1 December, read at 09:00 the next morning: yesterday.
    expect(daysBetween("2026-12-01T21:45:00.000Z", "2026-12-02T08:00:00.000Z", "Europe/Berlin")).toBe(1);
    // The same two instants in Auckland (UTC+13) fall on one date: today.
    expect(daysBetween("2026-12-01T21:45:00.000Z", "2026-12-02T08:00:00.000Z", "Pacific/Auckland")).toBe(0);
    // 47 hours in New York, from 00:30 on one date to 23:30 on the next: one day. Two hours more,
    // from 23:30 to 00:30, cross three dates.
    expect(daysBetween("2026-12-01T05:30:00.000Z", "2026-12-03T04:30:00.000Z", "America/New_York")).toBe(1);
    expect(daysBetween("2026-12-01T04:30:00.000Z", "2026-12-03T05:30:00.000Z", "America/New_York")).toBe(3);
  });

  it("never counts backwards", () => {
    expect(daysBetween("2026-12-05T10:00:00.000Z", "2026-12-01T10:00:00.000Z", "UTC")).toBe(0);
  });

  it("agrees with the date in the zone across a year of instants, daylight saving changes included", () => {
    const zones = [
      "Europe/Berlin",
      "America/New_York",
      "Pacific/Auckland",
      "Asia/Kolkata",
      "Pacific/Kiritimati",
      "UTC",
    ];
    const now = Date.parse("2026-12-04T05:00:00.000Z");
    for (const zone of zones) {
      // Every 7 hours 13 minutes back over a year: every hour of the day, both sides of each change.
      for (let t = now - 366 * 86_400_000; t <= now; t += 26_000_000) {
        const from = new Date(t).toISOString();
        expect(daysBetween(from, new Date(now).toISOString(), zone), `${from} in ${zone}`).toBe(
          reference(from, new Date(now).toISOString(), zone),
        );
      }
    }
  });
});
