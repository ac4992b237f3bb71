import type { Schedule } from "../store/types.js";
import { localDate, nextWeekly } from "./local-time.js";

/**
 * Schedule maths, pure: when a session's check-ins fall due, the next ones of a weekly schedule,
 * and the next ones past a pause. Times are instants; days and weekdays are the client's local ones.
 */

/** When the check-ins of a session fall due: alliance (or both) after it, progress before it for "split". */
export function sessionDueTimes(
  start: Date,
  durationMin: number,
  plan: Schedule["plan"],
  s: { delayMinutes: number; progressBeforeMinutes: number },
): { after: Date; before: Date | null } {
  const after = new Date(start.getTime() + (durationMin + s.delayMinutes) * 60_000);
  const before = plan === "split" ? new Date(start.getTime() - s.progressBeforeMinutes * 60_000) : null;
  return { after, before };
}

/**
 * The next due times after `after`: the check-in after the next session, and for "split" the
 * progress check-in before the next session. Both move on by whole weeks, never by missed ticks.
 */
export function nextDue(
  after: Date,
  rule: { weekday: number; time: string; zone: string },
  durationMin: number,
  plan: Schedule["plan"],
  cfg: { delayMinutes: number; progressBeforeMinutes: number },
): { nextAfterAt: string; nextBeforeAt: string | null } {
  const afterStart = nextWeekly(after, rule, durationMin + cfg.delayMinutes);
  const nextAfterAt = sessionDueTimes(afterStart, durationMin, plan, cfg).after.toISOString();
  if (plan !== "split") return { nextAfterAt, nextBeforeAt: null };
  const beforeStart = nextWeekly(after, rule, -cfg.progressBeforeMinutes);
  return {
    nextAfterAt,
    nextBeforeAt: sessionDueTimes(beforeStart, durationMin, plan, cfg).before?.toISOString() ?? null,
  };
}

/** The pause that covers a local day (YYYY-MM-DD in the client's zone), if one does. */
export function pauseOn<P extends { from: string; to: string }>(
  pauses: readonly P[],
  day: string,
): P | undefined {
  return pauses.find((p) => p.from <= day && day <= p.to);
}

/**
 * The schedule as it will run: a next check-in that falls in a pause (`pause ALIAS FROM..TO`)
 * moves on by whole weeks to the first one after it, as the scheduler skips it.
 */
export function afterPauses(
  s: Schedule,
  pauses: readonly { from: string; to: string }[],
  zone: string,
): Schedule {
  const week = 7 * 86_400_000;
  const inPause = (iso: string | null) => {
    if (!iso) return false;
    return pauseOn(pauses, localDate(new Date(iso), zone)) !== undefined;
  };
  let next = s;
  // At most a year ahead: a pause longer than that is shown as it is.
  for (let i = 0; i < 53 && inPause(next.nextBeforeAt ?? next.nextAfterAt); i++) {
    const move = (iso: string | null) => (iso ? new Date(Date.parse(iso) + week).toISOString() : null);
    next = {
      ...next,
      nextAfterAt: move(next.nextAfterAt) ?? next.nextAfterAt,
      nextBeforeAt: move(next.nextBeforeAt),
    };
  }
  return next;
}
