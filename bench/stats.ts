/** The p-th percentile of `values` (nearest rank; 0 for none). */
export const pct = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Milliseconds as the results print them. */
export const ms = (v: number) => `${v.toFixed(1)} ms`;
