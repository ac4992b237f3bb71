import { fileURLToPath } from "node:url";
import type { ChartData } from "../src/charts/chart-data.js";
import { chartSpec } from "../src/charts/chart-spec.js";
import { COLOUR, DASH, FONT } from "../src/charts/chart-style.js";
import { chartMeasure, specToSvg, svgToPng } from "../src/charts/render.js";
import { englishText, twenty } from "../test/charts/fixtures.js";
import { pct } from "./stats.js";

/**
 * The choice of SVG producer, measured: Vega-Lite + Vega (the declarative spec the charts use)
 * against a hand-built SVG template of the same two panels, both rasterised by the same resvg.
 * The template is the floor: string building with no layout engine. It is not shipped; it draws
 * the same marks without the key's flow, label placement or axis logic. `npx tsx bench/chart-compare.ts`.
 */
const RUNS = 200;

function handBuiltSvg(d: ChartData): string {
  const W = 800;
  const H = 500;
  const left = 50;
  const plotW = 730;
  const [x0, x1] = d.xDomain;
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * plotW;
  const panel = (top: number, height: number, min: number, max: number) => (v: number) =>
    top + height - ((v - min) / (max - min)) * height;
  const py = panel(150, 170, 0, d.progressMax);
  const ay = panel(380, 66, 20, d.allianceMax);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="${FONT}">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="8" y="28" font-size="24" font-weight="bold">${d.alias}: progress and alliance</text>`,
  ];
  for (const [i, t] of [
    "progress total",
    "expected path",
    "below the band",
    "better",
    "worse",
    "safety",
    "risk",
  ].entries()) {
    parts.push(
      `<text x="${40 + (i % 4) * 190}" y="${70 + Math.floor(i / 4) * 26}" font-size="15">${t}</text>`,
    );
  }
  for (const v of [0, 10, 20, 25, 30, 40]) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${py(v)}" y2="${py(v)}" stroke="${COLOUR.grid}"/>`,
    );
    parts.push(`<text x="${left - 6}" y="${py(v) + 5}" font-size="16" text-anchor="end">${v}</text>`);
  }
  const traj = d.points.filter((p) => p.trajectory);
  const upper = traj.map((p) => `${px(p.x)},${py(p.trajectory?.expected ?? 0)}`);
  const lower = traj.map((p) => `${px(p.x)},${py(p.trajectory?.band ?? 0)}`).reverse();
  parts.push(`<polygon points="${[...upper, ...lower].join(" ")}" fill="${COLOUR.band}" opacity="0.3"/>`);
  parts.push(
    `<polyline points="${upper.join(" ")}" fill="none" stroke="${COLOUR.expected}" stroke-dasharray="${DASH.expected}"/>`,
  );
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${py(d.cutoff)}" y2="${py(d.cutoff)}" stroke="#222" stroke-dasharray="${DASH.cutoff}"/>`,
  );
  const prog = d.points.filter((p) => p.progress !== null);
  parts.push(
    `<polyline points="${prog.map((p) => `${px(p.x)},${py(p.progress ?? 0)}`).join(" ")}" fill="none" stroke="${COLOUR.progress}" stroke-width="3"/>`,
  );
  for (const p of prog) {
    const fill =
      p.marker === "improved"
        ? COLOUR.improved
        : p.marker === "deteriorated"
          ? COLOUR.worse
          : COLOUR.progress;
    parts.push(`<circle cx="${px(p.x)}" cy="${py(p.progress ?? 0)}" r="6" fill="${fill}" stroke="#fff"/>`);
    if (p.risk || p.safety)
      parts.push(
        `<line x1="${px(p.x)}" x2="${px(p.x)}" y1="140" y2="320" stroke="${COLOUR.risk}" stroke-dasharray="2 4"/>`,
      );
  }
  const al = d.points.filter((p) => p.alliance !== null);
  parts.push(
    `<polyline points="${al.map((p) => `${px(p.x)},${ay(p.alliance ?? 0)}`).join(" ")}" fill="none" stroke="#000" stroke-width="2.5"/>`,
  );
  for (const p of al)
    parts.push(`<rect x="${px(p.x) - 5}" y="${ay(p.alliance ?? 0) - 5}" width="10" height="10"/>`);
  for (const p of d.points.filter((_, i) => i % 3 === 0)) {
    parts.push(`<text x="${px(p.x)}" y="470" font-size="16" text-anchor="middle">${p.label}</text>`);
  }
  parts.push("</svg>");
  return parts.join("");
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

export async function chartCompare(): Promise<string[]> {
  const data = twenty();
  const measure = chartMeasure();
  const vegaSvg = await specToSvg(chartSpec(data, englishText, measure));
  const handSvg = handBuiltSvg(data);
  const rows: [string, { p50: number; p99: number }][] = [
    ["SVG, Vega-Lite + Vega", await timed(() => specToSvg(chartSpec(data, englishText, measure)))],
    ["SVG, hand-built template", await timed(() => handBuiltSvg(data))],
    ["PNG of the Vega SVG, resvg-wasm", await timed(() => svgToPng(vegaSvg))],
    ["PNG of the hand-built SVG, resvg-wasm", await timed(() => svgToPng(handSvg))],
  ];
  return [
    `SVG producers and rasteriser, a 20-check-in chart (${RUNS} runs each after 20 warm-up):`,
    ...rows.map(([name, t]) => `  ${name}: p50 ${t.p50.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms`),
    `  SVG size: Vega ${vegaSvg.length} bytes, hand-built ${handSvg.length} bytes`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await chartCompare()) console.log(line);
}
