import type { Assessment, Finding } from "../../clinical/assessment.js";
import type { CombinedOutcome } from "../../clinical/combined.js";
import type { MeasureAssessment, MeasureFinding } from "../../clinical/measure.js";
import { round1 } from "../../clinical/scores.js";
import type { TrajectoryStatus } from "../../clinical/trajectory.js";
import { bandLabel } from "../../instruments/profiles.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import { signed } from "../format.js";

/**
 * How a measure with a scoring profile (PHQ-9, GAD-7) reads to a therapist: its total with the
 * severity band's word and the measure's direction, the change since the first check-in with the
 * reliable-change category, the side of the caseness cutoff, its warnings, and the combined NHS
 * Talking Therapies outcome when both a depression and an anxiety measure were asked. Pure.
 */

/** The measure's name in summaries: the profile's ("PHQ-9"), else the instrument's title. */
export function measureName(w: Wording, id: string): string {
  const instrument = w.instrument(id);
  return instrument.profile?.name ?? instrument.title;
}

/** What the therapist calls an instrument in a list: "Alliance", "Progress", "PHQ-9". */
export function instrumentName(w: Wording, id: string): string {
  if (id === "alliance") return w.t("measure_name_alliance");
  if (id === "progress") return w.t("measure_name_progress");
  return measureName(w, id);
}

function band(w: Wording, id: string, index: number): string {
  const profile = w.instrument(id).profile;
  return profile ? bandLabel(profile, index, w.pack.language) : "";
}

function direction(w: Wording, m: MeasureAssessment): string {
  return m.direction === "lower_is_better" ? w.t("measure_lower_better") : w.t("measure_higher_better");
}

export function measureCategory(w: Wording, m: MeasureAssessment): string {
  switch (m.category) {
    case "recovered":
      return w.t("measure_category_recovered");
    case "improved":
      return w.t("category_improved");
    case "deteriorated":
      return w.t("measure_category_deteriorated");
    case "unchanged":
      return w.t("category_unchanged");
  }
}

/** "PHQ-9 14/27, moderate", for the headline. */
export function measureHeadline(w: Wording, m: MeasureAssessment): string {
  const max = maxTotal(w.instrument(m.id));
  return w.t("headline_measure", {
    measure: measureName(w, m.id),
    total: m.total,
    max,
    band: band(w, m.id, m.band),
  });
}

/**
 * The measure's lines in a check-in's summary, before its item answers. `model` and `status` word
 * the trajectory, for a profile that has one.
 */
export function measureLines(
  w: Wording,
  m: MeasureAssessment,
  model: string,
  status: (s: TrajectoryStatus) => string,
): string[] {
  const common = {
    measure: measureName(w, m.id),
    total: m.total,
    max: maxTotal(w.instrument(m.id)),
    band: band(w, m.id, m.band),
    direction: direction(w, m),
  };
  const lines = [
    m.index === 1
      ? w.t("summary_measure_first", common)
      : w.t("summary_measure", {
          ...common,
          recent: signed(round1(m.total - (m.previous ?? m.first))),
          change: signed(m.change),
          first: m.first,
          first_band: band(w, m.id, m.firstBand),
          category: measureCategory(w, m),
        }),
    m.clinical
      ? w.t("measure_clinical", { cutoff: m.caseness })
      : w.t("measure_not_clinical", { cutoff: m.caseness }),
  ];
  // The ceiling rule, said once: at the measure's first check-in of the episode.
  if (m.index === 1 && !m.startedClinical)
    lines.push(w.t("measure_started_nonclinical", { measure: common.measure }));
  const tr = m.trajectory;
  if (tr && tr.status !== "too_early") {
    lines.push(
      w.t("measure_trajectory", {
        measure: common.measure,
        index: m.index,
        status: status(tr.status),
        expected: round1(tr.expected),
        band: round1(tr.band),
        model,
      }),
    );
  }
  return lines;
}

/** One line for `summary ALIAS`: the latest total, its band, and the change since the first. */
export function presessionMeasureLine(w: Wording, m: MeasureAssessment): string {
  const common = {
    measure: measureName(w, m.id),
    total: m.total,
    max: maxTotal(w.instrument(m.id)),
    band: band(w, m.id, m.band),
    direction: direction(w, m),
  };
  // One check-in has no change since the first: "0 since the first: no reliable change" misleads.
  if (m.index === 1) return w.t("presession_measure_first", common);
  return w.t("presession_measure", {
    ...common,
    change: signed(m.change),
    first: m.first,
    first_band: band(w, m.id, m.firstBand),
    category: measureCategory(w, m),
  });
}

/** "PHQ-9 and GAD-7 together (NHS Talking Therapies definitions): reliable recovery (...)." */
export function combinedLine(w: Wording, c: CombinedOutcome): string {
  const parts: string[] = [];
  if (c.reliableDeterioration) parts.push(w.t("combined_reliable_deterioration"));
  else if (c.reliableImprovement && !c.reliableRecovery) parts.push(w.t("combined_reliable_improvement"));
  else if (!c.reliableImprovement) parts.push(w.t("combined_no_reliable_change"));
  if (!c.casedAtStart) parts.push(w.t("combined_not_cased"));
  else if (c.reliableRecovery) parts.push(w.t("combined_reliable_recovery"));
  else if (c.recovery) parts.push(w.t("combined_recovery"));
  else parts.push(w.t("combined_still_cased"));
  const measures = c.measures.map((id) => measureName(w, id)).join(" + ");
  return w.t("summary_combined", { measures, outcome: parts.join("; ") });
}

/** A warning on a measure: the rule, its numbers, one suggestion. */
export function measureWarningText(
  w: Wording,
  finding: Finding,
  rule: { finding: MeasureFinding; instrument: string },
  assessment: Assessment,
  model: string,
  /** The title's number of the measure's Nth check-in (warning-text.ts). */
  seqAt?: (instrument: string, index: number) => number | undefined,
): string {
  const m = assessment.measures?.find((x) => x.id === rule.instrument);
  const base = {
    measure: measureName(w, rule.instrument),
    index: m?.index ?? "",
    total: m?.total ?? Math.abs(finding.value),
    change: signed(m?.change ?? 0),
    first: m?.first ?? "",
    rc: m?.reliableChange ?? "",
  };
  const at = m?.improvedAt ? (seqAt?.(rule.instrument, m.improvedAt) ?? "-") : undefined;
  switch (rule.finding) {
    case "deteriorating":
      return w.t("warning_measure_deteriorating", base);
    case "no_change_yet":
      return at
        ? w.t("warning_measure_no_longer_improved", { ...base, at })
        : w.t("warning_measure_no_change_yet", base);
    case "change_of_plan":
      // A reliable change for the worse is the larger fact: named before any earlier improvement.
      if (m?.category === "deteriorated") return w.t("warning_measure_change_of_plan_worse", base);
      return at
        ? w.t("warning_measure_change_of_plan_fallen", { ...base, at })
        : w.t("warning_measure_change_of_plan", base);
    case "not_on_track":
      return w.t("warning_measure_not_on_track", {
        measure: base.measure,
        index: base.index,
        total: base.total,
        expected: round1(m?.trajectory?.expected ?? 0),
        band: round1(m?.trajectory?.band ?? 0),
        model,
      });
  }
}
