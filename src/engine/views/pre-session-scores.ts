import type { Assessment, TrajectoryModel } from "../../clinical/assessment.js";
import type { CombinedOutcome } from "../../clinical/combined.js";
import type { MeasureAssessment } from "../../clinical/measure.js";
import { round1, totalOf } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import type { CompletedCheckin, Episode } from "../../store/types.js";
import { statusText } from "../checkin/headline-text.js";
import { combinedLine, presessionMeasureLine } from "../checkin/measure-text.js";
import { categoryText } from "../checkin/summary-sections.js";
import { modelText } from "../checkin/warning-text.js";
import { signed } from "../format.js";
import { sparkline } from "./history.js";

/**
 * The scores of `summary ALIAS` (pre-session.ts puts them together): the latest progress with its
 * change, category, cutoff side, trajectory and trend; each measure with a profile; the alliance
 * with its trend and low items; and one line per earlier episode.
 */

function assessmentOf(checkin: CompletedCheckin): Assessment | undefined {
  return checkin.assessment as Assessment | undefined;
}

/** Each measure with a profile (PHQ-9, GAD-7) at its latest check-in, and the combined outcome. */
export function measureLines(episode: readonly CompletedCheckin[], w: Wording): string[] {
  const latest = new Map<string, MeasureAssessment>();
  let combined: CombinedOutcome | undefined;
  for (const c of episode) {
    const a = assessmentOf(c);
    for (const m of a?.measures ?? []) latest.set(m.id, m);
    if (a?.combined) combined = a.combined;
  }
  const lines = [...latest.values()]
    .filter((m) => w.hasInstrument(m.id))
    .map((m) => presessionMeasureLine(w, m));
  if (combined?.measures.every((id) => w.hasInstrument(id))) lines.push(combinedLine(w, combined));
  return lines;
}

export function progressLines(
  w: Wording,
  episode: readonly CompletedCheckin[],
  model: TrajectoryModel,
  timeZone: string,
): string[] {
  const latest = [...episode].reverse().find((c) => assessmentOf(c)?.progress);
  const p = latest ? assessmentOf(latest)?.progress : undefined;
  if (!p) return [];
  const max = maxTotal(w.instrument("progress"));
  const totals = episode
    .map((c) => totalOf(c.answers, "progress"))
    .filter((v): v is number => v !== undefined);
  const side = p.clinical
    ? w.t("presession_below", { cutoff: p.cutoff })
    : w.t("presession_above", { cutoff: p.cutoff });
  // One check-in has no change to speak of: "±0 since the first: no reliable change" said nothing.
  const lines = [
    p.index === 1
      ? w.t("presession_progress_first", { total: p.total, max, side })
      : w.t("presession_progress", {
          total: p.total,
          max,
          change: signed(p.change),
          first: p.first,
          category: categoryText(w, p.category),
          side,
        }),
  ];
  const tr = p.trajectory;
  if (tr.status !== "too_early") {
    lines.push(
      w.t("presession_trajectory", {
        status: statusText(w, tr.status),
        expected: round1(tr.expected),
        band: round1(tr.band),
        model: modelText(w, model, timeZone),
      }),
    );
  }
  if (totals.length > 1) {
    lines.push(
      w.t("presession_trend", {
        trend: sparkline(totals, max),
        first: totals[0] ?? "",
        last: totals.at(-1) ?? "",
      }),
    );
  }
  return lines;
}

/**
 * The alliance's totals in numbers: they sit between 30 and 40 of 40, where bars of the whole
 * scale all look alike (38 falling to 30 showed as "███▇▇▇"). The first, then the latest five.
 */
function recentTotals(totals: readonly number[]): string {
  const shown = totals.length <= 6 ? totals : [totals[0], "…", ...totals.slice(-5)];
  return shown.join(" → ").replace("→ … →", "…");
}

export function allianceLines(w: Wording, episode: readonly CompletedCheckin[], itemBelow: number): string[] {
  const withAlliance = episode.filter((c) => totalOf(c.answers, "alliance") !== undefined);
  const latest = withAlliance.at(-1);
  if (!latest) return [];
  const instrument = w.instrument("alliance");
  const max = maxTotal(instrument);
  const totals = withAlliance.map((c) => totalOf(c.answers, "alliance") as number);
  const low = latest.answers
    .filter((a) => a.instrument === "alliance" && a.value < itemBelow)
    .map((a) => `${instrument.items.find((i) => i.id === a.item)?.short ?? a.item} (${a.value})`);
  const line =
    totals.length > 1
      ? w.t("presession_alliance", {
          total: totals.at(-1) ?? "",
          max,
          trend: recentTotals(totals),
          first: totals[0] ?? "",
        })
      : w.t("presession_alliance_first", { total: totals[0] ?? "", max });
  return low.length > 0
    ? [line, w.t("presession_low", { threshold: itemBelow, items: low.join(", ") })]
    : [line];
}

export function episodeLine(
  w: Wording,
  e: Episode,
  checkins: readonly CompletedCheckin[],
  day: (iso: string) => string,
): string {
  const mine = checkins.filter((c) => c.episodeId === e.id);
  const totals = mine.map((c) => totalOf(c.answers, "progress")).filter((v): v is number => v !== undefined);
  const last = [...mine].reverse().find((c) => assessmentOf(c)?.progress);
  const category = last ? assessmentOf(last)?.progress?.category : undefined;
  return w.t("presession_episode", {
    from: day(e.startedAt),
    to: e.endedAt ? day(e.endedAt) : "-",
    count: mine.length,
    first: totals[0] ?? "-",
    last: totals.at(-1) ?? "-",
    category: category ? categoryText(w, category) : "-",
  });
}
