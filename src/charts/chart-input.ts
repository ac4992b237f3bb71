import { totalOf } from "../clinical/scores.js";
import { SAFETY_INSTRUMENT } from "../engine/checkin/instrument-plan.js";
import { isRiskItemWords } from "../engine/risk/event-marks.js";
import { answeredAfterWords } from "../engine/risk/safety-answers.js";
import type { CompletedCheckin, Episode, RiskEvent } from "../store/types.js";
import type { ChartCheckin } from "./chart-data.js";
import type { ChartRiskEvent } from "./risk-events.js";

/**
 * The threshold above which an answer to an instrument's item takes the risk path, or undefined
 * when the item is no risk item: the instruments' own, read by the caller from the prompts.
 */
export type RiskAbove = (instrument: string, item: string) => number | undefined;

/**
 * From the store's records to what the chart needs, and nothing more: the chart input has no
 * field for a name, a platform id or what the client wrote, so none can reach the picture.
 * Pure: the caller reads the records (the same ones `summary ALIAS` reads).
 */
export function chartCheckins(
  checkins: readonly CompletedCheckin[],
  episodes: readonly Episode[],
  risk: readonly (Pick<RiskEvent, "checkinId" | "tier" | "source"> &
    Partial<Pick<RiskEvent, "safetyAnswer">>)[],
  riskAbove: RiskAbove = () => undefined,
  measureIds: readonly string[] = [],
): ChartCheckin[] {
  const order = [...episodes].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const numberOf = new Map(order.map((e, i) => [e.id, i + 1]));
  // Words of disclosure or concern mark their check-in; a "message" is what was written while an
  // alert was open, already marked by the disclosure that opened it. A yes to a question (the
  // safety question, a risk item) is no words: the safety mark says it.
  const riskCheckins = new Set(
    risk
      .filter((e) => e.checkinId !== null && e.tier !== "message" && e.source === "free_text")
      .map((e) => e.checkinId),
  );
  // As the check-in's summary reads it: asked, no answer, and not moved past after the client's words.
  const passed = answeredAfterWords(risk);
  const unanswered = (c: CompletedCheckin) =>
    c.plan.some((p) => p.instrument === SAFETY_INSTRUMENT) &&
    !c.answers.some((a) => a.instrument === SAFETY_INSTRUMENT) &&
    !passed.has(c.id);
  return checkins
    .filter((c) => c.status === "completed")
    .map((c) => ({
      at: c.completedAt ?? c.createdAt,
      episode: numberOf.get(c.episodeId) ?? order.length,
      progress: totalOf(c.answers, "progress") ?? null,
      alliance: totalOf(c.answers, "alliance") ?? null,
      // The same reading as the summary before a session: any answer above 0 is a yes.
      safety: c.answers.some((a) => a.instrument === "safety" && a.value > 0),
      // A measure's risk item (the PHQ-9's ninth) above its threshold takes the same path.
      riskItem: c.answers.some(
        (a) => a.instrument !== "safety" && a.value > (riskAbove(a.instrument, a.item) ?? Infinity),
      ),
      ...(unanswered(c) ? { safetyUnanswered: true } : {}),
      risk: riskCheckins.has(c.id),
      measures: measureTotals(c, measureIds),
    }));
}

/**
 * The risk events that no charted check-in carries: risk words or a safety yes written between
 * check-ins (or in one that was never completed). Each is marked at its own date, in the episode
 * whose dates hold it, so a disclosure after the last check-in is on the chart as it is in the
 * alerts; one after a discharge is in no episode, and named as after it.
 */
export function chartRiskEvents(
  checkins: readonly CompletedCheckin[],
  episodes: readonly Episode[],
  risk: readonly Pick<RiskEvent, "checkinId" | "tier" | "source" | "at" | "words">[],
): ChartRiskEvent[] {
  const charted = new Set(checkins.filter((c) => c.status === "completed").map((c) => c.id));
  const order = [...episodes].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  // The episode whose dates hold it; none after a discharge, until a next episode begins.
  const place = (at: string): Pick<ChartRiskEvent, "episode" | "afterDischarge"> => {
    const t = Date.parse(at);
    const i = order.findLastIndex((e) => Date.parse(e.startedAt) <= t);
    const ended = order[i]?.endedAt;
    if (i < 0) return { episode: null };
    return ended && Date.parse(ended) < t ? { episode: null, afterDischarge: i + 1 } : { episode: i + 1 };
  };
  return risk.flatMap((e) => {
    if (e.checkinId !== null && charted.has(e.checkinId)) return [];
    // Words of disclosure or concern; a "message" is what was written while an alert was open.
    const words = e.source === "free_text" && e.tier !== "message";
    // A yes (to the safety question after a concern, or to a risk item of a check-in left open).
    const yes = e.source === "safety_question" && e.tier === "disclosure";
    if (!words && !yes) return [];
    const item = yes && isRiskItemWords(e.words);
    return [{ at: e.at, ...place(e.at), safety: yes && !item, riskItem: item, risk: words }];
  });
}

/** The totals of the measures answered in a check-in, by instrument id. */
function measureTotals(c: CompletedCheckin, ids: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const total = totalOf(c.answers, id);
    if (total !== undefined) out[id] = total;
  }
  return out;
}
