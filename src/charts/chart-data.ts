import type { ClinicalSettings, TrajectoryModel } from "../clinical/assessment.js";
import { type AgeBand, cutoffFor } from "../clinical/cutoffs.js";
import type { ChangeCategory } from "../clinical/reliable-change.js";
import type { TrajectoryPoint } from "../clinical/trajectory.js";
import { daysBetween, formatDay } from "../engine/format.js";
import { shortDate, yearIn } from "./chart-dates.js";
import { AXIS, SIZE } from "./chart-style.js";
import { derive } from "./checkin-facts.js";
import { type EpisodeStart, episodeStarts } from "./episode-bounds.js";
import type { MeasureChange } from "./measure-change.js";
import { type ChartRiskEvent, type ChartRiskMark, eventsShown } from "./risk-events.js";
import { timeAxis } from "./time-axis.js";

/**
 * What a client's chart shows, derived from their check-ins: pure, so the picture and its alt text
 * are two readings of the same facts. The clinical numbers come from src/clinical (the trajectory,
 * the cutoff of the age band, reliable change), never re-derived here, so the chart cannot say
 * other than the summary does.
 */

/** One completed check-in as the chart needs it: no name, no platform id, only the alias outside. */
export interface ChartCheckin {
  /** When it was completed (ISO 8601). */
  at: string;
  /** 1-based number of the episode in the client's history. */
  episode: number;
  progress: number | null;
  alliance: number | null;
  /** The client answered yes to the safety question in this check-in. */
  safety: boolean;
  /** A measure's risk item (the PHQ-9's ninth) was answered above its threshold: marked as a safety yes is. */
  riskItem?: boolean;
  /**
   * It closed at its expiry at the safety question, without a clear answer: not a no, and the alt
   * text says so rather than "no safety answer yes".
   */
  safetyUnanswered?: boolean;
  /** Risk words (a disclosure or concern) were recorded on this check-in. */
  risk: boolean;
  /** Totals of the measures a clinic added (the PHQ-9), by instrument id: only those answered. */
  measures?: Readonly<Record<string, number>>;
}

/** A measure a clinic added with a scoring profile (the PHQ-9, the GAD-7): one panel each. */
export interface ChartMeasure {
  id: string;
  /** Its name in summaries ("PHQ-9"). */
  name: string;
  max: number;
  caseness: number;
  direction: "higher_is_better" | "lower_is_better";
  /** Points of change that count as reliable: its scoring profile's (the PHQ-9's 6), never the progress figure. */
  reliableChange: number;
}

export interface ChartInput {
  alias: string;
  /** The therapist's time zone and language: the dates on the axis are theirs. */
  timeZone: string;
  /** When the chart is drawn (ISO 8601): a chart of another year than this one writes its year. */
  now: string;
  language: string;
  /** Every completed check-in of the client, oldest first. */
  checkins: readonly ChartCheckin[];
  model: TrajectoryModel;
  settings: Pick<ClinicalSettings, "alliance" | "cutoffs" | "progressReliableChange" | "trajectory">;
  age: number | null;
  progressMax: number;
  allianceMax: number;
  /** The measures the client's check-ins may hold, in the order their panels are drawn. */
  measures?: readonly ChartMeasure[];
  /** Risk events outside the check-ins (chart-input.ts), oldest first. */
  riskEvents?: readonly ChartRiskEvent[];
}

export type ChangeMarker = "improved" | "deteriorated";

export interface ChartPoint {
  /**
   * Position on the chart's time axis: calendar days since the first check-in shown, stretched
   * where neighbours would stand too close to tell apart (time-axis.ts).
   */
  x: number;
  /** Calendar days since the first check-in or risk event shown, in the therapist's zone. */
  days: number;
  at: string;
  /**
   * The axis label: a short date in the therapist's zone and language ("3 Mar", "3. März"), with
   * the year in full when the chart spans years or is not of this year ("3 Mar 2025").
   */
  label: string;
  /** The date as the summaries write it, for the alt text. */
  day: string;
  episode: number;
  progress: number | null;
  alliance: number | null;
  /** The expected trajectory at this progress check-in of the episode; null without a progress total. */
  trajectory: TrajectoryPoint | null;
  /** Reliable change against the first progress total of the episode. */
  change: ChangeCategory | null;
  marker: ChangeMarker | null;
  allianceBelow: boolean;
  safety: boolean;
  riskItem: boolean;
  safetyUnanswered: boolean;
  risk: boolean;
  measures: Readonly<Record<string, number>>;
  /** Reliable change of each measure in `measures` against its first total of the episode. */
  measureChanges: Readonly<Record<string, MeasureChange>>;
}

export interface ChartData {
  alias: string;
  points: ChartPoint[];
  /** The risk events outside the check-ins shown, each at its own date. */
  events: ChartRiskMark[];
  /** The x scale's domain: the check-ins with a little room either side. */
  xDomain: [number, number];
  /** Completed check-ins in the client's history; more than points.length when the oldest are left off. */
  total: number;
  /** Episodes that begin inside the shown range, after its first point. */
  boundaries: EpisodeStart[];
  /**
   * The client's check-ins fall in more than one year in the therapist's zone: the axis labels
   * carry the year in full, and dates in words must be whole ones.
   */
  spansYears: boolean;
  cutoff: number;
  band: AgeBand;
  model: TrajectoryModel;
  /** The day the clinic's fit was made, in the therapist's zone; null for the default trajectory. */
  modelDay: string | null;
  reliableChange: number;
  allianceLine: number;
  progressMax: number;
  allianceMax: number;
  /** The measures with a total among the check-ins shown, each drawn in a panel of its own. */
  measures: readonly ChartMeasure[];
}

/**
 * At most this many check-ins are drawn: about six months of weekly check-ins still leave room for
 * a readable date under each labelled tick on a phone. Older ones are counted in the alt text.
 */
export const MAX_POINTS = 24;

/**
 * At most this many measure panels (about 125 pixels each): with the PHQ-9 and the GAD-7 the
 * picture is about 800 × 750, and a fourth would pass the 1024 pixels Teams takes inline.
 */
export const MAX_MEASURES = 3;

export function chartData(input: ChartInput): ChartData {
  const { cutoff, band } = cutoffFor(input.age, input.settings.cutoffs);
  const sorted = [...input.checkins].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // Facts are derived over the whole history first: a trimmed chart still measures change and
  // trajectory from the true first check-in of the episode.
  const all = derive(sorted, input, cutoff);
  const latest = all.slice(-MAX_POINTS);
  const events = eventsShown(input.riskEvents ?? [], latest, all.length > latest.length);
  const spansYears = new Set([...sorted, ...events].map((c) => yearIn(c.at, input.timeZone))).size > 1;
  // The axis runs over the check-ins and the risk events between them: each at its own date,
  // kept apart from its neighbours as check-ins are (time-axis.ts).
  const stamps = [...latest, ...events]
    .map((p, i) => ({ at: p.at, i }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.i - b.i);
  const stampDays = stamps.map((s) => daysBetween(stamps[0]?.at ?? s.at, s.at, input.timeZone));
  const axis = timeAxis(stampDays, { width: SIZE.plotWidth, ...AXIS });
  const slot = (i: number) => stamps.findIndex((s) => s.i === i);
  const xOf = (i: number) => axis.xs[slot(i)] ?? 0;
  // "Dec 10" within this year; "Dec 10, 2025" on a chart that spans years or lies in another one.
  const thisYear = yearIn(input.now, input.timeZone);
  const withYear =
    spansYears || [...latest, ...events].some((p) => yearIn(p.at, input.timeZone) !== thisYear);
  const dated = (at: string) => ({
    label: shortDate(at, input.language, input.timeZone, withYear),
    day: formatDay(at, input.language, input.timeZone),
  });
  const shown = latest.map((p, i) => ({ ...p, x: xOf(i), days: stampDays[slot(i)] ?? 0, ...dated(p.at) }));
  const marks = events.map((e, i) => ({ ...e, x: xOf(latest.length + i), ...dated(e.at) }));
  return {
    alias: input.alias,
    points: shown,
    events: marks,
    xDomain: axis.domain,
    total: sorted.length,
    boundaries: episodeStarts(shown, marks),
    spansYears,
    cutoff,
    band,
    model: input.model,
    modelDay:
      input.model.fitId !== null && input.model.fittedAt
        ? formatDay(input.model.fittedAt, input.language, input.timeZone)
        : null,
    reliableChange: input.settings.progressReliableChange,
    allianceLine: input.settings.alliance.concernBelow,
    progressMax: input.progressMax,
    allianceMax: input.allianceMax,
    measures: (input.measures ?? [])
      .filter((m) => shown.some((p) => p.measures[m.id] !== undefined))
      .slice(0, MAX_MEASURES),
  };
}
