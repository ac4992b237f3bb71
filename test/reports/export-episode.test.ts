import { describe, expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts/load.js";
import { toCsv } from "../../src/reports/export.js";
import { toFhir } from "../../src/reports/fhir-export.js";
import type { ExportRow } from "../../src/store/types.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

const catalog = loadPrompts(PROMPTS_DIR);

function row(clientId: number, episodeId: number, episode: number, checkinId: number): ExportRow {
  const at = new Date(Date.UTC(2026, 10, checkinId, 10)).toISOString();
  return {
    clientId,
    episodeId,
    episode,
    checkinId,
    seq: 1,
    completedAt: at,
    instrument: "progress",
    item: "overall",
    value: 5,
    answeredAt: at,
  };
}

// As the store reads them: the episodes of three clients numbered together in the database (lena 1,
// jonas 2, mia 3), lena's second (4) with no completed check-in, and her third (5) her own number 3.
const rows = [row(1, 1, 1, 1), row(2, 2, 1, 2), row(3, 3, 1, 3), row(1, 5, 3, 4), row(3, 3, 1, 5)];
const names = new Map([
  [1, "p-lena"],
  [2, "p-jonas"],
  [3, "p-mia"],
]);
const pseudonym = (id: number) => names.get(id) ?? "p-?";

describe("the export's episode", () => {
  it("is the client's own episode number, an episode with no answers counted, not the database's id", () => {
    const csv = toCsv(rows, pseudonym).trim().split("\n").slice(1);
    expect(csv.map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "p-lena,1",
      "p-jonas,1",
      "p-mia,1",
      "p-lena,3",
      "p-mia,1",
    ]);
  });

  it("links each FHIR response to the client's episode, one identifier per client and episode", () => {
    const bundle = toFhir(rows, catalog, pseudonym, {
      baseUrl: "https://x.example",
      now: rows[0]?.answeredAt ?? "",
    });
    const episodes = (bundle.entry as { resource: Record<string, unknown> }[])
      .map((e) => e.resource)
      .filter((r) => r.resourceType === "QuestionnaireResponse")
      .map(
        (r) => (r.extension as { valueReference: { identifier: { value: string } } }[])[0]?.valueReference,
      );
    expect(episodes.map((e) => e?.identifier.value)).toEqual([
      "p-lena-1",
      "p-jonas-1",
      "p-mia-1",
      "p-lena-3",
      "p-mia-1",
    ]);
  });
});
