import type { ChangeCategory } from "../clinical/reliable-change.js";
import { round1 } from "../clinical/scores.js";
import { signed } from "../engine/format.js";
import { dates, scoreList, when } from "./alt-text-lists.js";
import type { ChangeMarker, ChartData } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import { riskMarks } from "./checkin-marks.js";
import { modelText } from "./progress-layers.js";

/**
 * The chart in words, for a screen reader and for anyone who cannot tell the marks apart: every
 * fact the picture shows (scores with their dates, the change and its category, the cutoff, the
 * expected path and the status against it, reliable-change marks, the alliance and its line,
 * safety answers and risk words, episode boundaries) in the order the eye reads them. Pure.
 */
export function altText(data: ChartData, text: ChartText): string {
  const points = data.points;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return text("chart_alt_progress_none");
  const sentences = [
    text("chart_alt_head", { alias: data.alias, count: data.total, from: first.day, to: last.day }),
  ];
  if (data.total > points.length)
    sentences.push(text("chart_alt_shown", { shown: points.length, count: data.total }));
  for (const b of data.boundaries)
    sentences.push(
      text(b.discharged ? "chart_alt_discharged" : "chart_alt_episode", { number: b.number, date: b.day }),
    );
  sentences.push(...progressSentences(data, text));
  sentences.push(...measureSentences(data, text));
  sentences.push(...allianceSentences(data, text));
  sentences.push(...riskSentences(data, text));
  return sentences.join(" ");
}

function progressSentences(data: ChartData, text: ChartText): string[] {
  const withProgress = data.points.filter((p) => p.progress !== null);
  const latest = withProgress.at(-1);
  if (!latest || latest.progress === null) return [text("chart_alt_progress_none")];
  const out: string[] = [];
  for (const episode of [...new Set(withProgress.map((p) => p.episode))]) {
    const mine = withProgress.filter((p) => p.episode === episode);
    out.push(
      text("chart_alt_progress", {
        number: episode,
        max: data.progressMax,
        scores: scoreList(data, mine, "progress"),
      }),
    );
  }
  const episode = withProgress.filter((p) => p.episode === latest.episode);
  const first = episode[0]?.progress ?? latest.progress;
  if (episode.length > 1 && latest.change) {
    out.push(
      text("chart_alt_change", {
        first,
        last: latest.progress,
        change: signed(latest.progress - first),
        category: text(`category_${latest.change}`),
      }),
    );
  }
  const band = text(`band_${data.band}`);
  out.push(
    text(latest.progress < data.cutoff ? "chart_alt_cutoff_below" : "chart_alt_cutoff_above", {
      cutoff: data.cutoff,
      band,
    }),
  );
  const tr = latest.trajectory;
  // At the first check-in the expected path and its band are the first score itself: numbers that
  // say nothing yet ("expected 17, not on track below 17"), so only that it is too early.
  if (tr?.status === "too_early")
    out.push(text("chart_alt_trajectory_early", { model: modelText(data, text) }));
  else if (tr) {
    out.push(
      text("chart_alt_trajectory", {
        model: modelText(data, text),
        status: text(`trajectory_${tr.status}`),
        expected: round1(tr.expected),
        band: round1(tr.band),
      }),
    );
  }
  const improved = withProgress.filter((p) => p.marker === "improved");
  const worse = withProgress.filter((p) => p.marker === "deteriorated");
  if (improved.length > 0)
    out.push(text("chart_alt_improved", { rc: data.reliableChange, dates: dates(data, improved) }));
  if (worse.length > 0)
    out.push(text("chart_alt_deteriorated", { rc: data.reliableChange, dates: dates(data, worse) }));
  return out;
}

/**
 * Each measure the clinic added, as its panel shows it: the totals, the change in the latest
 * episode and its category, where the latest lies, and the reliable changes its panel marks.
 */
function measureSentences(data: ChartData, text: ChartText): string[] {
  return data.measures.flatMap((m) => {
    const shown = data.points.filter((p) => p.measures[m.id] !== undefined);
    const last = shown.at(-1);
    const latest = last?.measures[m.id];
    if (!last || latest === undefined) return [];
    const scores = shown.map((p) => `${p.measures[m.id]} (${when(data, p)})`).join("; ");
    const lower = m.direction === "lower_is_better";
    const clinical = lower ? latest >= m.caseness : latest < m.caseness;
    const out = [
      text("chart_alt_measure", {
        name: m.name,
        max: m.max,
        direction: text(lower ? "measure_lower_better" : "measure_higher_better"),
        scores,
      }),
    ];
    const change = last.measureChanges[m.id];
    if (change && shown.filter((p) => p.episode === last.episode).length > 1)
      out.push(
        text("chart_alt_change", {
          first: change.first,
          last: latest,
          change: signed(latest - change.first),
          category: measureCategory(text, change.category),
        }),
      );
    out.push(
      text(clinical ? "chart_alt_measure_clinical" : "chart_alt_measure_not_clinical", {
        cutoff: m.caseness,
      }),
    );
    const marked = (marker: ChangeMarker) => shown.filter((p) => p.measureChanges[m.id]?.marker === marker);
    const vars = { name: m.name, rc: m.reliableChange };
    const better = marked("improved");
    const worse = marked("deteriorated");
    if (better.length > 0)
      out.push(text("chart_alt_measure_improved", { ...vars, dates: dates(data, better) }));
    if (worse.length > 0)
      out.push(text("chart_alt_measure_deteriorated", { ...vars, dates: dates(data, worse) }));
    return out;
  });
}

/** A measure's category in the summary's words for a measure ("out of the clinical range"). */
function measureCategory(text: ChartText, category: ChangeCategory): string {
  if (category === "recovered") return text("measure_category_recovered");
  if (category === "deteriorated") return text("measure_category_deteriorated");
  return text(`category_${category}`);
}

function allianceSentences(data: ChartData, text: ChartText): string[] {
  const withAlliance = data.points.filter((p) => p.alliance !== null);
  if (withAlliance.length === 0) return [text("chart_alt_alliance_none")];
  const out = [
    text("chart_alt_alliance", { max: data.allianceMax, scores: scoreList(data, withAlliance, "alliance") }),
  ];
  const below = withAlliance.filter((p) => p.allianceBelow);
  if (below.length > 0)
    out.push(text("chart_alt_alliance_below", { threshold: data.allianceLine, dates: dates(data, below) }));
  return out;
}

/**
 * The risk marks in the episodes, then those after a discharge, in no episode, named so: an
 * episode's dates never hold what came after its discharge.
 */
function riskSentences(data: ChartData, text: ChartText): string[] {
  const after = data.events.filter((e) => e.afterDischarge !== undefined);
  const inEpisodes = data.events.filter((e) => e.afterDischarge === undefined);
  const later = riskLists(data, text, riskMarks({ points: [], events: after }), []);
  const out = riskLists(data, text, riskMarks({ points: data.points, events: inEpisodes }), data.points);
  if (later.length === 0) return out.length > 0 ? out : [text("chart_alt_no_risk")];
  return [...out, text("chart_alt_after_discharge"), ...later];
}

function riskLists(
  data: ChartData,
  text: ChartText,
  // The check-ins' marks and the risk events between check-ins, in time order (checkin-marks.ts).
  marks: ReturnType<typeof riskMarks>,
  points: ChartData["points"],
): string[] {
  const safety = marks.filter((p) => p.safety);
  const item = marks.filter((p) => p.riskItem);
  const risk = marks.filter((p) => p.risk);
  const unanswered = points.filter((p) => p.safetyUnanswered);
  const out: string[] = [];
  if (safety.length > 0) out.push(text("chart_alt_safety", { dates: dates(data, safety) }));
  if (unanswered.length > 0)
    out.push(text("chart_alt_safety_unanswered", { dates: dates(data, unanswered) }));
  if (item.length > 0) out.push(text("chart_alt_risk_item", { dates: dates(data, item) }));
  if (risk.length > 0) out.push(text("chart_alt_risk", { dates: dates(data, risk) }));
  return out;
}
