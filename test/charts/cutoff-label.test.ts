import { describe, expect, it } from "vitest";
import { caseloadSpec } from "../../src/charts/caseload-spec.js";
import { type ChartData, chartData } from "../../src/charts/chart-data.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { SIZE, TYPE } from "../../src/charts/chart-style.js";
import { chartMeasure } from "../../src/charts/render.js";
import { englishText, input, notOnTrack, weekly } from "./fixtures.js";

/**
 * The cutoff's words ("cutoff 25 (adults)") are never struck through: no line of the panel (the
 * totals, the expected path, its band, a risk mark's rule) crosses them, or, where no place is
 * clear, they are drawn over the lines on a white ground. Read from the spec, in the plot's pixels.
 */
const measure = chartMeasure();

interface Layer {
  data?: { values: Record<string, unknown>[] };
  mark?: { type?: string; baseline?: string; align?: string; dx?: number };
  encoding?: { x?: { datum?: number } };
  layer?: Layer[];
}

/** The panel's layers in drawing order, each nested one with its parent's data. */
function flat(layers: readonly Layer[], data?: Layer["data"]): Layer[] {
  return layers.flatMap((l) => (l.layer ? flat(l.layer, l.data ?? data) : [{ ...l, data: l.data ?? data }]));
}

function cutoffWords(data: ChartData) {
  const spec = chartSpec(data, englishText, measure) as unknown as { vconcat: { layer: Layer[] }[] };
  const layers = flat(spec.vconcat[1]?.layer ?? []);
  const index = layers.findIndex(
    (l) => l.mark?.type === "text" && l.data?.values.some((v) => "label" in v && "y" in v),
  );
  const words = layers[index];
  if (!words) throw new Error("no cutoff words");
  const label = String(words.data?.values[0]?.label);
  const width = measure(label, TYPE.small);
  const [x0, x1] = data.xDomain;
  const px = (x: number) => ((x - x0) / (x1 - x0)) * SIZE.plotWidth;
  const py = (y: number) => SIZE.progress - (y / data.progressMax) * SIZE.progress;
  const anchor = px(words.encoding?.x?.datum ?? Number.NaN) + (words.mark?.dx ?? 0);
  const left = words.mark?.align === "right" ? anchor - width : anchor;
  const above = words.mark?.baseline === "bottom";
  const top = above ? py(data.cutoff) - 3 - TYPE.small : py(data.cutoff) + 3;
  const box = { left, right: left + width, top, bottom: top + TYPE.small };
  const ground = layers[index - 1]?.mark?.type === "rect";
  // Drawn after every line of the panel, so a ground behind it covers them.
  const lastLine = layers.findLastIndex((l) => l.mark?.type === "line");
  return { label, box, ground, drawnLast: index > lastLine, px, py };
}

/** Which lines of the panel cross the words' box (exact segment clipping). */
function crossing(data: ChartData): string[] {
  const { box, px, py } = cutoffWords(data);
  const hits: string[] = [];
  const series = {
    totals: (p: ChartData["points"][number]) => p.progress,
    expected: (p: ChartData["points"][number]) => p.trajectory?.expected,
    band: (p: ChartData["points"][number]) => p.trajectory?.band,
  };
  for (const [name, value] of Object.entries(series)) {
    const pts = data.points.flatMap((p) => {
      const y = value(p);
      return y === null || y === undefined ? [] : [{ x: px(p.x), y: py(y), e: p.episode }];
    });
    for (let i = 1; i < pts.length; i++) {
      const [a, b] = [pts[i - 1], pts[i]];
      if (a && b && a.e === b.e && hits2(a, b, box)) hits.push(name);
    }
  }
  for (const p of data.points.filter((q) => q.safety || q.risk || q.riskItem))
    if (px(p.x) >= box.left && px(p.x) <= box.right) hits.push("risk rule");
  return hits;
}

function hits2(
  a: { x: number; y: number },
  b: { x: number; y: number },
  box: { left: number; right: number; top: number; bottom: number },
): boolean {
  let [t0, t1] = [0, 1];
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  for (const [p, q] of [
    [-dx, a.x - box.left],
    [dx, box.right - a.x],
    [-dy, a.y - box.top],
    [dy, box.bottom - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) t0 = Math.max(t0, q / p);
    else t1 = Math.min(t1, q / p);
    if (t0 > t1) return false;
  }
  return true;
}

describe("the cutoff's words", () => {
  it("are not struck through by an expected path that runs just above the cutoff", () => {
    // From 25 the expected path rises to about 28.7: across the words at both ends above the
    // line, and the band across them at both ends below it.
    const data = chartData(input("A", weekly([25, 27, 29, 30, 31, 33, 35, 38, 38, 39, 40, 40, 40, 40])));
    const words = cutoffWords(data);
    expect(words.ground ? [] : crossing(data)).toEqual([]);
    expect(words.drawnLast).toBe(true);
  });

  it("find the clear place above the line when the totals rise from 15 along the expected path", () => {
    // The path crosses the cutoff a third of the way in; left of it, above the line, nothing is
    // drawn, but a triangle diagonally off the words' corner counted as covering them (a box grown
    // by 11 pixels), so they lay on a white ground over the expected path instead.
    const path = [
      15, 18, 20, 22, 23, 24, 24, 25, 26, 26, 27, 27, 27, 28, 28, 28, 29, 29, 29, 29, 30, 30, 30, 30,
    ];
    for (const scores of [path, path.slice(0, 20).map((v, i) => (i === 0 ? v : v + 1))]) {
      const data = chartData(input("A", weekly(scores)));
      const words = cutoffWords(data);
      expect({ scores, ground: words.ground, crossing: crossing(data) }).toEqual({
        scores,
        ground: false,
        crossing: [],
      });
    }
  });

  it("keep clear of a risk mark's rule", () => {
    expect(crossing(notOnTrack())).toEqual([]);
    expect(cutoffWords(notOnTrack()).ground).toBe(false);
  });

  it("are crossed by no line, or lie on a white ground over them, whatever the scores", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let k = 0; k < 120; k++) {
      const n = 2 + Math.floor(random() * 14);
      let v = 5 + random() * 25;
      const scores = Array.from({ length: n }, () => {
        const s = Math.max(0, Math.min(40, Math.round(v)));
        v += random() * 5 - 1.5;
        return s;
      });
      const data = chartData(input("A", weekly(scores)));
      const words = cutoffWords(data);
      expect(words.drawnLast).toBe(true);
      if (!words.ground) expect({ scores, crossing: crossing(data) }).toEqual({ scores, crossing: [] });
    }
  });

  it("are drawn over the lines in the caseload's small panels too", () => {
    const data = chartData(input("A", weekly([25, 27, 29, 30, 31, 33, 35, 38])));
    const spec = caseloadSpec([{ data, note: "watch" }], englishText, measure) as unknown as {
      vconcat: { concat?: { layer: Layer[] }[] }[];
    };
    const layers = flat(spec.vconcat[1]?.concat?.[0]?.layer ?? []);
    expect(layers.at(-1)?.mark?.type).toBe("text");
    expect(layers.at(-1)?.data?.values[0]?.label).toBe("25");
  });
});
