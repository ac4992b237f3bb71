import { DateTime } from "luxon";
import type { WarningRule } from "../clinical/assessment.js";
import type { Wording } from "../prompts/render.js";
import { localDate, WEEKDAYS } from "../schedule/local-time.js";
import type { DigestFacts, Tx } from "../store/types.js";
import { formatDay, ruleText } from "./summary-text.js";
import { type EngineDeps, personWording } from "./turn.js";

/** The most recent digest time (the clinic's day and time, in its zone) at or before `now`. */
export function lastDigestTime(now: Date, day: (typeof WEEKDAYS)[number], time: string, zone: string): Date {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  let at = DateTime.fromJSDate(now, { zone }).set({
    weekday: (WEEKDAYS.indexOf(day) + 1) as 1,
    hour,
    minute,
    second: 0,
    millisecond: 0,
  });
  if (at.toMillis() > now.getTime()) at = at.minus({ weeks: 1 });
  return at.toJSDate();
}

/**
 * Sends each linked therapist their weekly digest once, when the clinic's digest time has come
 * since the last one. A therapist's first digest comes at the first digest time after they linked.
 */
export async function digestDue(tx: Tx, deps: EngineDeps, now: string): Promise<number> {
  const cfg = deps.clinic.digest;
  if (!cfg.enabled) return 0;
  const zone = deps.clinic.clinic.timeZone;
  const due = lastDigestTime(new Date(now), cfg.day, cfg.time, zone).toISOString();
  let sent = 0;
  for (const therapist of await tx.therapistsForDigest()) {
    if (therapist.lastSentAt === null) {
      await tx.markDigestSent(therapist.id, now);
      continue;
    }
    if (therapist.lastSentAt >= due) continue;
    const facts = await tx.digestFacts(therapist.id, therapist.lastSentAt, localDate(new Date(now), zone));
    const w = await personWording(tx, deps, therapist.id);
    const alerts = await openAlertLines(tx, w, therapist.id, facts, zone);
    await tx.enqueue(therapist.id, { kind: "summary", text: digestText(w, facts, now, zone, alerts) }, now);
    await tx.markDigestSent(therapist.id, now);
    sent++;
  }
  return sent;
}

/** The digest: every client with their status, then this week's warnings, unanswered check-ins, pauses, unreachable. */
export function digestText(
  w: Wording,
  facts: DigestFacts,
  now: string,
  zone: string,
  alerts: string[] = [],
): string {
  const lines = [w.t("digest_title", { date: formatDay(now, w.pack.language, zone) })];
  lines.push(w.t("digest_caseload", { count: facts.caseload.length }));
  for (const { client, last } of facts.caseload) {
    const status = statusOf(w, last?.assessment);
    const lastText = last
      ? formatDay(last.completedAt ?? last.createdAt, w.pack.language, zone)
      : w.t("clients_never");
    lines.push(
      w.t("digest_client", {
        alias: client.alias,
        status: last ? status : w.t("digest_status_none"),
        last: lastText,
      }),
    );
  }
  const sections: [string, string[]][] = [
    // Unacknowledged risk first: it is what must not wait.
    [w.t("digest_alerts"), alerts],
    [
      w.t("digest_warnings"),
      facts.warnings.map((x) =>
        w.t("digest_warning", { alias: x.alias, rule: ruleText(w, x.rule as WarningRule) }),
      ),
    ],
    [
      w.t("digest_expired"),
      facts.expired.map((x) =>
        w.t("digest_expired_item", { alias: x.alias, date: formatDay(x.at, w.pack.language, zone) }),
      ),
    ],
    [
      w.t("digest_paused"),
      [
        ...facts.caseload
          .filter((e) => e.client.pausedAt)
          .map((e) => w.t("digest_stopped_item", { alias: e.client.alias })),
        ...facts.pauses.map((p) => w.t("digest_paused_item", { alias: p.alias, from: p.from, to: p.to })),
      ],
    ],
    [w.t("digest_unreachable"), facts.unreachable.map((u) => w.t("digest_unreachable_item", u))],
  ];
  const filled = sections.filter(([, items]) => items.length > 0);
  for (const [title, items] of filled) lines.push(title, ...items);
  if (filled.length === 0) lines.push(w.t("digest_nothing"));
  return lines.join("\n");
}

/** Each unacknowledged alert of the therapist's clients, with how many messages it holds. */
async function openAlertLines(
  tx: Tx,
  w: Wording,
  therapistId: number,
  facts: DigestFacts,
  zone: string,
): Promise<string[]> {
  const alerts = await tx.openRiskAlertsOf(therapistId);
  const lines: string[] = [];
  for (const { client } of facts.caseload) {
    const alert = alerts.get(client.personId);
    if (!alert) continue;
    const events = await tx.riskEvents(client.personId, { alertId: alert.id });
    lines.push(
      w.t("digest_alert_item", {
        alias: client.alias,
        id: alert.id,
        since: formatDay(alert.createdAt, w.pack.language, zone),
        count: events.length,
      }),
    );
  }
  return lines;
}

function statusOf(w: Wording, assessment: unknown): string {
  const status = (assessment as { progress?: { trajectory?: { status?: string } } } | undefined)?.progress
    ?.trajectory?.status;
  switch (status) {
    case "on_track":
      return w.t("digest_status_on_track");
    case "watch":
      return w.t("digest_status_watch");
    case "not_on_track":
      return w.t("digest_status_not_on_track");
    default:
      return w.t("digest_status_too_early");
  }
}
