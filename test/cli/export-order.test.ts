import { describe, expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts/load.js";
import { inQuestionOrder } from "../../src/reports/export.js";
import type { ExportRow } from "../../src/store/types.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

const catalog = loadPrompts(PROMPTS_DIR);

function row(checkinId: number, instrument: string, item: string, answeredAt: string): ExportRow {
  return {
    clientId: 1,
    episodeId: 1,
    episode: 1,
    checkinId,
    seq: checkinId,
    completedAt: answeredAt,
    instrument,
    item,
    value: 5,
    answeredAt,
  };
}

describe("export order", () => {
  it("keeps the order the questions were asked when answers share a millisecond", () => {
    const same = "2026-11-30T10:00:00.000Z";
    const alliance = [...(catalog.languages.get("en")?.instruments.get("alliance")?.items ?? [])].map(
      (i) => i.id,
    );
    const progress = [...(catalog.languages.get("en")?.instruments.get("progress")?.items ?? [])].map(
      (i) => i.id,
    );
    expect(alliance.length).toBeGreaterThan(2);
    // Rows as SQL would sort them by name, most of them in the same millisecond.
    const rows = [
      ...progress.map((item) => row(1, "progress", item, same)),
      ...alliance.map((item) => row(1, "alliance", item, same)),
      row(0, "progress", progress[0] ?? "", "2026-11-30T11:00:00.000Z"),
    ].sort((a, b) => a.item.localeCompare(b.item));
    const ordered = inQuestionOrder(rows, catalog);
    expect(ordered.map((r) => `${r.checkinId}:${r.instrument}:${r.item}`)).toEqual([
      `0:progress:${progress[0]}`,
      ...alliance.map((i) => `1:alliance:${i}`),
      ...progress.map((i) => `1:progress:${i}`),
    ]);
  });

  it("puts a later answer after an earlier one whatever the item order", () => {
    const [first, second] =
      catalog.languages
        .get("en")
        ?.instruments.get("alliance")
        ?.items.map((i) => i.id) ?? [];
    const rows = [
      row(1, "alliance", first ?? "", "2026-11-30T10:00:01.000Z"),
      row(1, "alliance", second ?? "", "2026-11-30T10:00:00.000Z"),
    ];
    expect(inQuestionOrder(rows, catalog).map((r) => r.item)).toEqual([second, first]);
  });
});
