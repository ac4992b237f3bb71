import { describe, expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts/load.js";
import { clientEpisodes, toCsv } from "../../src/reports/export.js";
import { toFhir } from "../../src/reports/fhir-export.js";
import type { ExportRow } from "../../src/store/types.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

const catalog = loadPrompts(PROMPTS_DIR);

function row(clientId: number, episodeId: number, checkinId: number): ExportRow {
  const at = new Date(Date.UTC(2026, 10, checkinId, 10)).toISOString();
  return {
    clientId,
    episodeId,
    checkinId,
    seq: 1,
    completedAt: at,
    instrument: "progress",
    item: "overall",
    value: 5,
    answeredAt: at,
  };
}

// As the database holds them: the episodes of three clients numbered together (lena 1, jonas 2,
// mia 3), and lena's second episode (4) after all three began.
const rows = [row(1, 1, 1), row(2, 2, 2), row(3, 3, 3), row(1, 4, 4), row(3, 3, 5)];
const names = new Map([
  [1, "p-lena"],
  [2, "p-jonas"],
  [3, "p-mia"],
]);
const pseudonym = (id: number) => names.get(id) ?? "p-?";

describe("the export's episode", () => {
  it("is the client's own episode number, not the database's episode id", () => {
    const episode = clientEpisodes(rows);
    expect(rows.map((r) => `${pseudonym(r.clientId)}:${episode(r)}`)).toEqual([
      "p-lena:1",
      "p-jonas:1",
      "p-mia:1",
      "p-lena:2",
      "p-mia:1",
    ]);
    const csv = toCsv(rows, pseudonym).trim().split("\n").slice(1);
    expect(csv.map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "p-lena,1",
      "p-jonas,1",
      "p-mia,1",
      "p-lena,2",
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
      "p-lena-2",
      "p-mia-1",
    ]);
  });
});
