/**
 * Where a line's label goes (the cutoff's "cutoff 25 (adults)"): at the right or left end of the
 * line, above or below it, wherever it covers the fewest scores and expected values. Pure: the
 * plot's size and domain turn the label's pixels into data units.
 */
export interface PlotFrame {
  /** Plot area in pixels. */
  width: number;
  height: number;
  /** The x domain (the time axis, time-axis.ts) and the y domain. */
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface LabelSpot {
  side: "left" | "right";
  above: boolean;
}

/** Preference when nothing is covered: the right end reads as the line's name, above as its top. */
const ORDER: readonly LabelSpot[] = [
  { side: "right", above: true },
  { side: "left", above: true },
  { side: "right", above: false },
  { side: "left", above: false },
];

/** Half a marker, in pixels: a point this close to the label's box would touch it. */
const MARGIN = 8;

export function labelSpot(
  lineY: number,
  label: { width: number; height: number },
  marks: readonly { x: number; y: number }[],
  frame: PlotFrame,
): LabelSpot {
  const pxX = frame.width / (frame.xMax - frame.xMin || 1);
  const pxY = frame.height / (frame.yMax - frame.yMin);
  const covered = (spot: LabelSpot) => {
    const w = (label.width + 4 + MARGIN) / pxX;
    const h = (label.height + 3 + MARGIN) / pxY;
    const [x0, x1] = spot.side === "right" ? [frame.xMax - w, frame.xMax] : [frame.xMin, frame.xMin + w];
    const [y0, y1] = spot.above ? [lineY, lineY + h] : [lineY - h, lineY];
    return marks.filter((m) => m.x >= x0 && m.x <= x1 && m.y >= y0 && m.y <= y1).length;
  };
  let best = ORDER[0] as LabelSpot;
  let fewest = Number.POSITIVE_INFINITY;
  for (const spot of ORDER) {
    const count = covered(spot);
    if (count < fewest) {
      best = spot;
      fewest = count;
    }
  }
  return best;
}

/** The points of a series and the midpoints between neighbours: a line crossing a label covers it too. */
export function withMidpoints(
  points: readonly { x: number; y: number; group: number }[],
): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  points.forEach((p, i) => {
    out.push(p);
    const next = points[i + 1];
    if (next && next.group === p.group) {
      for (const f of [0.25, 0.5, 0.75])
        out.push({ x: p.x + (next.x - p.x) * f, y: p.y + (next.y - p.y) * f });
    }
  });
  return out;
}
