import type { ClinicalSettings, TrajectoryModel } from "../../clinical/assessment.js";
import type { ClinicConfig } from "../../config/clinic-config.js";
import type { Tx } from "../../store/types.js";

/** The clinic's configured thresholds in the shape the clinical rules take. */
export function clinicalSettings(clinic: ClinicConfig): ClinicalSettings {
  const t = clinic.thresholds;
  return {
    alliance: { concernBelow: t.allianceConcern, dropOf: t.allianceDrop, itemBelow: t.allianceItem },
    progressReliableChange: t.progressReliableChange,
    cutoffs: t.cutoffs,
    ruleMethod: clinic.ruleMethod,
    trajectory: { z: clinic.trajectory.z, onTrackWidth: clinic.trajectory.onTrackWidth },
  };
}

/** The trajectory model in force: the clinic's latest applied fit, else the configured defaults. */
export async function trajectoryModel(tx: Tx, clinic: ClinicConfig): Promise<TrajectoryModel> {
  const fit = await tx.currentFit();
  if (fit) {
    return {
      params: { b0: fit.b0, b1: fit.b1, sigma: fit.sigma },
      fitId: fit.id,
      episodes: fit.episodes,
      fittedAt: fit.fittedAt,
    };
  }
  const { b0, b1, sigma } = clinic.trajectory;
  return { params: { b0, b1, sigma }, fitId: null };
}
