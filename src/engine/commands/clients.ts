import { cutoffFor, MAX_AGE, MIN_AGE } from "../../clinical/cutoffs.js";
import type { Wording } from "../../prompts/render.js";
import type { Client } from "../../store/types.js";
import { progressOf } from "../checkin/plan.js";
import { sendCheckin } from "../checkin/send-checkin.js";
import { normaliseAlias } from "../client-alias.js";
import { formatDay } from "../format.js";
import { tellConcernsOfClosed } from "../risk/concern-notice.js";
import { type OnCall, onCallFor } from "../risk/on-call.js";
import { excerpt } from "../risk/screening.js";
import type { Turn } from "../turn-context.js";
import { clientStatusText } from "../views/history.js";
import { issueCode } from "./issue-code.js";

/**
 * A therapist's words about one client's care: invite (with an age), age, check-in by hand,
 * discharge, and the client's emergency contact.
 */

/** Takes "--age N" out of the arguments; age is "invalid" when N is not an age rapport accepts. */
export function takeAge(args: readonly string[]): { rest: string[]; age?: number | "invalid" } {
  const at = args.findIndex((a) => a.toLowerCase() === "--age");
  if (at < 0) return { rest: [...args] };
  const raw = args[at + 1] ?? "";
  const age = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  const rest = args.filter((_, i) => i !== at && i !== at + 1);
  return { rest, age: age >= MIN_AGE && age <= MAX_AGE ? age : "invalid" };
}

/** Schedules only make sense for a client who has joined and agreed. */
export async function activeOnly(turn: Turn, client: Client, then: () => Promise<void>): Promise<void> {
  if (client.status === "active") return then();
  const w = turn.wording;
  return turn.replyText(
    w.t("client_not_active", { alias: client.alias, status: clientStatusText(w, client.status) }),
  );
}

export async function setAge(turn: Turn, client: Client, age: number | "invalid"): Promise<void> {
  const w = turn.wording;
  if (age === "invalid") return turn.replyText(w.t("age_invalid", { min: MIN_AGE, max: MAX_AGE }));
  await turn.tx.setClientAge(client.personId, age);
  const { cutoff } = cutoffFor(age, turn.deps.config.thresholds.cutoffs);
  await turn.replyText(w.t("age_ok", { alias: client.alias, age, cutoff }));
}

export async function discharge(turn: Turn, client: Client): Promise<void> {
  const w = turn.wording;
  const open = await turn.tx.openCheckin(client.personId);
  const ended = await turn.tx.endEpisode(client.personId, turn.now);
  // Told before the reply, as they would have been in the check-in's summary.
  if (open) await tellConcernsOfClosed(turn.tx, turn.deps, client.personId, open.id, turn.now);
  // The client is told that the round has closed, and a check-in they were in the middle of with
  // it: otherwise "you'll get one after your next session" would be what they last heard.
  if (ended) {
    const cw = await turn.wordingOf(client.personId);
    const key = open ? "checkin_closed_by_discharge" : "checkins_ended_by_discharge";
    await turn.send(client.personId, {
      kind: "info",
      text: cw.t(key, { therapist: turn.person?.name ?? "" }),
    });
  }
  // Discharge ends the therapy: the weekly schedule and the sessions planned go with it, or the
  // next session's check-in would ask a former client about a session that never took place.
  // So with no episode yet (enrolled, scheduled, nothing answered): the therapist asked to end it.
  const scheduled = await turn.tx.deleteSchedule(client.personId);
  const sessions = await turn.tx.cancelSessionJobs(client.personId, "discharged", turn.now);
  // Never answered: say how to take them off the list, which discharging does not.
  const never = !ended && !(await turn.tx.lastCompletedCheckin(client.personId));
  const alias = client.alias;
  const cancelled = scheduled || sessions > 0;
  let lines: string[];
  if (ended) {
    lines = [w.t("discharge_ok", { alias, checkins: w.completedCheckins(ended.completed) })];
    if (cancelled) lines.push(w.t("discharge_schedule_ended", { alias }));
    lines.push(w.t("discharge_client_told", { alias }));
    // What the client wrote in the check-in it closed ("my parents are getting divorced") would
    // otherwise wait in `summary ALIAS`, where nobody looks after a discharge.
    if (open?.comment) lines.push(w.t("discharge_open_comment", { alias, comment: excerpt(open.comment) }));
  } else if (cancelled) {
    // No episode to end, but the schedule did end: the reply leads with what was done, so that
    // "no episode to close" does not read as "nothing happened".
    lines = [
      w.t("discharge_schedule_only", { alias }),
      w.t(never ? "discharge_never_after" : "discharge_none_after", { alias }),
    ];
  } else {
    lines = [w.t(never ? "discharge_never" : "discharge_none", { alias })];
  }
  await turn.replyText(lines.join("\n"));
}

export async function invite(turn: Turn, therapistId: number, allArgs: readonly string[]): Promise<void> {
  const w = turn.wording;
  const { rest: args, age } = takeAge(allArgs);
  if (age === "invalid") return turn.replyText(w.t("age_invalid", { min: MIN_AGE, max: MAX_AGE }));
  const [rawAlias] = args;
  if (!rawAlias) return turn.replyText(w.t("usage", { usage: "invite ALIAS" }));
  // "invite Alex Smith" is refused rather than silently enrolling "alex".
  const alias = args.length === 1 ? normaliseAlias(rawAlias) : undefined;
  if (!alias) return turn.replyText(w.t("alias_invalid"));
  let client = await turn.tx.findClient(therapistId, alias);
  if (client && (client.status === "active" || client.status === "joining")) {
    return turn.replyText(w.t("invite_exists", { alias, status: clientStatusText(w, client.status) }));
  }
  // A client who never joined, or declined, gets a fresh code; the old one stops working, and
  // the therapist is told so (a code sent earlier must not be tried in vain).
  const replaced = client !== undefined;
  if (client) await turn.tx.revokeCodes(client.personId, "invite");
  client ??= await turn.tx.createClient(therapistId, alias, turn.now);
  turn.concerning(client.personId);
  if (age !== undefined) await turn.tx.setClientAge(client.personId, age);
  const code = await issueCode(turn.tx, turn.deps, "invite", client.personId, turn.now);
  const days = turn.deps.config.codes.expiryDays;
  const lines = [w.t("invite_ok", { alias, code, days })];
  for (const url of turn.deps.inviteLinks?.(code) ?? []) lines.push(w.t("invite_link", { url }));
  if (replaced) lines.push(w.t("invite_replaced", { alias }));
  await turn.replyText(lines.join("\n"));
}

export async function checkin(turn: Turn, client: Client): Promise<void> {
  const w = turn.wording;
  if (client.status !== "active") {
    return turn.replyText(
      w.t("client_not_active", { alias: client.alias, status: clientStatusText(w, client.status) }),
    );
  }
  // A client who typed stop gets no check-in of any kind, from the schedule or by hand.
  if (client.pausedAt) {
    const zone = turn.deps.config.clinic.timeZone;
    const date = formatDay(client.pausedAt, w.pack.language, zone);
    if (!client.pausedUntil) return turn.replyText(w.t("checkin_paused", { alias: client.alias, date }));
    const until = formatDay(client.pausedUntil, w.pack.language, zone);
    return turn.replyText(w.t("checkin_paused_until", { alias: client.alias, date, until }));
  }
  const reachable = (await turn.tx.identitiesOf(client.personId)).some((i) => !i.unreachableAt);
  if (!reachable) return turn.replyText(w.t("client_not_reachable", { alias: client.alias }));
  const open = await turn.tx.openCheckin(client.personId);
  if (open) {
    return turn.replyText(w.t("checkin_already_open", { alias: client.alias, where: progressOf(w, open) }));
  }
  const sent = await sendCheckin(turn, client);
  await turn.replyText(
    sent ? w.t("checkin_sent", { alias: client.alias }) : w.t("reconsent_needed", { alias: client.alias }),
  );
}

/**
 * `contact ALIAS TEXT` stores the client's emergency details (sealed, erased with the client),
 * which go to the on-call contact with an escalated alert; `contact ALIAS` shows them. The reply
 * says where they go as things stand: with no on-call contact to escalate to, to nobody.
 */
export async function contact(turn: Turn, client: Client, hasText: boolean): Promise<void> {
  const w = turn.wording;
  if (!hasText) {
    const text = await turn.tx.emergencyContact(client.personId);
    return turn.replyAbout(
      text
        ? w.t("contact_shown", { alias: client.alias, text })
        : w.t("contact_missing", { alias: client.alias }),
      client.personId,
    );
  }
  const input = turn.event.input;
  const raw = input.kind === "text" ? input.text : input.value;
  // The text as typed, after the word and the alias: spacing and punctuation kept.
  const text = raw
    .trim()
    .replace(/^\/?\S+\s+\S+\s+/u, "")
    .slice(0, 500);
  await turn.tx.setEmergencyContact(client.personId, text);
  const onCall = await onCallFor(turn.tx, turn.deps.config.risk.onCall, client);
  await turn.replyText(contactSetText(w, client.alias, onCall));
}

function contactSetText(w: Wording, alias: string, onCall: OnCall): string {
  switch (onCall.kind) {
    case "on_call":
      return w.t("contact_set", { alias, oncall: onCall.person.name });
    case "none":
      return w.t("contact_set_no_oncall", { alias });
    case "unknown":
      return w.t("contact_set_oncall_unknown", { alias, oncall: onCall.name });
    case "unreachable":
      return w.t("contact_set_oncall_unreachable", { alias, oncall: onCall.name });
    case "own_therapist":
      return w.t("contact_set_own_oncall", { alias });
  }
}
