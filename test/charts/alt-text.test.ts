import { describe, expect, it } from "vitest";
import { altText } from "../../src/charts/alt-text.js";
import { caseloadAltText } from "../../src/charts/caseload-alt-text.js";
import { chartData } from "../../src/charts/chart-data.js";
import { englishText, improving, input, notOnTrack, shippedText, twenty, weekly } from "./fixtures.js";

describe("alt text", () => {
  it("says what the chart of an improving client shows", () => {
    const alt = altText(improving(), englishText);
    expect(alt).toContain("Chart of Robin, from 2 Feb 2026 to 20 Apr 2026 (check-ins: 12).");
    expect(alt).toContain("Progress, episode 1, out of 40: 14 (2 Feb); 16 (9 Feb); 17 (16 Feb); 20 (23 Feb)");
    expect(alt).toContain("From 14 to 28 (+14): recovered");
    expect(alt).toContain("at or above the clinical cutoff of 25 (adults)");
    expect(alt).toContain("Against the default trajectory: on track (expected 26.8, not on track below 20).");
    expect(alt).toContain("Reliably better than the first (5 points or more) on 23 Feb; 2 Mar");
    expect(alt).toContain("Below 36, worth talking about, on 2 Feb; 9 Feb.");
    expect(alt).toContain("No safety answer yes, no risk item answered and no risk words.");
  });

  it("says the fall, the status, the episode boundary and the risk markers", () => {
    const alt = altText(notOnTrack(), englishText);
    expect(alt).toContain("Episode 2 began on 9 Mar 2026.");
    expect(alt).toContain("From 17 to 10 (-7): deteriorated");
    expect(alt).toContain("below the clinical cutoff of 25 (adults)");
    expect(alt).toContain("clinic trajectory, fitted on 64 episodes, 12 Jan 2026: not on track");
    expect(alt).toContain("Reliably worse than the first (5 points or more) on 13 Apr; 27 Apr; 4 May.");
    expect(alt).toContain("Safety question answered yes on 13 Apr.");
    expect(alt).toContain("Risk words on 27 Apr.");
  });

  it("writes whole dates, between semicolons, when the check-ins span a new year (US English)", () => {
    const data = chartData(
      input("A", weekly([20, 18, 16], [], { start: "2026-12-21T09:00:00Z" }), { language: "en" }),
    );
    const alt = altText(data, englishText);
    expect(alt).toContain("out of 40: 20 (Dec 21, 2026); 18 (Dec 28, 2026); 16 (Jan 4, 2027).");
  });

  // Every list of dates is read against the whole chart, not against its own dates: the fall and
  // the risk words below are all in December, yet the chart runs into January, and the axis's
  // two-digit year ("Dec 16, 26") would read as two dates.
  const overNewYear = (language: string, timeZone = "Europe/Berlin") =>
    chartData(
      input(
        "A",
        weekly([20, 19, 17, 16, 14, 18, 19, 20], [37, 37, 35, 37, 37, 37, 37, 37], {
          start: "2026-11-18T09:00:00Z",
          risk: [4],
          safety: [4],
        }),
        { language, timeZone },
      ),
    );

  it.each([
    ["en", "Dec 16, 2026", "Dec 2, 2026"],
    ["es", "16 dic 2026", "2 dic 2026"],
    ["de", "16.12.2026", "02.12.2026"],
  ])("writes whole dates in every list when the chart spans a new year (%s)", (language, dec16, dec2) => {
    const text = shippedText(language);
    const alt = altText(overNewYear(language), text);
    for (const sentence of [
      text("chart_alt_deteriorated", { rc: 5, dates: dec16 }),
      text("chart_alt_safety", { dates: dec16 }),
      text("chart_alt_risk", { dates: dec16 }),
      text("chart_alt_alliance_below", { threshold: 36, dates: dec2 }),
    ])
      expect(alt).toContain(sentence);
  });

  it.each([
    ["en", "Dec 16"],
    ["es", "16 dic"],
    ["de", "16. Dez."],
  ])("writes short dates when the whole chart is within one year (%s)", (language, dec16) => {
    const text = shippedText(language);
    const data = chartData(
      input("A", weekly([20, 19, 17, 16, 14], [], { start: "2026-11-18T09:00:00Z", risk: [4] }), {
        language,
      }),
    );
    expect(altText(data, text)).toContain(text("chart_alt_risk", { dates: dec16 }));
  });

  it("reads the year in the therapist's zone: New Year's Eve in New York is still the old year", () => {
    const at = (iso: string, risk: boolean) => ({
      at: iso,
      episode: 1,
      progress: 20,
      alliance: null,
      safety: false,
      risk,
    });
    // 23:30 UTC on Dec 31 is already 2027 in Berlin: the chart spans two years there.
    const berlin = chartData(
      input("A", [at("2026-12-24T10:00:00Z", true), at("2026-12-31T23:30:00Z", false)], { language: "en" }),
    );
    expect(altText(berlin, englishText)).toContain("Risk words on Dec 24, 2026.");
    // 02:00 UTC on Jan 1 is Dec 31 in New York: one year there.
    const newYork = chartData(
      input("A", [at("2026-12-24T10:00:00Z", false), at("2027-01-01T02:00:00Z", true)], {
        language: "en",
        timeZone: "America/New_York",
      }),
    );
    expect(altText(newYork, englishText)).toContain("Risk words on Dec 31.");
  });

  it("says too early to tell after one score, and what is missing", () => {
    const alt = altText(chartData(input("A", weekly([20]))), englishText);
    expect(alt).toContain(
      "Against the default trajectory: too early to tell, it needs two progress check-ins.",
    );
    // The expected path at the first check-in is the first score: no numbers that mean nothing yet.
    expect(alt).not.toMatch(/expected \d|not on track below/);
    expect(alt).toContain("No alliance check-ins yet.");
    expect(alt).not.toContain("From ");
  });

  it("gives each caseload panel a sentence with its alias and warning", () => {
    const alt = caseloadAltText(
      [
        { data: notOnTrack(), note: "not on track" },
        { data: twenty("J.P."), note: "no change yet" },
      ],
      englishText,
    );
    expect(alt).toContain("Clients with an open warning: 2.");
    // The panel is the current episode: its scores start at the second episode's intake.
    expect(alt).toContain("K.M., not on track: progress 17 (9 Mar); 3 more in between; 13 (6 Apr);");
    expect(alt).toContain("J.P., no change yet: progress");
  });

  it("dates a caseload panel as its axis does: whole dates when the client's chart spans two years", () => {
    const data = chartData(
      input("A", weekly([20, 19, 30, 18, 12], [], { start: "2026-12-16T09:00:00Z", episodeFrom: 3 }), {
        language: "en",
      }),
    );
    const alt = caseloadAltText([{ data, note: "not on track" }], englishText);
    expect(alt).toContain("A, not on track: progress 18 (Jan 6, 2027); 12 (Jan 13, 2027);");
  });

  it("bounds a caseload panel's scores: the first, how many lie between, and the latest four", () => {
    const alt = caseloadAltText(
      [{ data: twenty("J.P."), note: "no change yet", alliance: true }],
      englishText,
    );
    const panel = alt.slice(alt.indexOf("J.P."));
    // Twenty check-ins: the first, 15 between, the last four; the alliance alike.
    expect(panel).toMatch(
      /progress \d+ \(2 Feb\); 15 more in between; \d+ \(25 May\); \d+ \(1 Jun\); \d+ \(8 Jun\); \d+ \(15 Jun\); /,
    );
    expect(panel).toMatch(/Alliance \d+ \(2 Feb\); 15 more in between; \d+ \(25 May\); /);
    expect(panel.match(/\(\d+ \w+\)/g)).toHaveLength(10);
    // Six or fewer are listed whole: "1 more in between" would save nothing.
    const six = caseloadAltText(
      [{ data: chartData(input("A", weekly([20, 19, 18, 17, 16, 15]))), note: "not on track" }],
      englishText,
    );
    expect(six).toContain(
      "progress 20 (2 Feb); 19 (9 Feb); 18 (16 Feb); 17 (23 Feb); 16 (2 Mar); 15 (9 Mar);",
    );
  });
});
