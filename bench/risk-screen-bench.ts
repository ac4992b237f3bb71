import { readFileSync } from "node:fs";
import { catalogRiskScreen } from "../src/engine/risk/screening.js";
import { loadPrompts } from "../src/prompts/load.js";

/**
 * The risk screen on a 1 MB message (the largest body a webhook accepts), three kinds of text:
 * harmless messages full of risky-looking words (the corpus's harmless half, which keeps the
 * matcher busiest), chat shorthand, and plain prose. The floor, measured in the same run, is the
 * least any screen must do: lower-case the text and split it into words.
 */
const MB = 1_000_000;
const RUNS = 20;

function corpusText(file: string): string {
  const sentences = readFileSync(new URL(`../test/fixtures/risk-corpus/${file}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t").at(-1) ?? "");
  let text = "";
  while (text.length < MB) text += `${sentences.join(". ")}. `;
  return text.slice(0, MB);
}

function fill(sentence: string): string {
  return sentence.repeat(Math.ceil(MB / sentence.length)).slice(0, MB);
}

function timed(fn: () => unknown): { min: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { min: times[0] ?? 0, median: times[Math.floor(RUNS / 2)] ?? 0 };
}

export function riskScreenRun(): string[] {
  const start = performance.now();
  const screen = catalogRiskScreen(loadPrompts());
  const compiled = performance.now() - start;
  const texts: [string, string][] = [
    ["harmless messages with risky words", corpusText("en-harmless.tsv")],
    ["chat shorthand", fill("ngl i'm sooo tired, dont wanna go 2 work tmrw!! my boss is like... ugh 😩 ")],
    ["plain prose", fill("I had a long week at work and the kids were lovely. ")],
  ];
  const lines = [
    `Risk screen, a 1 MB message (${RUNS} runs each; lists compiled in ${compiled.toFixed(0)} ms):`,
  ];
  for (const [name, text] of texts) {
    screen.screen(text);
    const floor = timed(() => text.toLowerCase().split(/\s+/).length);
    const t = timed(() => screen.screen(text));
    lines.push(
      `  ${name}: median ${t.median.toFixed(1)} ms, min ${t.min.toFixed(1)} ms (target well under 50 ms); floor (lower-case and split) ${floor.median.toFixed(1)} ms, ${(t.median / floor.median).toFixed(1)} times it`,
    );
  }
  return lines;
}
