import { describe, expect, it } from "vitest";
import { assess, type ClinicalSettings, type TrajectoryModel } from "../../src/clinical/assessment.js";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";
import { warningText } from "../../src/engine/checkin/warning-text.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

// Regression: "sam, check-in 9 … Trajectory at progress check-in 4", then "still applies (warned
// at check-in 7)" beside a warning that had said "at progress check-in 3". With a split schedule
// the title's check-in number and the count of progress check-ins differ: a warning names a
// check-in only by the title's number, and says the progress count as a count.
const cfg = clinicConfigSchema.parse({});
const t = cfg.thresholds;
const settings: ClinicalSettings = {
  alliance: { concernBelow: t.allianceConcern, dropOf: t.allianceDrop, itemBelow: t.allianceItem },
  progressReliableChange: t.progressReliableChange,
  cutoffs: t.cutoffs,
  ruleMethod: cfg.ruleMethod,
  trajectory: { z: cfg.trajectory.z, onTrackWidth: cfg.trajectory.onTrackWidth },
};
const model: TrajectoryModel = {
  params: { b0: cfg.trajectory.b0, b1: cfg.trajectory.b1, sigma: cfg.trajectory.sigma },
  fitId: null,
};
const prompts = loadPrompts(PROMPTS_DIR);

describe("a warning names check-ins by the number in the summary titles", () => {
  // Progress answered at check-ins 1, 3, 5 and 7 (alliance at the others): improved at its 3rd.
  const seqs = [1, 3, 5, 7];
  const assessment = assess(
    { earlierProgress: [15, 17, 21], progress: 16, progressMax: 40, earlierAlliance: [], age: null },
    settings,
    model,
  );
  const finding = assessment.findings.find((f) => f.rule === "no_change_yet");
  const ctx = {
    model,
    reliableChange: 5,
    allianceConcern: 36,
    allianceDrop: 1,
    timeZone: "UTC",
    seqAt: (_: string, index: number) => seqs[index - 1],
  };

  it.each([
    ["en", "after 4 answered progress check-ins", "improved at check-in 5", "progress check-in 3"],
    ["de", "nach 4 beantworteten Befindens-Check-ins", "verbessert bei Check-in 5", "Befindens-Check-in 3"],
    [
      "es",
      "tras 4 cuestionarios de progreso respondidos",
      "la mostraba en el cuestionario 5",
      "cuestionario de progreso 3",
    ],
  ])(
    "%s: the improvement is dated by its check-in, the progress count is a count",
    (lang, count, at, old) => {
      expect(finding).toBeDefined();
      const text = warningText(
        wordingFor(prompts, lang),
        finding as NonNullable<typeof finding>,
        assessment,
        ctx,
      );
      expect(text).toContain(count);
      expect(text).toContain(at);
      expect(text).not.toContain(old);
    },
  );
});
