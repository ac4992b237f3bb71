import { DateTime } from "luxon";
import type { Wording } from "../../prompts/render.js";
import { localDate, WEEKDAYS } from "../../schedule/local-time.js";
import type { DigestFacts, RiskAlert, Tx } from "../../store/types.js";
import { formatDay } from "../format.js";
import { eventLines } from "../risk/text.js";
import { type EngineDeps, personWording } from "../turn-context.js";
import { caseloadChartMessage } from "./chart.js";
import { digestText } from "./digest-text.js";
import { weekOf } from "./digest-week.js";

/** The most recent digest time (the clinic's day and time, in its zone) at or before `now`. */
function lastDigestTime(now: Date, day: (typeof WEEKDAYS)[number], time: string, zone: string): Date {
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
  const cfg = deps.config.digest;
  if (!cfg.enabled) return 0;
  const zone = deps.config.clinic.timeZone;
  const due = lastDigestTime(new Date(now), cfg.day, cfg.time, zone).toISOString();
  let sent = 0;
  for (const therapist of await tx.therapistsForDigest()) {
    if (therapist.lastSentAt === null) {
      await tx.markDigestSent(therapist.id, now);
      continue;
    }
    if (therapist.lastSentAt >= due) continue;
    const facts = await tx.digestFacts(therapist.id, therapist.lastSentAt, localDate(new Date(now), zone));
    const openAlerts = await tx.openRiskAlertsOf(therapist.id);
    // A therapist with no clients (the on-call contact, say) gets no weekly "nothing to report".
    if (facts.caseload.length === 0 && openAlerts.size === 0) {
      await tx.markDigestSent(therapist.id, now);
      continue;
    }
    const w = await personWording(tx, deps, therapist.id);
    const week = await weekOf(tx, facts, therapist.lastSentAt, openAlerts);
    const alerts = await openAlertLines(tx, w, openAlerts, facts, zone);
    const text = digestText(w, { facts, week, openAlerts, alerts, now, zone });
    // About the therapist's caseload: erasing one of their clients withdraws it, to be made again.
    await tx.enqueue(therapist.id, { kind: "summary", text }, now, undefined, therapist.id);
    // The small multiples of who needs attention, after the words; none when no one does.
    if (deps.config.charts !== "off") {
      const chart = await caseloadChartMessage(tx, deps.config, w, therapist.id, openAlerts, now);
      if (chart) await tx.enqueue(therapist.id, chart, now, undefined, therapist.id);
    }
    await tx.markDigestSent(therapist.id, now);
    sent++;
  }
  return sent;
}

/** Each unacknowledged alert of the therapist's clients, with how many messages it holds. */
async function openAlertLines(
  tx: Tx,
  w: Wording,
  alerts: ReadonlyMap<number, RiskAlert>,
  facts: DigestFacts,
  zone: string,
): Promise<string[]> {
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
      }),
    );
    // Every disclosure, in the client's words, while its alert is unacknowledged (CLINICAL.md).
    const shown = eventLines(w, events, zone, 6, client.alias);
    if (shown) lines.push(...shown.split("\n").map((l) => `  ${l}`));
  }
  return lines;
}
