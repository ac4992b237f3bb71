import type { Assessment } from "../../clinical/assessment.js";
import type { MeasureAssessment } from "../../clinical/measure.js";
import type { ChangeCategory } from "../../clinical/reliable-change.js";
import type { TrajectoryStatus } from "../../clinical/trajectory.js";
import type { Wording } from "../../prompts/render.js";
import type { DigestFacts, RiskAlert, Tx } from "../../store/types.js";
import { measureName } from "../checkin/measure-text.js";
import { formatDay } from "../format.js";
import { unclearAnswerOf, withoutSettled } from "../risk/event-marks.js";

/** What happened to one client since the last digest. */
export interface ClientWeek {
  checkins: number;
  /** Whether the latest check-in that asked about progress (the caseload's) is one of this week's. */
  progressed: boolean;
  /** The trajectory status at the last check-in before this week that had one, if there was one. */
  was: TrajectoryStatus | undefined;
  /**
   * The reliable-change category at that check-in, when it had one (from the episode's second) in
   * the same episode: the digest says an unchanged one in fewer words.
   */
  wasCategory?: ChangeCategory;
  /**
   * The week's risk events that no open alert holds (those are listed apart, first): alerts
   * already acknowledged, by id with the first event's time, and concerns with no alert, by time.
   */
  risk: { alerts: { id: number; at: string }[]; concerns: string[]; unclear?: string[] };
}

/**
 * Each measure with a scoring profile (PHQ-9, GAD-7) at the week's check-in, short: "PHQ-9 18 → 2,
 * recovered". From its second check-in of the episode, as the progress part; a reliable
 * deterioration is not repeated, the client's flags name it with its numbers.
 */
export function measureParts(w: Wording, measures: readonly MeasureAssessment[]): string[] {
  return measures.flatMap((m) => {
    if (m.index < 2 || m.category === "deteriorated" || !w.hasInstrument(m.id)) return [];
    return [
      w.t(`digest_measure_${m.category}`, { measure: measureName(w, m.id), first: m.first, total: m.total }),
    ];
  });
}

/** The week's acknowledged alerts and concerns of one client, as a part of their line ("" for none). */
export function riskText(w: Wording, risk: ClientWeek["risk"], zone: string): string {
  const day = (at: string) => formatDay(at, w.pack.language, zone);
  const alertDays = new Set(risk.alerts.map((a) => day(a.at)));
  // A concern on the day of an alert is most often what led to it (a yes to the safety question).
  const concernDays = [...new Set(risk.concerns.map(day))].filter((date) => !alertDays.has(date));
  const items = [
    ...risk.alerts.map((a) => w.t("digest_risk_alert", { id: a.id, date: day(a.at) })),
    ...concernDays.map((date) => w.t("digest_risk_concern", { date })),
    ...[...new Set((risk.unclear ?? []).map(day))].map((date) => w.t("digest_risk_unclear", { date })),
  ];
  return items.length > 0 ? w.t("digest_risk", { items: items.join(", ") }) : "";
}

/**
 * Per client, what the week brought: check-ins completed since the last digest with the status
 * before them, and risk events that no open alert holds.
 */
export async function weekOf(
  tx: Tx,
  facts: DigestFacts,
  since: string,
  openAlerts: ReadonlyMap<number, RiskAlert>,
): Promise<Map<number, ClientWeek>> {
  const week = new Map<number, ClientWeek>();
  for (const { client, lastProgress } of facts.caseload) {
    const history = await tx.completedCheckins(client.personId);
    const fresh = history.filter((c) => (c.completedAt ?? c.createdAt) >= since);
    const open = openAlerts.get(client.personId)?.id;
    const all = await tx.riskEvents(client.personId);
    // An unclear answer in a check-in that closed unfinished is settled by that check-in's answers.
    const inClosed = all.some((e) => unclearAnswerOf(e.words) && !history.some((c) => c.id === e.checkinId));
    const closed = inClosed ? await tx.unansweredCheckins(client.personId) : [];
    const events = withoutSettled(all, [...history, ...closed]).filter(
      (e) => e.at >= since && e.alertId !== open,
    );
    if (fresh.length === 0 && events.length === 0) continue;
    // Before the week, from the latest check-in that asked about progress: a split schedule's
    // check-in after the session has no trajectory of its own.
    const before = history
      .filter((c) => (c.completedAt ?? c.createdAt) < since)
      .map((c) => ({ episodeId: c.episodeId, progress: (c.assessment as Assessment | undefined)?.progress }))
      .filter((c) => c.progress !== undefined)
      .at(-1);
    const was = before?.progress?.trajectory.status;
    const sameEpisode = before !== undefined && before.episodeId === lastProgress?.episodeId;
    const wasCategory =
      sameEpisode && (before.progress?.index ?? 0) > 1 ? before.progress?.category : undefined;
    const alerts = new Map<number, string>();
    for (const e of events) if (e.alertId !== null && !alerts.has(e.alertId)) alerts.set(e.alertId, e.at);
    week.set(client.personId, {
      checkins: fresh.length,
      progressed: fresh.some((c) => c.id === lastProgress?.id),
      was,
      ...(wasCategory ? { wasCategory } : {}),
      risk: {
        alerts: [...alerts].map(([id, at]) => ({ id, at })),
        concerns: events.filter((e) => e.alertId === null && !unclearAnswerOf(e.words)).map((e) => e.at),
        // An unclear answer to a risk item ("not sure" at the safety question) is no risk word.
        unclear: events.filter((e) => unclearAnswerOf(e.words)).map((e) => e.at),
      },
    });
  }
  return week;
}
