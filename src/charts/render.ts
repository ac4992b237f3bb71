import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initWasm, Resvg, type ResvgRenderOptions } from "@resvg/resvg-wasm";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { RapportError } from "../errors.js";
import { altText } from "./alt-text.js";
import { caseloadAltText } from "./caseload-alt-text.js";
import { type CaseloadPanel, caseloadSpec } from "./caseload-spec.js";
import type { ChartData } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import { chartSpec } from "./chart-spec.js";
import { FONT } from "./chart-style.js";
import { fontMetrics, measureWith, type TextMeasure } from "./font-metrics.js";

/**
 * Chart spec → SVG (Vega, headless: no browser, no canvas) → PNG (resvg compiled to WebAssembly:
 * no native build, no system graphics library, the same on every platform). The only I/O of the
 * charts: reading the shipped font files and the WebAssembly module, once per process.
 */
export interface RenderedChart {
  png: Buffer;
  /** The SVG the PNG was drawn from. */
  svg: string;
  width: number;
  height: number;
  /** The same as the picture, in words: to send as the image's caption or alt text. */
  alt: string;
}

interface RenderOptions {
  /** Pixel density: 1 draws about 800 × 500; 2 draws the same picture sharper for large screens. */
  scale?: number;
}

/**
 * assets/fonts ships beside src/: three levels up from dist/src/charts when built, two from
 * src/charts when run from source (as prompts/ is found in src/prompts/load.ts).
 */
const FONT_DIR =
  [
    fileURLToPath(new URL("../../../assets/fonts", import.meta.url)),
    fileURLToPath(new URL("../../assets/fonts", import.meta.url)),
  ].find((dir) => existsSync(join(dir, "DejaVuSans.ttf"))) ??
  fileURLToPath(new URL("../../../assets/fonts", import.meta.url));

const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => join(FONT_DIR, f));

let measurer: TextMeasure | undefined;

/**
 * The shipped font's widths, read once per process. Vega is told to use them instead of its
 * 0.8 em guess (its `textMetrics.width` is the documented hook for renderers without a canvas),
 * so axes, titles and the picture's size are laid out for the font resvg draws with.
 */
export function chartMeasure(): TextMeasure {
  if (measurer) return measurer;
  const [regular, bold] = FONT_FILES.map((f) => fontMetrics(readFileSync(f)));
  if (!regular || !bold) throw new RapportError("chart fonts missing", "chart_font");
  const measure = measureWith(regular, bold);
  // vega-typings does not declare textMetrics; it is exported by vega-scenegraph through vega.
  const metrics = (vega as unknown as { textMetrics: { width: (item: VegaText, text?: unknown) => number } })
    .textMetrics;
  metrics.width = (item, text) =>
    measure(String(text ?? "").trim(), item.fontSize ?? 11, isBold(item.fontWeight));
  measurer = measure;
  return measure;
}

interface VegaText {
  fontSize?: number;
  fontWeight?: string | number;
}

function isBold(weight: string | number | undefined): boolean {
  return weight === "bold" || weight === "bolder" || (typeof weight === "number" && weight >= 600);
}

let fontBuffers: Uint8Array[] | undefined;
let wasmReady: Promise<void> | undefined;

/**
 * resvg's WebAssembly module, compiled once per process (initWasm refuses a second call), and the
 * font files read once: each render hands resvg the same buffers.
 */
function resvgReady(): Promise<void> {
  fontBuffers ??= FONT_FILES.map((f) => readFileSync(f));
  wasmReady ??= initWasm(
    readFileSync(createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm")),
  );
  return wasmReady;
}

/** Only the shipped font, never the machine's: the same PNG on every machine. */
function resvgOptions(scale: number, fonts: Uint8Array[]): ResvgRenderOptions {
  return {
    font: { fontBuffers: fonts, defaultFontFamily: FONT, sansSerifFamily: FONT },
    fitTo: { mode: "zoom", value: scale },
    shapeRendering: 2,
    textRendering: 1,
  };
}

export async function renderClientChart(
  data: ChartData,
  text: ChartText,
  options: RenderOptions = {},
): Promise<RenderedChart> {
  if (data.points.length === 0) throw new RapportError("a chart needs at least one check-in", "chart_empty");
  return render(chartSpec(data, text, chartMeasure()), altText(data, text), options);
}

export async function renderCaseloadChart(
  panels: readonly CaseloadPanel[],
  text: ChartText,
  options: RenderOptions = {},
): Promise<RenderedChart & { words: string }> {
  if (panels.length === 0)
    throw new RapportError("a caseload chart needs at least one client", "chart_empty");
  const measure = chartMeasure();
  const rendered = await render(
    caseloadSpec(panels, text, measure),
    caseloadAltText(panels, text, measure),
    options,
  );
  // The same words for the message, a paragraph per client: one block of them is a wall on a phone.
  return { ...rendered, words: caseloadAltText(panels, text, measure, "\n\n") };
}

async function render(spec: TopLevelSpec, alt: string, options: RenderOptions): Promise<RenderedChart> {
  const svg = await specToSvg(spec);
  const { png, width, height } = await svgToPng(svg, options.scale ?? 1);
  return { png, svg, width, height, alt };
}

/**
 * Vega-Lite compiles to Vega; a headless View renders the scenegraph to an SVG string. Text is
 * measured by Vega's estimate (no canvas here): layout leaves room for it, and the key and labels
 * are placed at fixed positions so an estimate cannot move them.
 */
export async function specToSvg(spec: TopLevelSpec, warnings?: string[]): Promise<string> {
  chartMeasure();
  const logger = collectingLogger(warnings);
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger });
  try {
    return await view.toSVG();
  } finally {
    // A View holds its dataflow and timers until finalized: without it, RSS grows per render.
    view.finalize();
  }
}

/**
 * The renderer and its image live in WebAssembly memory, which JavaScript's collector does not
 * see: they are freed here, at once. (resvg-js, the native build, leaves the same memory to the
 * collector: 1,000 renders in a row grew a process past 3 GB.)
 */
export async function svgToPng(
  svg: string,
  scale = 1,
): Promise<{ png: Buffer; width: number; height: number }> {
  await resvgReady();
  const renderer = new Resvg(svg, resvgOptions(scale, fontBuffers ?? []));
  try {
    const image = renderer.render();
    try {
      const bytes = image.asPng();
      return {
        png: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        width: image.width,
        height: image.height,
      };
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}

/** Vega-Lite's warnings (a channel dropped, a bad encoding) are collected for tests, never printed. */
function collectingLogger(warnings: string[] | undefined) {
  let level = 0;
  const keep = (...args: readonly unknown[]) => {
    warnings?.push(args.map(String).join(" "));
  };
  const logger = {
    level(l?: number): never {
      if (l !== undefined) level = l;
      return (l === undefined ? level : logger) as never;
    },
    error: (...args: readonly unknown[]) => {
      throw new RapportError(`chart spec: ${args.map(String).join(" ")}`, "chart_spec");
    },
    warn: (...args: readonly unknown[]) => {
      keep(...args);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger as never;
}
