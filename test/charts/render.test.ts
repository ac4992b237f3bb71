import { describe, expect, it } from "vitest";
import { chartData } from "../../src/charts/chart-data.js";
import { chartCheckins } from "../../src/charts/chart-input.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { chartMeasure, renderCaseloadChart, renderClientChart, specToSvg } from "../../src/charts/render.js";
import { englishText, input, notOnTrack, shippedText, twenty, weekly } from "./fixtures.js";
import { decodePng, differingShare, inkShare } from "./png.js";

describe("rendering a chart to PNG", () => {
  it("draws a PNG of about 800 × 500 whose header says what render returns", async () => {
    const r = await renderClientChart(twenty(), englishText);
    const img = decodePng(r.png);
    expect([img.width, img.height]).toEqual([r.width, r.height]);
    expect(r.width).toBeGreaterThanOrEqual(760);
    expect(r.width).toBeLessThanOrEqual(820);
    expect(r.height).toBeGreaterThanOrEqual(470);
    expect(r.height).toBeLessThanOrEqual(530);
    // Not blank: lines, points, text and the band cover a good part of it.
    expect(inkShare(img)).toBeGreaterThan(0.05);
    expect(r.alt).toContain("Chart of Sam, from 2 Feb 2026 to 15 Jun 2026 (check-ins: 20).");
  });

  it("draws two clients differently, and one client the same every time", async () => {
    const a = await renderClientChart(twenty("Sam"), englishText);
    const b = await renderClientChart(twenty("Ana", 5), englishText);
    const again = await renderClientChart(twenty("Sam"), englishText);
    expect(again.png.equals(a.png)).toBe(true);
    const [da, db] = [decodePng(a.png), decodePng(b.png)];
    expect([da.width, da.height]).toEqual([db.width, db.height]);
    expect(differingShare(da, db)).toBeGreaterThan(0.01);
  });

  it("draws at twice the density when asked", async () => {
    const one = await renderClientChart(notOnTrack(), englishText);
    const two = await renderClientChart(notOnTrack(), englishText, { scale: 2 });
    expect([two.width, two.height]).toEqual([one.width * 2, one.height * 2]);
  });

  it("draws the caseload's small multiples", async () => {
    const r = await renderCaseloadChart(
      [
        { data: notOnTrack(), note: "not on track" },
        { data: twenty("J.P."), note: "alliance" },
      ],
      englishText,
    );
    const img = decodePng(r.png);
    expect(img.width).toBeGreaterThanOrEqual(760);
    expect(inkShare(img)).toBeGreaterThan(0.03);
  });

  it("keeps a caseload of alliance strips within the 1024 pixels Teams takes, in German's longer key too", async () => {
    const panels = Array.from({ length: 13 }, (_, i) => ({
      data: chartData(input(`C${i}`, weekly([20, 21, 20, 21, 10], [40, 36, 33, 30, 26]))),
      note: "watch, alliance concern",
      alliance: true,
    }));
    for (const language of ["en", "de", "es"]) {
      const r = await renderCaseloadChart(panels, shippedText(language));
      expect(r.height, language).toBeLessThanOrEqual(1024);
    }
  });

  it("wraps a long note within its panel: the picture stays about 800 wide and within 1024 high", async () => {
    // Regression: one client's note ("urgent alert 1 acknowledged Dec 15, 2026, worrying words …")
    // drew on one line and made the picture 1,464 and then 1,857 pixels wide.
    const note =
      "urgent alert 1 acknowledged Dec 15, 2026, worrying words Dec 15, 2026 (safety question: no), deteriorated (progress 24 → 8), not on track, alliance concern";
    const panels = Array.from({ length: 12 }, (_, i) => ({
      data: chartData(input(`C${i}`, weekly([20, 21, 20, 21, 10], [40, 36, 33, 30, 26]))),
      note,
      alliance: i % 2 === 0,
    }));
    for (const language of ["en", "de", "es"]) {
      const r = await renderCaseloadChart(panels, shippedText(language));
      expect(r.width, language).toBeLessThanOrEqual(820);
      expect(r.height, language).toBeLessThanOrEqual(1024);
      // The words name the panels the picture draws, and count the rest as it does.
      const drawn = (r.alt.match(/C\d+/g) ?? []).length;
      expect(drawn, language).toBeGreaterThan(0);
      expect(drawn, language).toBeLessThan(12);
    }
  });

  it("refuses a chart with no check-in", async () => {
    await expect(renderClientChart(chartData(input("A", [])), englishText)).rejects.toThrow(/at least one/);
  });
});

describe("the picture carries the alias only", () => {
  it("has no name, platform id or client's words in its text", async () => {
    // The store's records of a client whose name, chat id and comment must not reach the picture.
    const checkins = chartCheckins(
      [1, 2, 3].map((id) => ({
        id,
        clientId: 424242,
        episodeId: 9,
        seq: id,
        status: "completed" as const,
        step: 0,
        plan: [],
        comment: "Maria Lindqvist says hi",
        createdAt: `2026-02-0${id}T09:00:00Z`,
        completedAt: `2026-02-0${id}T09:05:00Z`,
        answers: [
          { instrument: "progress", item: "p1", value: 10 + id },
          { instrument: "alliance", item: "a1", value: 30 + id },
        ],
      })),
      [{ id: 9, startedAt: "2026-01-01T00:00:00Z", endedAt: null }],
      [{ checkinId: 2, tier: "concern", source: "free_text" }],
    );
    const svg = await specToSvg(chartSpec(chartData(input("M.L.", checkins)), englishText, chartMeasure()));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
    expect(texts.some((t) => t.includes("M.L."))).toBe(true);
    // The matcher finds what it forbids: the alias is in the text it searches.
    expect(svg).toContain("M.L.");
    for (const forbidden of ["Maria", "Lindqvist", "424242", "says hi"]) expect(svg).not.toContain(forbidden);
    // Every word drawn is the alias or the chart's own wording; numbers and dates aside.
    const own = new Set(
      [englishText("chart_title", { alias: "M.L." }), "default", "trajectory"].join(" ").split(/\s+/),
    );
    const words = texts.flatMap((t) => t.match(/\p{L}[\p{L}.]*/gu) ?? []);
    const allowedText = JSON.stringify(
      ["chart_key_progress", "chart_key_expected", "chart_key_band", "chart_key_safety", "chart_key_risk"]
        .map((k) => englishText(k as never))
        // An alliance axis that starts above 0 says so in the panel's title.
        .concat(englishText("chart_axis_alliance_from", { floor: 20, max: 40, threshold: 36 })),
    );
    for (const w of words) {
      if (own.has(w) || allowedText.includes(w)) continue;
      expect(
        /^(Expected|path|Progress|Alliance|to|higher|is|better|below|the|line|at|worth|talking|about|cutoff|adults|than|first|worse|Feb|Mar|Jan|M\.L\.)$/.test(
          w,
        ),
        w,
      ).toBe(true);
    }
  });
});
