import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { type CaseloadPanel, caseloadSpec, MAX_PANELS, shownPanels } from "../../src/charts/caseload-spec.js";
import { chartData } from "../../src/charts/chart-data.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { COLOUR, SHAPE } from "../../src/charts/chart-style.js";
import { chartMeasure } from "../../src/charts/render.js";
import { englishText, improving, input, notOnTrack, twenty, weekly } from "./fixtures.js";

const measure = chartMeasure();

/** Every compiled warning: a channel Vega-Lite dropped is a mark the therapist would not see. */
function warningsOf(spec: ReturnType<typeof chartSpec>): string[] {
  const warnings: string[] = [];
  const keep = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
    return logger;
  };
  const logger = { level: () => logger, info: keep, debug: () => logger, warn: keep, error: keep };
  compile(spec, { logger: logger as never });
  return warnings;
}

describe("chart spec", () => {
  it("is built from the data alone (snapshot)", async () => {
    await expect(JSON.stringify(chartSpec(improving(), englishText, measure), null, 1)).toMatchFileSnapshot(
      "__snapshots__/improving.vl.snap",
    );
    await expect(JSON.stringify(chartSpec(notOnTrack(), englishText, measure), null, 1)).toMatchFileSnapshot(
      "__snapshots__/not-on-track.vl.snap",
    );
  });

  it("compiles without a dropped channel or other warning", () => {
    for (const data of [improving(), notOnTrack(), twenty()]) {
      expect(warningsOf(chartSpec(data, englishText, measure))).toEqual([]);
    }
    const panels = [improving(), notOnTrack()].map((data) => ({ data, note: "not on track" }));
    expect(warningsOf(caseloadSpec(panels, englishText, measure))).toEqual([]);
  });

  it("says nothing by colour alone: each coloured point has its own shape", () => {
    const json = JSON.stringify(chartSpec(notOnTrack(), englishText, measure));
    const pairs = new Set(
      [...json.matchAll(/"shape":"([a-z-]+)","colour":"(#[0-9A-F]{6})"/g)].map((m) => `${m[1]}${m[2]}`),
    );
    // One colour per shape, and the marks that share a colour (worse, safety, risk) differ in shape.
    expect(pairs).toEqual(
      new Set([
        `${SHAPE.progress}${COLOUR.progress}`,
        `${SHAPE.improved}${COLOUR.improved}`,
        `${SHAPE.worse}${COLOUR.worse}`,
        `${SHAPE.safety}${COLOUR.risk}`,
        `${SHAPE.risk}${COLOUR.risk}`,
      ]),
    );
    expect(new Set([SHAPE.worse, SHAPE.safety, SHAPE.risk]).size).toBe(3);
  });

  it("names the model in force", () => {
    expect(JSON.stringify(chartSpec(improving(), englishText, measure))).toContain(
      "Expected path: default trajectory",
    );
    expect(JSON.stringify(chartSpec(notOnTrack(), englishText, measure))).toContain(
      "Expected path: clinic trajectory, fitted on 64 episodes, 12 Jan 2026",
    );
  });

  it("draws at most twelve panels in the caseload, and says how many more", () => {
    const panels: CaseloadPanel[] = Array.from({ length: 15 }, (_, i) => ({
      data: twenty(`C${i + 1}`),
      note: "watch",
    }));
    const spec = caseloadSpec(panels, englishText, measure) as {
      vconcat: { concat?: unknown[] }[];
      title: unknown;
    };
    expect(spec.vconcat[1]?.concat).toHaveLength(MAX_PANELS);
    expect(JSON.stringify(spec.title)).toContain("3 more not shown");
  });

  it("draws the alliance under the progress of a client listed for it, and keys it", () => {
    const alex = chartData(input("alex", weekly([20, 21, 20, 21, 20], [40, 36, 33, 30, 26])));
    const spec = (panels: CaseloadPanel[]) =>
      caseloadSpec(panels, englishText, measure) as unknown as { vconcat: { concat: unknown[] }[] };
    const listed = spec([{ data: alex, note: "watch, alliance concern", alliance: true }]);
    const cell = JSON.stringify(listed.vconcat[1]?.concat[0]);
    expect(cell).toContain('"vconcat"');
    for (const total of [40, 36, 33, 30, 26]) expect(cell).toContain(`"alliance":${total}`);
    expect(JSON.stringify(listed.vconcat[0])).toContain("alliance (below 36: worth talking about)");
    // Not listed for it: the panel alone, and no key entry for what is not drawn.
    const other = spec([{ data: alex, note: "watch" }]);
    expect(JSON.stringify(other.vconcat[1]?.concat[0])).not.toContain('"alliance":');
    expect(JSON.stringify(other.vconcat[0])).not.toContain("alliance (below");
  });

  it("draws fewer rows when alliance strips would make the picture taller than Teams takes", () => {
    const alex = chartData(input("alex", weekly([20, 21, 20], [40, 36, 33])));
    const panel = (alliance: boolean): CaseloadPanel => ({ data: alex, note: "alliance concern", alliance });
    expect(shownPanels(Array.from({ length: 12 }, () => panel(true)))).toHaveLength(9);
    // One row of strips, the last: all twelve fit.
    expect(shownPanels(Array.from({ length: 12 }, (_, i) => panel(i >= 9)))).toHaveLength(12);
    expect(shownPanels(Array.from({ length: 15 }, () => panel(false)))).toHaveLength(MAX_PANELS);
  });
});
