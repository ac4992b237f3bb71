import { type AllianceRepeat, allianceStepsUp } from "../../clinical/alliance-repeat.js";
import type { AllianceTotal } from "../../clinical/alliance-slide.js";
import {
  type Assessment,
  type Finding,
  type ProgressRule,
  parseMeasureRule,
  type TrajectoryModel,
  type WarningRule,
} from "../../clinical/assessment.js";
import { round1 } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import { formatDay, signed } from "../format.js";
import { measureName, measureWarningText } from "./measure-text.js";

/**
 * A warning as the therapist reads it inside the summary: the rule, the numbers behind it and
 * one suggestion. The wording says what is true now and what was true before.
 */
export interface WarningContext {
  model: TrajectoryModel;
  reliableChange: number;
  allianceConcern: number;
  allianceDrop: number;
  timeZone: string;
  /**
   * The check-in (its number in the title, "check-in 9") of a measure's Nth answer in the episode:
   * a warning names an earlier check-in by the number every other line uses, while "after 4
   * progress check-ins" is a count (with a split schedule, progress check-in 3 was check-in 7).
   */
  seqAt?: (instrument: string, index: number) => number | undefined;
  /** For a warning sent again because it is clearly worse: the check-in of its last warning. */
  again?: number | null;
  /** For the alliance sent again: the size of its fall, which the wording follows. */
  allianceRepeat?: AllianceRepeat;
  /**
   * A compact summary: a repeat that adds only numbers to what its last warning said is one short
   * line, so that a slide over several check-ins does not bring the same paragraph each time.
   */
  short?: boolean;
}

/**
 * The latest alliance total, with the concern line (thresholds.allianceConcern): the one rule
 * "alliance" covers both the concern (below the line) and a drop (CLINICAL.md: one warning), so
 * its name says which applies when the total is known.
 */
export interface AllianceNow {
  total: number;
  concernBelow: number;
  /** The episode's alliance totals by check-in, the latest last: the fall and when it crossed the line. */
  totals?: readonly AllianceTotal[];
}

/**
 * A rule as the therapist reads it: as a heading ("No change yet"), or inside a line ("new
 * warnings: no change yet"). Each language has its own words for each form, since only the
 * language knows which capitals stay (German nouns: "Verschlechterung", "noch keine Veränderung").
 * The alliance rule is named by what applies ("alliance concern", "alliance drop") when `alliance`
 * gives its latest total, and neutrally ("alliance warning") when nothing says which.
 */
export function ruleText(
  w: Wording,
  rule: WarningRule | string,
  form: "heading" | "in_line" = "heading",
  alliance?: AllianceNow,
): string {
  const inLine = form === "in_line";
  const measure = parseMeasureRule(rule);
  if (measure) {
    // A measure removed from the prompts since still has its stored warnings named.
    const name = w.hasInstrument(measure.instrument)
      ? measureName(w, measure.instrument)
      : measure.instrument;
    const vars = { measure: name, rule: ruleText(w, measure.finding, form) };
    return inLine ? w.t("rule_measure_in_line", vars) : w.t("rule_measure", vars);
  }
  switch (rule) {
    case "deteriorating":
      return w.t(inLine ? "rule_deteriorating_in_line" : "rule_deteriorating");
    case "no_change_yet":
      return w.t(inLine ? "rule_no_change_yet_in_line" : "rule_no_change_yet");
    case "change_of_plan":
      return w.t(inLine ? "rule_change_of_plan_in_line" : "rule_change_of_plan");
    case "not_on_track":
      return w.t(inLine ? "rule_not_on_track_in_line" : "rule_not_on_track");
    default:
      // "alliance", and the two alliance rules of earlier versions still stored in old rows.
      if (!alliance) return w.t(inLine ? "rule_alliance_in_line" : "rule_alliance");
      // Applying at or above the concern line, the rule applies for a drop alone.
      if (alliance.total < alliance.concernBelow)
        return w.t(inLine ? "rule_alliance_concern_in_line" : "rule_alliance_concern");
      return w.t(inLine ? "rule_alliance_drop_in_line" : "rule_alliance_drop");
  }
}

/**
 * A repeated alliance warning, as firm as its fall is large (clinical/alliance-repeat.ts): never
 * the same suggestion again word for word, and in a compact summary one short line unless it
 * steps up to a firmer suggestion.
 */
function allianceRepeatText(w: Wording, r: AllianceRepeat, short: boolean): string {
  const vars = {
    total: r.total,
    since: r.since,
    last: r.last,
    seq: r.lastSeq,
    below: r.belowPeak,
    peak: r.peak,
  };
  if (short && !allianceStepsUp(r)) return w.t("warning_alliance_again_short", vars);
  // Below the concern line for the first time in this run: the concern is named with the drop. A
  // small dip gets the concern's suggestion; a clear or firm fall keeps its own, firmer one.
  if (r.crossed !== undefined && r.step === "further")
    return w.t("warning_alliance_crossed", { ...vars, threshold: r.crossed });
  const below =
    r.crossed !== undefined ? ` ${w.t("warning_alliance_now_below", { threshold: r.crossed })}` : "";
  switch (r.step) {
    case "further":
      return w.t("warning_alliance_further", vars);
    case "clear":
      return w.t("warning_alliance_clear", vars) + below;
    case "firm":
      return (
        w.t("warning_alliance_firm", {
          total: r.total,
          fall: r.fromStart,
          start: r.start,
          seq: r.startSeq,
          below: r.belowPeak,
          peak: r.peak,
        }) + below
      );
  }
}

export function modelText(w: Wording, model: TrajectoryModel, timeZone: string): string {
  if (model.fitId === null || !model.fittedAt) return w.t("model_default");
  return w.t("model_clinic", {
    episodes: model.episodes ?? 0,
    date: formatDay(model.fittedAt, w.pack.language, timeZone),
  });
}

export function warningText(
  w: Wording,
  finding: Finding,
  assessment: Assessment,
  ctx: WarningContext,
): string {
  const a = assessment.alliance;
  const p = assessment.progress;
  const measure = parseMeasureRule(finding.rule);
  if (measure)
    return measureWarningText(
      w,
      finding,
      measure,
      assessment,
      modelText(w, ctx.model, ctx.timeZone),
      ctx.seqAt,
    );
  if (finding.rule === "alliance") {
    const total = a?.total ?? finding.value;
    const repeat = ctx.again != null ? ctx.allianceRepeat : undefined;
    if (repeat) return allianceRepeatText(w, repeat, ctx.short === true);
    if (a?.drop && a.concern) {
      return w.t("warning_alliance_both", {
        total,
        threshold: ctx.allianceConcern,
        by: a.drop.by,
        previous: a.drop.from,
      });
    }
    if (a?.drop) {
      return w.t("warning_alliance_drop", {
        total,
        previous: a.drop.from,
        by: a.drop.by,
        threshold: ctx.allianceDrop,
      });
    }
    return w.t("warning_alliance_concern", { total, threshold: ctx.allianceConcern });
  }
  const base = {
    index: p?.index ?? "",
    total: p?.total ?? finding.value,
    change: signed(p?.change ?? 0),
    first: p?.first ?? "",
    rc: ctx.reliableChange,
  };
  // Measure rules were answered above; what is left is a progress rule.
  switch (finding.rule as Exclude<ProgressRule, "alliance">) {
    case "deteriorating":
      return w.t("warning_deteriorating", base);
    case "no_change_yet":
      // Lower than at the start, short of a reliable fall: "no change yet" alone undersold it.
      return p?.improvedAt
        ? w.t("warning_no_longer_improved", { ...base, at: seqOf(ctx, "progress", p.improvedAt) })
        : (p?.change ?? 0) < 0
          ? w.t("warning_no_change_yet_lower", base)
          : w.t("warning_no_change_yet", base);
    case "change_of_plan":
      // A reliable fall is the larger fact: it is named before any earlier improvement.
      if (p?.category === "deteriorated") return w.t("warning_change_of_plan_worse", base);
      return p?.improvedAt
        ? w.t("warning_change_of_plan_fallen", { ...base, at: seqOf(ctx, "progress", p.improvedAt) })
        : w.t("warning_change_of_plan", base);
    case "not_on_track":
      return w.t("warning_not_on_track", {
        index: base.index,
        total: base.total,
        expected: round1(p?.trajectory.expected ?? 0),
        band: round1(p?.trajectory.band ?? 0),
        model: modelText(w, ctx.model, ctx.timeZone),
      });
  }
}

/** The title's number of a measure's Nth check-in; "-" rather than a count that reads as one. */
function seqOf(ctx: Pick<WarningContext, "seqAt">, instrument: string, index: number): number | string {
  return ctx.seqAt?.(instrument, index) ?? "-";
}
