/** The p-th percentile of `values` (nearest rank; 0 for none). */
export const pct = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Milliseconds as the results print them. */
export const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The arithmetic mean of `values` (0 for none): beside the median, it shows how evenly waits are shared. */
export const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
