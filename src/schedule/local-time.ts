import { DateTime } from "luxon";

/**
 * Local-time arithmetic in a person's IANA zone, through luxon (which follows the zone's
 * daylight-saving rules), so that "Tuesday 17:00" stays 17:00 on the wall clock all year.
 */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

interface WeeklyRule {
  /** 1 = Monday ... 7 = Sunday (ISO). */
  weekday: number;
  /** "HH:MM", local. */
  time: string;
  zone: string;
}

function hm(time: string): { hour: number; minute: number } {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return { hour, minute };
}

/** The first session start of the rule whose check-in time (start + offset) is after `after`. */
export function nextWeekly(after: Date, rule: WeeklyRule, offsetMinutes = 0): Date {
  const local = DateTime.fromJSDate(after, { zone: rule.zone });
  let candidate = local
    .set({ ...hm(rule.time), second: 0, millisecond: 0 })
    .set({ weekday: rule.weekday as 1 });
  // set({ weekday }) stays within the ISO week; step back a week so the loop finds the first one.
  candidate = candidate.minus({ weeks: 1 });
  while (candidate.plus({ minutes: offsetMinutes }).toMillis() <= after.getTime()) {
    candidate = candidate.plus({ weeks: 1 });
  }
  return candidate.toJSDate();
}

/** A local date and time in a zone as an instant: "2026-12-03", "15:30". */
export function localInstant(date: string, time: string, zone: string): Date | undefined {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  return dt.isValid ? dt.toJSDate() : undefined;
}

interface QuietHours {
  start: string;
  end: string;
}

/**
 * When a scheduled message due at `due` may go out: at once, or at the end of the quiet hours
 * (local) if it falls inside them. Quiet hours may wrap midnight (21:00 to 08:00).
 */
export function afterQuietHours(due: Date, zone: string, quiet: QuietHours): Date {
  const local = DateTime.fromJSDate(due, { zone });
  const minutes = local.hour * 60 + local.minute;
  const start = hm(quiet.start).hour * 60 + hm(quiet.start).minute;
  const end = hm(quiet.end).hour * 60 + hm(quiet.end).minute;
  const inside = start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return due;
  let wake = local.set({ ...hm(quiet.end), second: 0, millisecond: 0 });
  if (wake <= local) wake = wake.plus({ days: 1 });
  return wake.toJSDate();
}

/** The local calendar date of an instant, "YYYY-MM-DD". */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? "";
}

export function isZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** A zone as the database of zones spells it: "europe/berlin" typed is "Europe/Berlin" kept. */
export function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
}
