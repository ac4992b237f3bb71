/**
 * The chart's x axis is time: a check-in's place follows its date, so a three-week holiday between
 * two check-ins reads as three weeks, not as one. Check-ins on the same or adjacent days would then
 * draw their points and labels over each other, so neighbours are kept at least a few pixels apart:
 * the whole axis is stretched a little to make room, and the rest still follows the dates. Pure.
 */

/** Where a panel's check-ins sit: x in (stretched) days from the first, and the scale's domain. */
interface TimeAxis {
  xs: number[];
  domain: [number, number];
}

interface AxisLayout {
  /** The plot's width in pixels. */
  width: number;
  /** The least distance between two neighbouring check-ins, in pixels: about a marker's width. */
  minGap: number;
  /** Room left before the first check-in and after the last, in pixels. */
  pad: number;
}

/**
 * `days` are the check-ins' calendar days from the first (ascending). Each gap becomes at least
 * `m` days, where m is the pixel gap in days of the stretched axis; stretching lengthens the axis,
 * which changes what m is, so m is found as the fixed point of m = share × total(m). That converges
 * because each step adds at most share × (n − 1) < 1 of the last change.
 */
export function timeAxis(days: readonly number[], layout: AxisLayout): TimeAxis {
  const n = days.length;
  if (n <= 1) return { xs: days.map(() => 0), domain: [-1, 1] };
  const gaps = days.slice(1).map((d, i) => Math.max(0, d - (days[i] ?? d)));
  const usable = Math.max(1, layout.width - 2 * layout.pad);
  // Never ask for more than the axis holds: 24 check-ins on a small panel share its width.
  const share = Math.min(layout.minGap, (0.8 * usable) / (n - 1)) / usable;
  const raw = gaps.reduce((a, b) => a + b, 0);
  // All on one day: nothing to follow but their order, so they stand evenly apart.
  const total = (m: number) => gaps.reduce((a, g) => a + Math.max(g, m), 0);
  let m = raw === 0 ? 1 : share * raw;
  for (let i = 0; i < 200 && raw > 0; i++) {
    const next = share * total(m);
    if (Math.abs(next - m) < 1e-9) break;
    m = next;
  }
  const xs = [0];
  for (const g of gaps) xs.push((xs.at(-1) ?? 0) + Math.max(g, m));
  const span = xs.at(-1) ?? 0;
  const pad = (span * layout.pad) / usable;
  return { xs: xs.map(round3), domain: [round3(-pad), round3(span + pad)] };
}

/**
 * The check-ins whose dates are written under the axis: the latest and the first always (an axis
 * that starts with no date leaves the therapist to guess when the chart begins), then back in time
 * each one whose label keeps clear of the last written and of the first's, so no two labels run
 * into each other: where dates crowd, a neighbour of the first gives way, never the first. Only
 * where the first's label would run into the latest's (the caseload's narrow panel, dates with
 * their year) is the first left out. A label within `flush` pixels of an end of the axis is drawn
 * flush with it, as Vega's `labelFlush` does (the first starts at its check-in, the last ends at
 * it), so neither runs off the picture.
 */
export function labelledTicks(
  xs: readonly number[],
  widths: readonly number[],
  domain: readonly [number, number],
  plotWidth: number,
  flush: number,
  /** Pixels kept between two labels. */
  gap = 14,
): number[] {
  const px = (x: number) => ((x - domain[0]) / (domain[1] - domain[0] || 1)) * plotWidth;
  const extent = (i: number): [number, number] => {
    const x = px(xs[i] ?? 0);
    const w = widths[i] ?? 0;
    return x <= flush ? [x, x + w] : x >= plotWidth - flush ? [x - w, x] : [x - w / 2, x + w / 2];
  };
  const last = xs.length - 1;
  if (last < 0) return [];
  const kept = [xs[last] ?? 0];
  let leftEdge = extent(last)[0];
  // The labels between begin after the first's ends: it is written, whatever they are.
  const firstEnd = last > 0 ? extent(0)[1] : Number.NEGATIVE_INFINITY;
  for (let i = last - 1; i >= 1; i--) {
    const [from, to] = extent(i);
    if (to + gap > leftEdge || from < firstEnd + gap) continue;
    kept.unshift(xs[i] ?? 0);
    leftEdge = from;
  }
  if (last > 0 && firstEnd + gap <= leftEdge) kept.unshift(xs[0] ?? 0);
  return kept;
}

/** A Vega expression that turns a tick's x back into its check-in's label. */
export function labelLookup(xs: readonly number[], labels: readonly string[]): string {
  return `${JSON.stringify(labels)}[indexof(${JSON.stringify(xs)}, datum.value)]`;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
