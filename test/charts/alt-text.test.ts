import { describe, expect, it } from "vitest";
import { altText, caseloadAltText } from "../../src/charts/alt-text.js";
import { chartData } from "../../src/charts/chart-data.js";
import { englishText, improving, input, notOnTrack, twenty, weekly } from "./fixtures.js";

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
    expect(alt).toContain("No safety answer yes and no risk words in a check-in.");
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

  it("says too early to tell after one score, and what is missing", () => {
    const alt = altText(chartData(input("A", weekly([20]))), englishText);
    expect(alt).toContain("Against the default trajectory: too early to tell");
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
    expect(alt).toContain("K.M., not on track: progress 17 (9 Mar); 18 (16 Mar)");
    expect(alt).toContain("J.P., no change yet: progress");
  });
});
