/**
 * The words of the chart and its alt text, as message keys with the placeholders each may use, in
 * the shape of REPORT_VARS (src/prompts/report-keys.ts): spread into MESSAGE_VARS, with their
 * wording in prompts/<language>/messages.yaml, a missing key stops start-up like any other.
 * The chart also reuses keys the summaries already have (the model, the age band, the trajectory
 * status, the reliable-change category), so a clinic words those once.
 */
export const CHART_VARS = {
  // the picture: title, axes, key, direct labels
  chart_title: ["alias"],
  chart_title_measures: ["alias", "measures"],
  // the message the picture comes with, and the picture's alt text when its words are in that message
  chart_sent: ["alias", "count"],
  chart_sent_measures: ["alias", "measures", "count"],
  chart_image_alt: ["alias"],
  chart_image_alt_measures: ["alias", "measures"],
  chart_subtitle: ["model"],
  chart_axis_progress: ["max"],
  chart_axis_alliance: ["max", "threshold"],
  chart_axis_alliance_from: ["floor", "max", "threshold"],
  chart_axis_measure_lower: ["name", "max", "cutoff"],
  chart_axis_measure_higher: ["name", "max", "cutoff"],
  chart_key_progress: [],
  chart_key_expected: [],
  chart_key_band: [],
  chart_key_improved: ["rc"],
  chart_key_deteriorated: ["rc"],
  // with a measure's panel drawn: its own reliable-change figure too ("5+ better than first (PHQ-9: 6+)")
  chart_key_improved_measures: ["rc", "measures"],
  chart_key_deteriorated_measures: ["rc", "measures"],
  chart_key_measure_rc: ["name", "rc"],
  chart_key_safety: [],
  chart_key_risk: [],
  chart_key_cutoff: [],
  chart_key_alliance: ["threshold"],
  chart_cutoff: ["cutoff", "band"],
  chart_episode: ["number"],
  chart_after_discharge: [],
  chart_caseload_title: ["count"],
  chart_caseload_more: ["count"],
  // the alt text: the same in words
  chart_alt_head: ["alias", "count", "from", "to"],
  chart_alt_shown: ["shown", "count"],
  chart_alt_episode: ["number", "date"],
  chart_alt_discharged: ["number", "date"],
  chart_alt_after_discharge: [],
  chart_alt_progress: ["number", "max", "scores"],
  chart_alt_progress_none: [],
  chart_alt_change: ["first", "last", "change", "category"],
  chart_alt_cutoff_below: ["cutoff", "band"],
  chart_alt_cutoff_above: ["cutoff", "band"],
  chart_alt_trajectory: ["model", "status", "expected", "band"],
  chart_alt_trajectory_early: ["model"],
  chart_alt_improved: ["rc", "dates"],
  chart_alt_deteriorated: ["rc", "dates"],
  chart_alt_measure: ["name", "max", "direction", "scores"],
  chart_alt_measure_clinical: ["cutoff"],
  chart_alt_measure_not_clinical: ["cutoff"],
  chart_alt_measure_improved: ["name", "rc", "dates"],
  chart_alt_measure_deteriorated: ["name", "rc", "dates"],
  chart_alt_alliance: ["max", "scores"],
  chart_alt_alliance_below: ["threshold", "dates"],
  chart_alt_alliance_none: [],
  chart_alt_safety: ["dates"],
  chart_alt_risk_item: ["dates"],
  chart_alt_risk: ["dates"],
  chart_alt_no_risk: [],
  chart_alt_safety_unanswered: ["dates"],
  chart_alt_caseload_head: ["count"],
  chart_alt_caseload_panel: ["alias", "note", "scores", "status", "cutoff"],
  chart_alt_caseload_alliance: ["scores", "threshold"],
  chart_alt_caseload_between: ["count"],
} as const satisfies Record<string, readonly string[]>;

/** Keys of the summaries' wording that the chart says too. */
type ReusedChartKey =
  | "model_default"
  | "model_clinic"
  | "band_adult"
  | "band_adolescent"
  | "band_child"
  | "trajectory_on_track"
  | "trajectory_watch"
  | "trajectory_not_on_track"
  | "trajectory_too_early"
  | "category_recovered"
  | "category_improved"
  | "category_unchanged"
  | "category_deteriorated"
  | "measure_category_recovered"
  | "measure_category_deteriorated"
  | "measure_lower_better"
  | "measure_higher_better";

export type ChartKey = keyof typeof CHART_VARS | ReusedChartKey;

/**
 * The wording the chart is given: `(key, vars) => w.t(key, vars)` in the engine, a fixed English
 * table in the tests. The chart code holds no words of its own.
 */
export type ChartText = (key: ChartKey, vars?: Record<string, string | number>) => string;
