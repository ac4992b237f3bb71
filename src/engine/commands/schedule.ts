import { DateTime } from "luxon";
import { canonicalZone, isZone, localDate } from "../../schedule/local-time.js";
import { afterPauses, nextDue, pauseOn, sessionDueTimes } from "../../schedule/next-due.js";
import type { Client, Schedule } from "../../store/types.js";
import { goesOutAt, pauseDays, zoneOf } from "../client-time.js";
import { formatDate, formatDay } from "../format.js";
import { nextCheckinOf } from "../next-checkin.js";
import type { Turn } from "../turn-context.js";
import { type Problem, readSession, readWeekly } from "./schedule-words.js";

/**
 * Therapist words for timing: `schedule ALIAS weekly tue 17:00 50m [split|after]`,
 * `schedule ALIAS off`, `session ALIAS now|DATE TIME [DURATION]`, `timezone ALIAS ZONE`
 * (`pause`, PAUSE_USAGE, is pause.ts). Local times are in the client's time zone.
 */
export async function schedule(turn: Turn, client: Client, typed: readonly string[]): Promise<void> {
  const w = turn.wording;
  const cfg = turn.deps.config.schedule;
  const zone = await zoneOf(turn, client);
  const kind = typed[0]?.toLowerCase();
  if (kind === undefined) return showSchedule(turn, client, zone);
  if (kind === "off" && typed.length === 1) {
    await turn.tx.deleteSchedule(client.personId);
    return turn.replyText(w.t("schedule_off", { alias: client.alias }));
  }
  const read = readWeekly(typed, { durationMin: cfg.defaultDurationMinutes, plan: cfg.plan });
  if ("kind" in read) return turn.replyText(refusal(turn, client, read, w.t("usage_schedule")));
  const { weekday, time, durationMin, plan } = read;
  const saved: Schedule = {
    clientId: client.personId,
    weekday,
    time,
    durationMin,
    plan,
    ...nextDue(new Date(turn.now), { weekday, time, zone }, durationMin, plan, cfg),
  };
  // A client has one weekly schedule: a new one replaces the old, and the therapist is told which.
  const before = await turn.tx.getSchedule(client.personId);
  await turn.tx.saveSchedule(saved, turn.now);
  // The next check-in named is the first one outside the client's pauses, as `schedule ALIAS` shows.
  const pauses = await turn.tx.pausesOf(client.personId);
  const next = afterPauses(saved, pauses, zone);
  const lines = [shown(turn, client, "schedule_set", describe(turn, next, zone), zone)];
  if (before && (before.weekday !== weekday || before.time !== time)) {
    const { day, time: was } = describe(turn, before, zone);
    lines.push(w.t("schedule_replaced", { day, time: was }));
  }
  await turn.replyText(lines.join("\n"));
}

/**
 * `schedule ALIAS`: the weekly schedule with its next check-in outside the pauses, and what else
 * is planned: one-off sessions' check-ins (the next check-in may be one of them) and pauses not over.
 */
async function showSchedule(turn: Turn, client: Client, zone: string): Promise<void> {
  const w = turn.wording;
  const current = await turn.tx.getSchedule(client.personId);
  const pauses = await turn.tx.pausesOf(client.personId);
  const sessions = await turn.tx.pendingSessionJobs(client.personId);
  const lines: string[] = [];
  if (current) {
    const weekly = afterPauses(current, pauses, zone);
    const soonest = sessions[0];
    // A one-off session's check-in before the weekly one is the next check-in.
    const next = soonest && soonest < nextCheckinOf(weekly) ? soonest : undefined;
    lines.push(shown(turn, client, "schedule_shown", describe(turn, weekly, zone, next), zone));
  } else if (sessions.length === 0) {
    lines.push(w.t("schedule_none", { alias: client.alias }));
  }
  if (sessions.length > 0) {
    const when = sessions
      .map((at) => formatDate(goesOutAt(turn, at, zone), w.pack.language, zone))
      .join(", ");
    lines.push(w.t("schedule_one_off", { alias: client.alias, when, zone }));
  }
  const today = localDate(new Date(turn.now), zone);
  const ahead = pauses.filter((p) => p.to >= today);
  if (ahead.length > 0) {
    const days = ahead.map(pauseDays).join(", ");
    lines.push(w.t("schedule_pauses", { days }));
  }
  await turn.replyText(lines.join("\n"));
}

/**
 * The schedule's line. A client who typed stop gets no check-in until they type start, so no
 * date is named as the next check-in: the line says who paused and how it ends instead.
 */
function shown(
  turn: Turn,
  client: Client,
  key: "schedule_set" | "schedule_shown",
  words: ReturnType<typeof describe>,
  zone: string,
): string {
  const w = turn.wording;
  if (!client.pausedAt) return w.t(key, { alias: client.alias, ...words });
  const date = formatDay(client.pausedAt, w.pack.language, zone);
  if (!client.pausedUntil) return w.t(`${key}_paused`, { alias: client.alias, ...words, date });
  const until = formatDay(client.pausedUntil, w.pack.language, zone);
  return w.t(`${key}_paused_until`, { alias: client.alias, ...words, date, until });
}

/** A schedule's words for the messages; `next` when the next check-in is another than the schedule's. */
function describe(turn: Turn, s: Schedule, zone: string, next = nextCheckinOf(s)) {
  const w = turn.wording;
  const cfg = turn.deps.config.schedule;
  return {
    day: DateTime.fromObject({ weekday: s.weekday as 1 }, { locale: w.pack.language }).toFormat("cccc"),
    time: s.time,
    duration: s.durationMin,
    plan: s.plan === "split" ? w.t("plan_split", { before: cfg.progressBeforeMinutes }) : w.t("plan_after"),
    next: formatDate(goesOutAt(turn, next, zone), w.pack.language, zone),
    zone,
  };
}

/**
 * `session ALIAS now [50m]`, `session ALIAS 2026-12-03 15:30 [50m]`, or as people write it
 * (`tomorrow 3pm`, `thu 15:00`, `dec 10 15.00`): a one-off session. The reply names its date as
 * year-month-day and its weekday, so a misread date shows at once.
 */
export async function session(turn: Turn, client: Client, typed: readonly string[]): Promise<void> {
  const w = turn.wording;
  const cfg = turn.deps.config.schedule;
  const zone = await zoneOf(turn, client);
  const read = readSession(typed, new Date(turn.now), zone, cfg.defaultDurationMinutes);
  if ("kind" in read) return turn.replyText(refusal(turn, client, read, w.t("usage_session")));
  const { start, durationMin } = read;
  const due = sessionDueTimes(start, durationMin, cfg.plan, cfg);
  const local = DateTime.fromJSDate(start, { zone }).setLocale(w.pack.language);
  const when = `${local.toFormat("cccc")} ${local.toISODate()}, ${local.toFormat("HH:mm")}`;
  // The same session typed twice is one session, not two check-ins planned for one time.
  if ((await turn.tx.pendingSessionJobs(client.personId)).includes(due.after.toISOString())) {
    return turn.replyText(w.t("session_exists", { alias: client.alias, when, zone }));
  }
  if (due.before && due.before.getTime() > Date.parse(turn.now)) {
    await turn.tx.addJob("progress", client.personId, due.before.toISOString(), turn.now);
    await turn.tx.addJob("alliance", client.personId, due.after.toISOString(), turn.now);
  } else {
    await turn.tx.addJob("checkin", client.personId, due.after.toISOString(), turn.now);
  }
  // A session in a pause gets no check-in (due-steps.ts): said now, not found out when none comes.
  const day = localDate(start, zone);
  const pause = pauseOn(await turn.tx.pausesOf(client.personId), day);
  await turn.replyText(
    pause
      ? w.t("session_in_pause", { alias: client.alias, when, zone, days: pauseDays(pause) })
      : w.t("session_set", { alias: client.alias, when, zone }),
  );
}

export async function timezone(turn: Turn, client: Client, args: readonly string[]): Promise<void> {
  const w = turn.wording;
  const typed = args[0];
  if (!typed) return turn.replyText(w.t("usage", { usage: "timezone ALIAS Europe/Berlin" }));
  if (!isZone(typed)) return turn.replyText(w.t("timezone_invalid", { zone: typed.slice(0, 64) }));
  const zone = canonicalZone(typed);
  await turn.tx.setClientTimeZone(client.personId, zone);
  // A schedule's next times follow the new zone at once.
  const current = await turn.tx.getSchedule(client.personId);
  const lines = [w.t("timezone_set", { alias: client.alias, zone })];
  if (current) {
    const cfg = turn.deps.config.schedule;
    const next = nextDue(
      new Date(turn.now),
      { weekday: current.weekday, time: current.time, zone },
      current.durationMin,
      current.plan,
      cfg,
    );
    const moved = { ...current, ...next };
    await turn.tx.saveSchedule(moved, turn.now);
    // Session times are the client's local times, so the sessions moved with the zone: said, not silent.
    const shown = describe(turn, afterPauses(moved, await turn.tx.pausesOf(client.personId), zone), zone);
    lines.push(w.t("timezone_moves_sessions", { alias: client.alias, ...shown }));
  }
  await turn.replyText(lines.join("\n"));
}

/** What was not read, said when it can be, with the usage. */
function refusal(turn: Turn, client: Client, problem: Problem, usage: string): string {
  const w = turn.wording;
  const lines: string[] = [];
  if (problem.kind === "weekly_only") {
    // The example a week from today, so that it never names a day already past.
    const example = localDate(
      new Date(Date.parse(turn.now) + 7 * 86_400_000),
      turn.deps.config.clinic.timeZone,
    );
    return w.t("schedule_weekly_only", { alias: client.alias, example });
  }
  if (problem.kind === "meridiem") lines.push(w.t("time_without_meridiem", { hour: problem.hour }));
  if (problem.kind === "words") lines.push(w.t("not_understood", { words: problem.words.slice(0, 64) }));
  lines.push(w.t("usage", { usage }));
  return lines.join("\n");
}
