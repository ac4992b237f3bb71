import type { TextMeasure } from "./font-metrics.js";

/**
 * A caseload panel's note in lines that fit the panel's width: Vega-Lite writes a subtitle on one
 * line however long, so "urgent alert 1 acknowledged Dec 15, 2026, worrying words Dec 15, 2026
 * (safety question: no), deteriorated (progress 24 → 8)" stretched its column and pushed the
 * picture past the 1024 pixels Teams takes. Broken between the note's parts (", ") where it can,
 * between words where one part is too long; at most `maxLines`, the last ending "…" when more was
 * left (the digest's words and the alt text carry it whole).
 */
export function noteLines(
  note: string,
  measure: TextMeasure,
  fontSize: number,
  width: number,
  maxLines: number,
): string[] {
  const fits = (line: string) => measure(line, fontSize) <= width;
  const lines: string[] = [];
  let line = "";
  for (const word of pieces(note, fits)) {
    const joined = line === "" ? word : `${line} ${word}`;
    if (line === "" || fits(joined)) line = joined;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? "";
  while (last.length > 1 && !fits(`${last}…`)) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last.replace(/,$/u, "")}…`;
  return kept;
}

/**
 * The note's parts, each with its comma, whole when it fits a line ("deteriorated (progress 24 →
 * 8),"), else word by word: a line then breaks between parts where it can.
 */
function pieces(note: string, fits: (line: string) => boolean): string[] {
  // "Dec 15, 2026": a comma before a digit is a date's, not a break between parts.
  return note
    .split(/, (?!\d)/u)
    .flatMap((part, i, parts) => {
      const text = i < parts.length - 1 ? `${part},` : part;
      return fits(text) ? [text] : text.split(" ");
    })
    .filter((p) => p !== "");
}
