import type { PromptCatalog } from "../prompts/load.js";
import type { Instrument } from "../prompts/schema.js";
import type { ExportRow } from "../store/types.js";

/**
 * `rapport export --format csv|fhir` (CLINICAL.md, Interchange; the FHIR Bundle: fhir-export.ts). Clients appear only under a
 * pseudonym (a keyed hash of their record, with a key of the database: Store.pseudonym), never by
 * alias or platform id.
 */
export type Pseudonym = (clientId: number) => string;

/**
 * Rows of each check-in in the order the questions were asked. Answers typed within the same
 * millisecond share a time, so the instrument's own item order breaks the tie, not the item's name.
 */
export function inQuestionOrder(rows: readonly ExportRow[], catalog: PromptCatalog): ExportRow[] {
  const instruments = catalog.languages.get(catalog.fallback)?.instruments ?? new Map<string, Instrument>();
  const instrumentRank = new Map([...instruments.keys()].map((id, i) => [id, i]));
  const itemRank = new Map<string, number>();
  for (const [id, instrument] of instruments) {
    for (const [i, item] of instrument.items.entries()) itemRank.set(`${id}:${item.id}`, i);
  }
  // Each row's key is computed once, not at every comparison of the sort.
  const keyed = rows.map((r) => ({
    row: r,
    key: [
      r.checkinId,
      Date.parse(r.answeredAt),
      instrumentRank.get(r.instrument) ?? Number.MAX_SAFE_INTEGER,
      itemRank.get(`${r.instrument}:${r.item}`) ?? Number.MAX_SAFE_INTEGER,
    ],
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}

/** One row per item answer; answered-at in ISO 8601 with its offset. */
export function toCsv(rows: readonly ExportRow[], pseudonym: Pseudonym): string {
  const lines = ["client,episode,checkin,instrument,item,value,answered_at"];
  // The client's own episode number (ExportRow.episode), as the chart and `summary` number it.
  for (const r of rows) {
    lines.push(
      [
        pseudonym(r.clientId),
        r.episode,
        r.seq,
        r.instrument,
        r.item,
        r.value,
        r.answeredAt.replace(/Z$/, "+00:00"),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** What `rapport export --out FILE` says it did: where, and how many answers (none: says so). */
export function exportedLine(format: "csv" | "fhir", answers: number, out: string): string {
  const what =
    format === "csv"
      ? `${answers} ${answers === 1 ? "row" : "rows"}, one per answer, as CSV`
      : `${answers} ${answers === 1 ? "answer" : "answers"} as a FHIR R4 Bundle`;
  return answers === 0 ? `Wrote ${out}: no completed check-in yet (0 answers).` : `Wrote ${out}: ${what}.`;
}
