import { type EpisodeSeries, fitTrajectory, worstStatusCounts } from "../clinical/calibration.js";
import { cutoffFor } from "../clinical/cutoffs.js";
import type { TrajectoryParams } from "../clinical/trajectory.js";
import type { ClinicConfig } from "../config/clinic-config.js";
import type { Store } from "../store/types.js";

interface CalibrationReport {
  text: string;
  /** Set when a fit could be made; stored only with --apply. */
  fit?: { params: TrajectoryParams; episodes: number; points: number };
}

/**
 * `rapport calibrate`: fits the trajectory on the clinic's finished episodes and shows the fit
 * beside the parameters in force, with how many past episodes each would have flagged.
 */
export async function calibrate(
  store: Store,
  clinic: ClinicConfig,
  current: TrajectoryParams,
  max: number,
): Promise<CalibrationReport> {
  const { minEpisodes, minCheckins } = clinic.calibration;
  const series: EpisodeSeries[] = (await store.finishedEpisodeScores()).map((e) => ({
    scores: e.scores,
    cutoff: cutoffFor(e.age, clinic.thresholds.cutoffs).cutoff,
  }));
  const result = fitTrajectory(series, { minEpisodes, minCheckins });
  if (!result.ok) {
    if (result.reason === "too_few") {
      return {
        text: `Not enough data: ${result.have} finished episodes with at least ${minCheckins} progress check-ins; calibration needs ${result.need} (calibration.minEpisodes).\n`,
      };
    }
    return {
      text: "The episodes cannot separate b0 from b1 (they all start at the same distance from the cutoff).\n",
    };
  }
  const { fit } = result;
  const usable = series.filter((e) => e.scores.length >= minCheckins);
  const settings = { z: clinic.trajectory.z, onTrackWidth: clinic.trajectory.onTrackWidth };
  const fitted = worstStatusCounts(usable, fit.params, settings, max);
  const inForce = worstStatusCounts(usable, current, settings, max);
  const f = (n: number, digits = 3) => n.toFixed(digits);
  const row = (label: string, a: number, b: number) =>
    `  ${label.padEnd(14)}${String(a).padStart(8)}${String(b).padStart(10)}`;
  const text = [
    `Fitted on ${fit.episodes} finished episodes with at least ${minCheckins} progress check-ins (${fit.points} scores after the first).`,
    `            ${"fitted".padStart(10)}${"in force".padStart(10)}`,
    `  b0        ${f(fit.params.b0).padStart(10)}${f(current.b0).padStart(10)}`,
    `  b1        ${f(fit.params.b1).padStart(10)}${f(current.b1).padStart(10)}`,
    `  sigma     ${f(fit.params.sigma).padStart(10)}${f(current.sigma).padStart(10)}   (residual sigma)`,
    "Episodes by the worst status they would have reached:",
    `  ${"".padEnd(14)}${"fitted".padStart(8)}${"in force".padStart(10)}`,
    row("on track", fitted.on_track, inForce.on_track),
    row("watch", fitted.watch, inForce.watch),
    row("not on track", fitted.not_on_track, inForce.not_on_track),
    "",
  ].join("\n");
  return { text, fit: { params: fit.params, episodes: fit.episodes, points: fit.points } };
}
