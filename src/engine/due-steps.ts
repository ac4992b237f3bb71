import { afterQuietHours, localDate } from "../schedule/local-time.js";
import { nextDue, pauseOn } from "../schedule/next-due.js";
import type { Checkin, Client, Job, Tx } from "../store/types.js";
import { clientInstruments } from "./checkin/consent-vars.js";
import type { CheckinPart } from "./checkin/instrument-plan.js";
import { stepMessage } from "./checkin/messages.js";
import { expiresAt, stepOf } from "./checkin/plan.js";
import { afterCompletion } from "./checkin/report.js";
import { isSafetyQuestion } from "./checkin/safety-asked.js";
import { sendCheckin } from "./checkin/send-checkin.js";
import { joinSessionPart } from "./checkin/session-join.js";
import { tellUnfinished } from "./checkin/unfinished-notice.js";
import { liftEndedBreaks } from "./client-break.js";
import { lapsedConcernsDue, tellConcernsOfClosed } from "./risk/concern-notice.js";
import { disclosedDuring } from "./risk/disclosed-during.js";
import { type EngineDeps, personWording, Turn, therapistName } from "./turn-context.js";
import { digestDue } from "./views/digest.js";

/** At most this many jobs in one pass, so one pass stays one short transaction. */
const JOBS_PER_PASS = 200;

/**
 * Steps that fall due with time: schedules turn into check-in jobs, jobs run (check-ins,
 * reminders, expiries), digests go out. Everything is read from stored due times, so a restart
 * loses nothing, and a schedule that fell due several times while the process was down gives
 * one check-in, not one per missed week.
 */
export async function runDueSteps(tx: Tx, deps: EngineDeps, now: string): Promise<number> {
  const cfg = deps.config.schedule;
  for (const s of await tx.dueSchedules(now)) {
    const zone = (await tx.clientZone(s.clientId)) ?? deps.config.clinic.timeZone;
    const next = nextDue(
      new Date(now),
      { weekday: s.weekday, time: s.time, zone },
      s.durationMin,
      s.plan,
      cfg,
    );
    const afterDue = s.nextAfterAt <= now;
    const beforeDue = s.nextBeforeAt !== null && s.nextBeforeAt <= now;
    const after = s.plan === "split" ? "alliance" : "checkin";
    if (afterDue && !(await alreadyAsked(tx, deps, s.clientId, PARTS[after], now))) {
      await tx.addJob(after, s.clientId, now, now);
    }
    if (beforeDue && !(await alreadyAsked(tx, deps, s.clientId, PARTS.progress, now))) {
      await tx.addJob("progress", s.clientId, now, now);
    }
    await tx.saveSchedule(
      {
        ...s,
        nextAfterAt: afterDue ? next.nextAfterAt : s.nextAfterAt,
        nextBeforeAt: beforeDue ? next.nextBeforeAt : s.nextBeforeAt,
      },
      now,
    );
  }
  let done = 0;
  const due = await tx.dueJobs(now, JOBS_PER_PASS);
  const superseded = supersededJobs(due);
  for (const job of due) {
    const turn = Turn.system(deps, tx, now, `job:${job.id}`);
    const note = superseded.has(job.id) ? "superseded by a later one due with it" : await runJob(turn, job);
    if (note === "postponed") continue;
    await tx.finishJob(job.id, note, now);
    done++;
  }
  // After the jobs: what fell due while the client was on a break stays skipped.
  const lifted = await liftEndedBreaks(tx, deps, now);
  return lifted + done + (await lapsedConcernsDue(tx, deps, now)) + (await digestDue(tx, deps, now));
}

/**
 * Session check-ins of one kind for one client that are due together: only the latest is sent.
 * They pile up when rapport was down across weeks, or when the quiet hours held one and the next
 * week's came due before it went: the client gets one check-in, not one per missed week (each new
 * one would close the one before a moment after it arrived). Pure.
 */
function supersededJobs(due: readonly Job[]): Set<number> {
  const latest = new Map<string, number>();
  for (const job of due) {
    if (job.kind === "reminder" || job.kind === "expire") continue;
    const key = `${job.clientId}:${job.kind}`;
    latest.set(key, Math.max(latest.get(key) ?? 0, job.id));
  }
  return new Set(
    due
      .filter((job) => job.kind !== "reminder" && job.kind !== "expire")
      .filter((job) => latest.get(`${job.clientId}:${job.kind}`) !== job.id)
      .map((job) => job.id),
  );
}

/** A split schedule's jobs: the alliance after the session, the rest of the plan before the next. */
const PARTS: Record<Job["kind"], CheckinPart> = {
  checkin: "whole",
  alliance: "session",
  progress: "week",
  reminder: "whole",
  expire: "whole",
};

async function runJob(turn: Turn, job: Job): Promise<string> {
  const { tx, deps } = turn;
  const client = await tx.getClient(job.clientId);
  if (client?.status !== "active") return "client not active";
  const open = await tx.openCheckin(client.personId);
  if (job.kind === "expire") {
    // Every measure answered and only the optional comment left (often after a yes to the safety
    // question, whose warm line said the check-in could wait), or the safety question and the
    // comment: the scores reach the therapist as a check-in without them (the summary says the
    // safety question was not answered), not lost as an expired one. The client is not written to.
    if (open && open.id === job.checkinId && onlyOptionalLeft(open)) {
      // Words kept during it are its comment. Dated by the client's last answer, not the expiry: the
      // scores are of that moment, and a risk mark from it must not stand before them on a chart.
      const answeredAt = (await tx.lastAnswerAt(open.id)) ?? job.dueAt;
      await tx.completeCheckin(open.id, open.comment, answeredAt);
      await afterCompletion(turn, client);
      return "completed without its comment";
    }
    // Dated when it fell due, even if the process was down then.
    if (job.checkinId === null || !(await tx.expireCheckin(job.checkinId, job.dueAt)))
      return "already finished";
    await tellConcernsOfClosed(tx, deps, client.personId, job.checkinId, turn.now);
    await tellUnfinished(turn, client, job.checkinId);
    return "expired";
  }
  if (job.kind === "reminder") {
    if (!open || open.id !== job.checkinId) return "already finished";
    // Paused: no reminder; the check-in waits for "start" or its expiry, whichever comes first.
    if (client.pausedAt) return "paused by the client";
    // After a crisis message the client was told the check-in can wait for them: no nudge while
    // the alert is open, nor for a check-in during which one was raised, once it is acknowledged
    // (the therapist's "seen" changes nothing of what the client was told).
    if (await tx.openRiskAlert(client.personId)) return "risk alert open";
    if (await disclosedDuring(tx, client.personId, open.id)) return "risk disclosed during the check-in";
    if (await onHoliday(turn, client)) return "holiday";
    // Run late (the server was down, or the quiet hours held it) past the check-in's own expiry:
    // a reminder of a check-in about to be closed, with its first question, would be a stale nudge.
    if (Date.parse(turn.now) >= expiresAt(open, deps.config.schedule.expireAfterHours)) {
      return "past the check-in's expiry";
    }
    if (await postponedForQuiet(turn, job, client)) return "postponed";
    const w = await personWording(tx, deps, client.personId);
    const therapist = await therapistName(tx, client);
    // Not begun: "carry on where you stopped" would be wrong; how many questions it is helps more.
    const text =
      open.step === 0
        ? w.t("reminder_not_started", { count: open.plan.length })
        : w.t("reminder", { therapist });
    await turn.send(client.personId, { kind: "info", text });
    await turn.send(client.personId, stepMessage(w, open, therapist));
    return "reminded";
  }
  if (client.pausedAt) return "paused by the client";
  // A client's plan may have nothing for one part of a split schedule (no alliance, say).
  const instruments = clientInstruments(turn, client, PARTS[job.kind]);
  if (instruments.length === 0) return "nothing in the client's plan for this part";
  if (await onHoliday(turn, client)) return "holiday";
  if (!(await tx.identitiesOf(client.personId)).some((i) => !i.unreachableAt)) return "unreachable";
  if (await postponedForQuiet(turn, job, client)) return "postponed";
  // The session's questions join its before-session part the client is in the middle of.
  if (open && job.kind === "alliance" && (await joinSessionPart(turn, client, open, instruments))) {
    return "joined the open check-in";
  }
  // An older check-in still open gives way to the new session's: it is expired (the digest lists
  // it), and the new one is sent.
  const expired = open ? await tx.expireCheckin(open.id, turn.now) : false;
  if (open && expired) await tellConcernsOfClosed(tx, deps, client.personId, open.id, turn.now);
  // One the client had begun: the new one's first message says it closed and its answers were kept,
  // or the client takes the new questions for the rest of the old ones.
  const begun = open !== undefined && expired && (await tx.lastAnswerAt(open.id)) !== undefined;
  // A split plan's progress check-in comes before the session, and says so.
  const checkin = await sendCheckin(
    turn,
    client,
    instruments,
    job.kind === "progress" ? "before session" : "schedule",
    begun,
  );
  if (!checkin) return "asked for consent again first";
  return expired ? "sent; the open check-in expired" : "sent";
}

/**
 * A weekly schedule's check-in is left out when the client answered the same questions in the
 * last 12 hours: that check-in was about the same session (the therapist sent it by hand and then
 * set the schedule, or the session moved), and asking it twice in a day tells the therapist
 * nothing new while teaching the client to skip the questions. Twelve hours keeps sessions on
 * different days apart; a split plan's two parts ask different questions, so both go. One-off
 * sessions and a therapist's `checkin` are asked for explicitly and always go.
 */
const RECENT_CHECKIN_MS = 12 * 3_600_000;

async function alreadyAsked(
  tx: Tx,
  deps: EngineDeps,
  clientId: number,
  part: CheckinPart,
  now: string,
): Promise<boolean> {
  const last = await tx.lastCompletedCheckin(clientId);
  if (!last?.completedAt || Date.parse(now) - Date.parse(last.completedAt) >= RECENT_CHECKIN_MS) return false;
  const client = await tx.getClient(clientId);
  if (!client) return false;
  const asked = new Set(last.plan.map((p) => p.instrument));
  return clientInstruments({ deps }, client, part).every((id) => asked.has(id));
}

/** Check-ins and reminders wait for the morning in the client's zone; urgent messages never come here. */
async function postponedForQuiet(turn: Turn, job: Job, client: Client): Promise<boolean> {
  const zone = (await turn.tx.clientZone(client.personId)) ?? turn.deps.config.clinic.timeZone;
  const wake = afterQuietHours(new Date(turn.now), zone, turn.deps.config.schedule.quietHours);
  if (wake.getTime() <= Date.parse(turn.now)) return false;
  await turn.tx.postponeJob(job.id, wake.toISOString());
  return true;
}

async function onHoliday(turn: Turn, client: Client): Promise<boolean> {
  const zone = (await turn.tx.clientZone(client.personId)) ?? turn.deps.config.clinic.timeZone;
  const today = localDate(new Date(turn.now), zone);
  return pauseOn(await turn.tx.pausesOf(client.personId), today) !== undefined;
}

/** Whether what is left of a check-in is its safety question and comment, or the comment alone. */
function onlyOptionalLeft(checkin: Checkin): boolean {
  const step = stepOf(checkin);
  return step.kind === "comment" || isSafetyQuestion(step);
}
