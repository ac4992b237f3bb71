import type { LoopFigures } from "./closed-loop.js";
import { mean, ms, pct } from "./stats.js";

/** One repetition at one level: rapport, the floor, and the floor that also edits the answered question. */
export interface LoopTriple {
  r: LoopFigures;
  f: LoopFigures;
  e: LoopFigures;
}

const rate = (x: LoopFigures) => x.answers / x.seconds;

/** rapport against one floor of the same repetition. */
function ratios(r: LoopFigures, x: LoopFigures) {
  return {
    p50: pct(r.e2e, 50) / pct(x.e2e, 50),
    p99: pct(r.e2e, 99) / pct(x.e2e, 99),
    throughput: rate(r) / rate(x),
  };
}

/** A level's figures as RESULTS.md has printed them since the closed loops began. */
export function loopLine(clients: number, { r, f, e }: LoopTriple): string {
  const against = (x: LoopFigures) => {
    const q = ratios(r, x);
    return `p50 ${ms(pct(x.e2e, 50))}, mean ${ms(mean(x.e2e))}, p99 ${ms(pct(x.e2e, 99))}, ${rate(x).toFixed(0)} answers/s, CPU ${x.cpuMsPerAnswer.toFixed(2)} ms/answer; ratios p50 ${q.p50.toFixed(2)}, p99 ${q.p99.toFixed(2)}, throughput ${q.throughput.toFixed(2)}`;
  };
  return `  ${clients} clients: rapport p50 ${ms(pct(r.e2e, 50))}, mean ${ms(mean(r.e2e))}, p99 ${ms(pct(r.e2e, 99))}, ${rate(r).toFixed(0)} answers/s, CPU ${r.cpuMsPerAnswer.toFixed(2)} ms/answer, peak RSS ${r.peakRssMiB.toFixed(0)} MiB; floor ${against(f)}; floor that also edits the answered question ${against(e)}`;
}

/**
 * Several repetitions at one level, each against the floors run right after it: the median of
 * each figure and ratio with its range. On a shared machine one run can be 20 % off the next;
 * a ratio from adjacent runs, taken over repetitions, is what a change should be judged by.
 */
export function repeatLine(clients: number, runs: readonly LoopTriple[]): string {
  const spread = (values: number[], digits = 2) => {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    return `${median.toFixed(digits)} (${(sorted[0] ?? 0).toFixed(digits)}–${(sorted.at(-1) ?? 0).toFixed(digits)})`;
  };
  const q = runs.map(({ r, f }) => ratios(r, f));
  return `  ${clients} clients, median of ${runs.length} (range): rapport p50 ${spread(
    runs.map(({ r }) => pct(r.e2e, 50)),
    1,
  )} ms, ${spread(
    runs.map(({ r }) => rate(r)),
    0,
  )} answers/s, CPU ${spread(runs.map(({ r }) => r.cpuMsPerAnswer))} ms/answer; floor p50 ${spread(
    runs.map(({ f }) => pct(f.e2e, 50)),
    1,
  )} ms, CPU ${spread(runs.map(({ f }) => f.cpuMsPerAnswer))} ms/answer; ratios to the floor p50 ${spread(
    q.map((x) => x.p50),
  )}, p99 ${spread(q.map((x) => x.p99))}, throughput ${spread(q.map((x) => x.throughput))}`;
}
