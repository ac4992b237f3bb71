/**
 * Where a line's label goes (the cutoff's "cutoff 25 (adults)"): above or below the line, at its
 * right or left end or anywhere between, wherever no other line crosses it and it covers no score.
 * Pure: everything is measured in the plot's pixels.
 *
 * Each line (vertical rules for risk marks and episode boundaries included) is a set of segments
 * tested against the label's box exactly, not sampled points, so a line crossing the box between
 * two points is still seen. The ends are tried first, then places between them; when no place is
 * clear (an expected path that runs just above the cutoff from start to end) the label is drawn
 * over the lines on a white ground (`clear: false`), so it can always be read.
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

/** What the label must keep clear of, in data units. */
export interface Obstacles {
  /** Polylines: the totals, the expected path and its band, per episode. */
  lines: readonly (readonly { x: number; y: number }[])[];
  /** Vertical rules across the whole panel (risk marks, episode boundaries), by x. */
  rules: readonly number[];
  /**
   * Score markers, each with how far its ink reaches from its centre, across and up or down, in
   * pixels (its bounding box's half side: a triangle's corners are off to the sides, its tip is
   * nearer its centre than a circle's radius would say).
   */
  points: readonly { x: number; y: number; reach: number }[];
  /** Other words in the panel, as pixel boxes (the latest score's number, "episode 2"). */
  boxes: readonly Box[];
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelSpot {
  /** The label's left edge, in pixels from the plot's left. */
  left: number;
  above: boolean;
  /** No line crosses it and it covers nothing: no ground is drawn behind it. */
  clear: boolean;
  /** The pixels the words cover. */
  box: Box;
}

/** Between the label and the line it names, and the least gap to the plot's edge, in pixels. */
export const GAP = { line: 3, edge: 4 } as const;
/** A line's half width and a little air: a line this close to the words touches them. */
const AIR = 2;
/** Places between the ends are tried this many pixels apart. */
const STEP = 16;

export function labelSpot(
  lineY: number,
  label: { width: number; height: number },
  obstacles: Obstacles,
  frame: PlotFrame,
): LabelSpot {
  const px = (x: number) => ((x - frame.xMin) / (frame.xMax - frame.xMin || 1)) * frame.width;
  const py = (y: number) => frame.height - ((y - frame.yMin) / (frame.yMax - frame.yMin || 1)) * frame.height;
  const lineAt = py(lineY);
  const segments = obstacles.lines.flatMap((line) =>
    line.slice(1).map((b, i) => {
      const a = line[i] ?? b;
      return [px(a.x), py(a.y), px(b.x), py(b.y)] as const;
    }),
  );
  for (const x of obstacles.rules) segments.push([px(x), 0, px(x), frame.height]);
  const points = obstacles.points.map((p) => ({ x: px(p.x), y: py(p.y), reach: p.reach }));

  const boxAt = (left: number, above: boolean): Box => {
    const top = above ? lineAt - GAP.line - label.height : lineAt + GAP.line;
    return { left, right: left + label.width, top, bottom: top + label.height };
  };
  /** Scores covered weigh most, then other words, then each line crossing. */
  const cost = (box: Box) => {
    const air = {
      left: box.left - AIR,
      right: box.right + AIR,
      top: box.top - AIR,
      bottom: box.bottom + AIR,
    };
    const covered = points.filter((p) =>
      overlaps(air, { left: p.x - p.reach, right: p.x + p.reach, top: p.y - p.reach, bottom: p.y + p.reach }),
    ).length;
    const words = obstacles.boxes.filter((b) => overlaps(air, b)).length;
    const crossings = segments.filter(([x1, y1, x2, y2]) => segmentHitsBox(x1, y1, x2, y2, air)).length;
    return covered * 1000 + words * 100 + crossings;
  };

  const right = frame.width - GAP.edge - label.width;
  const left = GAP.edge;
  const between: number[] = [];
  for (let x = right - STEP; x > left; x -= STEP) between.push(x);
  // The right end reads as the line's name, above as its top; then the left end; then between.
  const order = [
    ...[true, false].flatMap((above) => [
      { left: right, above },
      { left, above },
    ]),
    ...[true, false].flatMap((above) => between.map((x) => ({ left: x, above }))),
  ].filter((c) => {
    const box = boxAt(c.left, c.above);
    return box.top >= 0 && box.bottom <= frame.height;
  });
  let best: LabelSpot | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const c of order) {
    const box = boxAt(c.left, c.above);
    const n = cost(box);
    if (n === 0) return { ...c, clear: true, box };
    if (n < fewest) {
      best = { ...c, clear: false, box };
      fewest = n;
    }
  }
  return best ?? { left: right, above: true, clear: false, box: boxAt(right, true) };
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Does the segment from (x1, y1) to (x2, y2) pass through the box? (Liang–Barsky clipping.) */
function segmentHitsBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, x1 - box.left],
    [dx, box.right - x1],
    [-dy, y1 - box.top],
    [dy, box.bottom - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return true;
}
