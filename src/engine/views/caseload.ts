import type { Assessment } from "../../clinical/assessment.js";
import { measureRule } from "../../clinical/assessment.js";
import type { Wording } from "../../prompts/render.js";
import type { CaseloadEntry, RiskAlert } from "../../store/types.js";
import { allianceFallText, statusText } from "../checkin/headline-text.js";
import { measureName } from "../checkin/measure-text.js";
import { daysBetween, formatDay } from "../format.js";
import { riskAskedSince, safetyLeftUnclear } from "./caseload-safety.js";
import { clientStatusText } from "./history.js";
import { otherWarnings } from "./warnings-in-force.js";

/**
 * `clients`: one line per client, the ones who need attention first (an open urgent alert, then
 * an alert acknowledged in the last two weeks, then a reliable deterioration on any measure, not
 * on track or a safety question without a clear answer, then an alliance concern or drop, another
 * warning in force ("no change yet", "consider a change of plan") or words of concern answered no
 * in the last two weeks, then the rest), each with its status in words and
 * the days since the last check-in. Discharged clients are listed apart, below.
 */
interface CaseloadFacts {
  entries: readonly CaseloadEntry[];
  openAlerts: ReadonlyMap<number, RiskAlert>;
  now: string;
  timeZone: string;
}

interface Need {
  rank: number;
  flags: string[];
  /** The warning rules the flags already name ("deteriorated (progress 20 → 12)" is "deteriorating"). */
  named: Set<string>;
  /** Of those, the ones named by the rule's own words ("no change yet"), for a digest that says which are new. */
  ruleFlags: Map<string, string>;
  /** The acknowledged alert a flag names, for a digest that lists the week's alerts already. */
  recentAlert?: { id: number; flag: string };
  /** The flag for words of concern answered no lately, for a digest that lists the week's risk already. */
  recentConcern?: string;
}

/**
 * How long a risk alert the therapist acknowledged still marks the client as one to look at: the
 * disclosure was handled, but a client who disclosed risk last week is not "on track" in a list.
 * Longer while no check-in was answered since the alert: nothing has shown how they are doing.
 */
const RECENT_ALERT_DAYS = 14;

/** How much a client needs attention, and the words for it. Lower rank comes first. */
export function needOf(
  w: Wording,
  entry: CaseloadEntry,
  alert: RiskAlert | undefined,
  zone: string,
  now: string,
): Need {
  const { client } = entry;
  const flags: string[] = [];
  const named = new Set<string>();
  let rank = 3;
  let recentAlert: Need["recentAlert"];
  if (alert) {
    flags.push(w.t("clients_flag_alert", { id: alert.id }));
    rank = 0;
  } else if (
    entry.lastAlert?.acknowledgedAt &&
    stillRecent(entry, entry.lastAlert.acknowledgedAt, now, zone)
  ) {
    const { id, acknowledgedAt } = entry.lastAlert;
    recentAlert = {
      id,
      flag: w.t("clients_flag_alert_recent", { id, date: formatDay(acknowledgedAt, w.pack.language, zone) }),
    };
    flags.push(recentAlert.flag);
    // Before the other reasons to look: a disclosure of risk, though handled, comes first among them.
    rank = 0.5;
  }
  // Each state from the latest check-in that asked it: under a split schedule, the one before the
  // session asks about the week and the one after it the alliance; either may be the latest.
  const assessment = entry.lastProgress?.assessment as Assessment | undefined;
  const status = assessment?.progress?.trajectory.status;
  // Words of concern whose safety question is still open, or went unanswered with no check-in
  // answered since: as urgent to look at as a client not on track, though no alert was raised.
  const concern = entry.concern;
  let recentConcern: string | undefined;
  let safetyNamed = true;
  if (concern?.answer === "pending" || concern?.answer === "reasked") {
    flags.push(w.t("clients_flag_safety_waiting"));
    rank = Math.min(rank, 1);
  } else if (concern?.answer === "none" && !riskAskedSince(w, entry, concern.at)) {
    // Unsure words are an answer, not silence.
    flags.push(w.t(concern.unclear ? "clients_flag_safety_unclear" : "clients_flag_safety_unanswered"));
    rank = Math.min(rank, 1);
  } else if (concern?.answer === "no" && daysBetween(concern.at, now, zone) < RECENT_ALERT_DAYS) {
    // Hopeless words answered no at the safety question: no alert, but not "on track" either for
    // the next two weeks. Named short, with its day; the summary has the words.
    recentConcern = w.t("clients_flag_concern_no", { date: formatDay(concern.at, w.pack.language, zone) });
    flags.push(recentConcern);
    rank = Math.min(rank, 2);
    safetyNamed = false;
  } else safetyNamed = false;
  // The last check-in's own safety question left without a clear answer, beside a concern answered
  // no before it: "(safety question: no)" alone would read as the latest answer.
  if (!safetyNamed && safetyLeftUnclear(entry)) {
    flags.push(w.t("clients_flag_safety_checkin_unclear"));
    rank = Math.min(rank, 1);
  }
  if (client.status !== "active") flags.push(clientStatusText(w, client.status));
  else if (client.pausedUntil)
    flags.push(
      w.t("clients_flag_paused_until", { until: formatDay(client.pausedUntil, w.pack.language, zone) }),
    );
  else if (client.pausedAt) flags.push(w.t("clients_flag_paused"));
  // A reliable fall since the episode's first check-in is named with its numbers: "not on track"
  // alone does not say that things got worse.
  const progress = assessment?.progress;
  if (progress?.category === "deteriorated") {
    flags.push(w.t("clients_flag_deteriorated", { first: progress.first, total: progress.total }));
    named.add("deteriorating");
    rank = Math.min(rank, 1);
  }
  // A measure's reliable fall (PHQ-9 6 → 15) ranks as the progress one does: its own warning is
  // sent once, and without this the list would call the client on track by progress alone.
  for (const m of assessment?.measures ?? []) {
    if (m.category !== "deteriorated") continue;
    flags.push(
      w.t("clients_flag_measure_deteriorated", {
        measure: measureName(w, m.id),
        first: m.first,
        total: m.total,
      }),
    );
    named.add(measureRule("deteriorating", m.id));
    rank = Math.min(rank, 1);
  }
  if (status && status !== "too_early") {
    flags.push(statusText(w, status));
    named.add(status);
    if (status === "not_on_track") rank = Math.min(rank, 1);
  }
  // The alliance rule applies for a concern (below the line) or a drop alone: both are in force
  // as `summary ALIAS` lists them, so both are named here, by what applies.
  const alliance = (entry.lastAlliance?.assessment as Assessment | undefined)?.alliance;
  if (alliance?.concern || alliance?.drop) {
    flags.push(allianceFlag(w, alliance));
    named.add("alliance");
    rank = Math.min(rank, 2);
  }
  // Every other warning in force ("no change yet", "consider a change of plan"), by its rule's name:
  // a client with a warning in force is never listed as the rest are.
  const ruleFlags = new Map<string, string>();
  for (const other of otherWarnings(w, entry, named)) {
    flags.push(other.flag);
    named.add(other.rule);
    ruleFlags.set(other.rule, other.flag);
    rank = Math.min(rank, other.rank);
  }
  if (flags.length === 0) flags.push(clientStatusText(w, client.status));
  return { rank, flags, named, ruleFlags, recentAlert, ...(recentConcern ? { recentConcern } : {}) };
}

/**
 * The alliance by the fall its warning in force is about ("down 3 since check-in 1 (39 → 36)"),
 * as the summary's headline names it; the last step alone (37 → 36) hid a slide. Assessments
 * stored before the fall was kept name the last step.
 */
function allianceFlag(w: Wording, alliance: NonNullable<Assessment["alliance"]>): string {
  const fall = alliance.fall ? allianceFallText(w, alliance.fall, alliance.total) : undefined;
  if (alliance.concern || !alliance.drop)
    return fall ? w.t("clients_flag_alliance_concern_fall", { fall }) : w.t("clients_flag_alliance");
  return fall
    ? w.t("clients_flag_alliance_fall", { fall })
    : w.t("clients_flag_alliance_drop", {
        by: alliance.drop.by,
        from: alliance.drop.from,
        total: alliance.total,
      });
}

/**
 * An acknowledged alert within the last two weeks, or with no check-in about the week answered
 * since it was raised (a split schedule's check-in after the session asks the alliance alone).
 */
function stillRecent(entry: CaseloadEntry, acknowledgedAt: string, now: string, zone: string): boolean {
  if (daysBetween(acknowledgedAt, now, zone) < RECENT_ALERT_DAYS) return true;
  return (entry.lastProgress?.completedAt ?? "") < (entry.lastAlert?.createdAt ?? "");
}

function lastCheckinText(w: Wording, entry: CaseloadEntry, now: string, zone: string): string {
  const at = entry.last?.completedAt ?? entry.last?.createdAt;
  // A client drifting away leaves check-ins unanswered: counted, since the days alone do not say it.
  const count = entry.unanswered;
  let last = at ? daysAgo(w, at, now, zone) : w.t("clients_never");
  if (count > 0)
    last = at ? w.t("clients_unanswered", { last, count }) : w.t("clients_never_answered", { count });
  // "never" beside a check-in waiting for answers read as if nothing had been sent.
  return entry.open
    ? w.t("clients_with_open", { last, sent: daysAgo(w, entry.open.createdAt, now, zone) })
    : last;
}

function daysAgo(w: Wording, at: string, now: string, zone: string): string {
  const days = daysBetween(at, now, zone);
  if (days === 0) return w.t("clients_days_today");
  if (days === 1) return w.t("clients_days_one");
  return w.t("clients_days", { days });
}

export function caseloadText(w: Wording, facts: CaseloadFacts): string {
  if (facts.entries.length === 0) return w.t("clients_empty");
  const current = facts.entries.filter((e) => !e.dischargedAt);
  const discharged = facts.entries.filter((e) => e.dischargedAt);
  const ranked = current
    .map((entry) => ({
      entry,
      need: needOf(w, entry, facts.openAlerts.get(entry.client.personId), facts.timeZone, facts.now),
    }))
    .sort((a, b) => a.need.rank - b.need.rank || a.entry.client.alias.localeCompare(b.entry.client.alias));
  const lines = [w.t("clients_title", { count: current.length })];
  for (const { entry, need } of ranked) {
    lines.push(
      w.t("clients_row", {
        alias: entry.client.alias,
        status: need.flags.join(", "),
        last: lastCheckinText(w, entry, facts.now, facts.timeZone),
      }),
    );
  }
  if (discharged.length > 0) {
    lines.push(w.t("clients_discharged", { count: discharged.length }));
    for (const entry of discharged) {
      const row = w.t("clients_discharged_row", {
        alias: entry.client.alias,
        date: formatDay(entry.dischargedAt ?? facts.now, w.pack.language, facts.timeZone),
      });
      // An open alert shows for every client: discharge does not end the risk path.
      const alert = facts.openAlerts.get(entry.client.personId);
      lines.push(alert ? `${row}, ${w.t("clients_flag_alert", { id: alert.id })}` : row);
    }
  }
  return lines.join("\n");
}
