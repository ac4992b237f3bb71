import { fileURLToPath } from "node:url";
import { chartData } from "../src/charts/chart-data.js";
import { chartSpec } from "../src/charts/chart-spec.js";
import {
  chartMeasure,
  renderCaseloadChart,
  renderClientChart,
  specToSvg,
  svgToPng,
} from "../src/charts/render.js";
import { englishText, input, weekly } from "../test/charts/fixtures.js";
import { ms, pct } from "./stats.js";

/**
 * The chart's cost: render time of a 20-check-in chart, spec to PNG, p50 and p99 over
 * 200 renders after a warm-up, split into the SVG (Vega-Lite compile and Vega's headless view) and
 * the PNG (resvg); the caseload's twelve panels; and RSS before and after 1,000 more renders, with
 * the peak. Target: p99 under 150 ms, no growth in RSS over the 1,000 renders.
 * `npx tsx bench/chart-bench.ts` prints the figures; `npm run bench` can add chartBenchLines.
 */
export interface ChartBenchFigures {
  runs: number;
  p50: number;
  p99: number;
  svgP50: number;
  pngP50: number;
  caseloadP50: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  peakRssMb: number;
  longRuns: number;
}

const RUNS = 200;
const LONG_RUNS = 1000;

/** A client of 20 weekly check-ins with some risk and alliance variation: what a busy chart holds. */
function client(i: number) {
  const progress = Array.from({ length: 20 }, (_, k) =>
    Math.min(40, 10 + (i % 7) + Math.round(k * 0.8 + ((k * 7) % 5))),
  );
  const alliance = Array.from({ length: 20 }, (_, k) => 30 + ((k * 3 + i) % 10));
  return chartData(input(`C${i}`, weekly(progress, alliance, { risk: [i % 20], safety: [(i + 5) % 20] })));
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

export async function chartBench(): Promise<ChartBenchFigures> {
  const measure = chartMeasure();
  for (let i = 0; i < 20; i++) await renderClientChart(client(i), englishText);
  const total: number[] = [];
  const svgTimes: number[] = [];
  const pngTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const data = client(i);
    const start = performance.now();
    const svg = await specToSvg(chartSpec(data, englishText, measure));
    const mid = performance.now();
    await svgToPng(svg);
    const end = performance.now();
    total.push(end - start);
    svgTimes.push(mid - start);
    pngTimes.push(end - mid);
  }
  const caseload: number[] = [];
  const panels = Array.from({ length: 12 }, (_, i) => ({ data: client(i), note: "not on track" }));
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await renderCaseloadChart(panels, englishText);
    caseload.push(performance.now() - start);
  }
  gc();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < LONG_RUNS; i++) await renderClientChart(client(i), englishText);
  gc();
  const after = process.memoryUsage().rss;
  return {
    runs: RUNS,
    p50: pct(total, 50),
    p99: pct(total, 99),
    svgP50: pct(svgTimes, 50),
    pngP50: pct(pngTimes, 50),
    caseloadP50: pct(caseload, 50),
    rssBeforeMb: mb(before),
    rssAfterMb: mb(after),
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    longRuns: LONG_RUNS,
  };
}

export function chartBenchLines(f: ChartBenchFigures): string[] {
  return [
    `Chart, 20 check-ins, spec to PNG (${f.runs} renders): p50 ${ms(f.p50)}, p99 ${ms(f.p99)} (target p99 under 150 ms); SVG p50 ${ms(f.svgP50)}, PNG p50 ${ms(f.pngP50)}`,
    `Caseload chart, 12 panels: p50 ${ms(f.caseloadP50)}`,
    `Chart memory: RSS ${f.rssBeforeMb.toFixed(0)} MB before and ${f.rssAfterMb.toFixed(0)} MB after ${f.longRuns} more renders (target: no growth); peak ${f.peakRssMb.toFixed(0)} MB`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of chartBenchLines(await chartBench())) console.log(line);
}
