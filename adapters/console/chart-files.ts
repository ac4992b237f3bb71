import { basename } from "node:path";
import { mayShowClient } from "../../src/charts/chart-names.js";

/**
 * The console's chart files, by name only (no I/O): each is the chart's own name prefixed by its
 * outbox row, so that a second chart never overwrites a first (`66-sam-2026-12-04.png`).
 */
export const chartFileName = (outboxId: number, name: string): string => `${outboxId}-${basename(name)}`;

/**
 * Of the files in the charts folder, those to remove when the client is erased: their own charts
 * and every caseload picture (chart-names.ts). Other files are left alone.
 */
export function chartFilesOf(files: readonly string[], alias: string): string[] {
  return files.filter((file) => {
    const name = /^\d+-(.+)$/u.exec(file)?.[1];
    return name !== undefined && mayShowClient(name, alias);
  });
}
