import type { Answer } from "../store/types.js";

/** Scores are kept to one decimal; sums of tenths are rounded so 0.1 + 0.2 reads 0.3. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function totalOf(answers: readonly Answer[], instrument: string): number | undefined {
  const mine = answers.filter((a) => a.instrument === instrument);
  if (mine.length === 0) return undefined;
  return round1(mine.reduce((sum, a) => sum + a.value, 0));
}
