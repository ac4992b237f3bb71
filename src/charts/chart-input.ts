import { totalOf } from "../clinical/scores.js";
import type { CompletedCheckin, Episode, RiskEvent } from "../store/types.js";
import type { ChartCheckin } from "./chart-data.js";

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
  risk: readonly Pick<RiskEvent, "checkinId" | "tier" | "source">[],
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
      risk: riskCheckins.has(c.id),
      measures: measureTotals(c, measureIds),
    }));
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
