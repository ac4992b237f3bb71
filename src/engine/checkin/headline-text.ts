import type { AllianceFall } from "../../clinical/alliance-slide.js";
import type { Assessment } from "../../clinical/assessment.js";
import type { ChangeCategory } from "../../clinical/reliable-change.js";
import { round1 } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import { measureHeadline } from "./measure-text.js";

/**
 * "Progress 18/40, falling, not on track · Alliance 35/40, dropped 3". Progress is "rising" or
 * "falling" from a change of half the reliable change since the last check-in: a point up and
 * down from week to week (23, 24, 23) is "steady", not a headline that flips every week while the
 * details say "no reliable change". A smaller step the same way as a reliable change since the
 * episode's first check-in is that change going on: 20, 17, 14, 12, 10 reads "falling" at every
 * step, never "steady" under a deterioration. The alliance, while its warning applies, says its fall
 * ("down 3.5 since check-in 1 (39)") or that it is below the concern line.
 */
export function headlineText(
  w: Wording,
  a: Assessment,
  reliableChange: number,
  /** The alliance's concern line (thresholds.allianceConcern). */
  allianceConcern?: number,
): string {
  const parts: string[] = [];
  const p = a.progress;
  if (p) {
    const max = maxTotal(w.instrument("progress"));
    const trend =
      p.previous === undefined
        ? w.t("trend_first")
        : w.t(progressTrend(p.total - p.previous, p.category, reliableChange));
    const status = p.trajectory.status === "too_early" ? undefined : statusText(w, p.trajectory.status);
    parts.push(
      status
        ? w.t("headline_progress_status", { total: p.total, max, trend, status })
        : w.t("headline_progress", { total: p.total, max, trend }),
    );
  }
  const al = a.alliance;
  if (al) {
    const max = maxTotal(w.instrument("alliance"));
    const change = al.change ?? 0;
    // Beside an alliance warning the headline names the fall the warning is about, never a step
    // too small to call a drop: 39, 38, 37, 36, 35.5 read "steady" above "now below 36".
    const trend = al.fall
      ? w.t("trend_down_since", { by: al.fall.by, seq: al.fall.seq, from: al.fall.from })
      : al.concern && al.change !== undefined && allianceConcern !== undefined
        ? w.t("trend_below", { threshold: allianceConcern })
        : al.change === undefined
          ? w.t("trend_first")
          : change <= -1
            ? w.t("trend_dropped", { by: round1(-change) })
            : change >= 1
              ? w.t("trend_up", { by: round1(change) })
              : w.t("trend_steady");
    parts.push(w.t("headline_alliance", { total: al.total, max, trend }));
  }
  for (const m of a.measures ?? []) parts.push(measureHeadline(w, m));
  return parts.join(" · ");
}

/** The word for a progress step: its own size, or the reliable change since the first it carries on. */
function progressTrend(
  step: number,
  category: ChangeCategory,
  reliableChange: number,
): "trend_rising" | "trend_falling" | "trend_steady" {
  const moved = reliableChange / 2;
  if (step >= moved || (step >= 1 && (category === "improved" || category === "recovered")))
    return "trend_rising";
  if (step <= -moved || (step <= -1 && category === "deteriorated")) return "trend_falling";
  return "trend_steady";
}

export function statusText(w: Wording, status: "on_track" | "watch" | "not_on_track" | "too_early"): string {
  switch (status) {
    case "on_track":
      return w.t("trajectory_on_track");
    case "watch":
      return w.t("trajectory_watch");
    case "not_on_track":
      return w.t("trajectory_not_on_track");
    case "too_early":
      return w.t("trajectory_too_early");
  }
}

/** "down 3 since check-in 1 (39 → 36)": an alliance warning's fall, as `clients` and `summary ALIAS` name it. */
export function allianceFallText(w: Wording, fall: AllianceFall, total: number): string {
  return w.t("alliance_fall", { by: fall.by, seq: fall.seq, from: fall.from, total });
}
