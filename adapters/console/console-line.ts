import type { Choice, Delivery } from "../../src/model.js";

/** One console input line, "NAME: text": a person called NAME typing text. */
export function parseConsoleLine(line: string): { name: string; text: string } | undefined {
  const match = /^\s*([^:\s][^:]{0,63}?)\s*:\s?(.*)$/.exec(line);
  if (!match) return undefined;
  return { name: match[1] ?? "", text: match[2] ?? "" };
}

/** The --json form: one object per message, as DESIGN.md specifies; a chart by its file's path. */
export function jsonLine(d: Delivery, chartPath?: string): string {
  return JSON.stringify({
    to: d.externalId,
    text: d.message.text,
    choices: (d.message.choices ?? []).map((c: Choice) => ({ label: c.label, value: c.value })),
    urgent: d.message.urgent ?? false,
    // Only when the message carries a file (mydata): the console shows it whole.
    ...(d.message.file ? { file: d.message.file } : {}),
    ...(d.message.chart ? { chart: { path: chartPath ?? null, alt: d.message.chart.alt } } : {}),
  });
}

/** The readable form: who it is for, the text, and the choices one can type. */
export function textBlock(d: Delivery, chartPath?: string): string {
  const lines = [`[to ${d.externalId}]${d.message.urgent ? " URGENT" : ""}`];
  for (const line of d.message.text.split("\n")) lines.push(`  ${line}`);
  const choices = d.message.choices ?? [];
  if (choices.length > 0) {
    const shown = choices.map((c) => (c.label === c.value ? `[${c.value}]` : `[${c.value}] ${c.label}`));
    lines.push(`  choices: ${shown.join("  ")}`);
  }
  const file = d.message.file;
  if (file) {
    lines.push(`  file ${file.name} (${Buffer.byteLength(file.content)} bytes): ${file.caption}`);
    for (const line of file.content.trimEnd().split("\n")) lines.push(`    ${line}`);
  }
  const chart = d.message.chart;
  if (chart) {
    lines.push(`  chart ${chartPath ?? "(not written: no folder for charts)"}`);
    lines.push(`    ${chart.alt}`);
  }
  return `${lines.join("\n")}\n`;
}
