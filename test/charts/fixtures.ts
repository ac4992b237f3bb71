import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type ChartCheckin, type ChartInput, chartData } from "../../src/charts/chart-data.js";
import type { ChartKey, ChartText } from "../../src/charts/chart-keys.js";
import type { TrajectoryModel } from "../../src/clinical/assessment.js";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";
import { clinicalSettings } from "../../src/engine/checkin/clinical-context.js";
import { fill } from "../../src/prompts/render.js";

/**
 * The chart's wording (the shipped messages.yaml), the clinic's default settings, and a
 * few clients whose stories the charts tell.
 */

/** The chart's wording in one of the shipped languages (prompts/<language>/messages.yaml). */
export function shippedText(language: string): ChartText {
  const shipped = (
    parse(readFileSync(new URL(`../../prompts/${language}/messages.yaml`, import.meta.url), "utf8")) as {
      messages: Record<string, string>;
    }
  ).messages;
  return (key: ChartKey, vars = {}) => {
    const template = shipped[key];
    if (template === undefined) throw new Error(`no ${language} wording for ${key}`);
    return fill(template, vars);
  };
}

export const englishText: ChartText = shippedText("en");

export const settings = clinicalSettings(clinicConfigSchema.parse({}));
const defaults = clinicConfigSchema.parse({}).trajectory;
export const defaultModel: TrajectoryModel = {
  params: { b0: defaults.b0, b1: defaults.b1, sigma: defaults.sigma },
  fitId: null,
};
export const clinicModel: TrajectoryModel = {
  params: { b0: 1.2, b1: 0.3, sigma: 5 },
  fitId: 3,
  episodes: 64,
  fittedAt: "2026-01-12T09:00:00Z",
};

/** Weekly check-ins from a Monday morning, Berlin time, one per score; null where not asked. */
export function weekly(
  progress: readonly (number | null)[],
  alliance: readonly (number | null)[] = [],
  extra: { episodeFrom?: number; safety?: number[]; risk?: number[]; start?: string } = {},
): ChartCheckin[] {
  const start = Date.parse(extra.start ?? "2026-02-02T08:30:00Z");
  return progress.map((p, i) => ({
    at: new Date(start + i * 7 * 86_400_000).toISOString(),
    episode: extra.episodeFrom !== undefined && i >= extra.episodeFrom ? 2 : 1,
    progress: p,
    alliance: alliance[i] ?? null,
    safety: extra.safety?.includes(i) ?? false,
    risk: extra.risk?.includes(i) ?? false,
  }));
}

export function input(alias: string, checkins: ChartCheckin[], over: Partial<ChartInput> = {}): ChartInput {
  return {
    alias,
    timeZone: "Europe/Berlin",
    // The charts are drawn in the year of the check-ins, unless a test says otherwise.
    now: "2026-12-04T12:00:00Z",
    language: "en-GB",
    checkins,
    model: defaultModel,
    settings,
    age: 34,
    progressMax: 40,
    allianceMax: 40,
    ...over,
  };
}

/** A client who starts at 14 and rises past the cutoff: reliable improvement from the 4th week. */
export const improving = () =>
  chartData(
    input(
      "Robin",
      weekly(
        [14, 16, 17, 20, 21, 23, 22, 25, 26, 27, 28, 28],
        [33, 35, 36, 37, 37, 38, 38, 39, 38, 39, 39, 40],
      ),
    ),
  );

/** A client falling off the expected path, with a safety yes and risk words, in a second episode. */
export const notOnTrack = () =>
  chartData(
    input(
      "K.M.",
      weekly(
        [18, 20, 22, 23, 24, 17, 18, 17, 15, 13, 12, null, 11, 10],
        [37, 38, 38, 39, 38, 36, 35, 34, 35, 33, 32, 31, 32, 30],
        { episodeFrom: 5, safety: [10], risk: [12] },
      ),
      { model: clinicModel },
    ),
  );

/** Twenty check-ins, the size the bench measures. */
export const twenty = (alias = "Sam", shift = 0) =>
  chartData(
    input(
      alias,
      weekly(
        Array.from({ length: 20 }, (_, i) =>
          Math.min(40, 12 + shift + Math.round(i * 0.9 + ((i * 7) % 5) - 2)),
        ),
        Array.from({ length: 20 }, (_, i) => 32 + ((i * 3) % 8)),
        { risk: [7] },
      ),
    ),
  );
