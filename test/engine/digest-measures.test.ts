import { describe, expect, it } from "vitest";
import { phq9Clinic } from "../helpers/measures.js";

/**
 * The weekly digest's line of a client names each scored measure's state, short, beside progress:
 * a digest once read "lena: on track; 1 check-in; progress 31, +17 … recovered" with her PHQ-9's
 * recovery (18 → 2) said nowhere. A client with only progress and the alliance gets no more words.
 */
const clinic = phq9Clinic();

/** Two check-ins in a week: the PHQ-9 at 16, then at 2 (item 9 at 0 both times); then the digest. */
async function digestLine(language: string, instruments: string[]): Promise<string> {
  const c = await clinic.checkins({
    language,
    instruments,
    config: { digest: { day: "mon", time: "08:00" } },
    start: "2026-11-02T09:00:00Z",
    before: [9, 9, 9, 9, 5, 5, 5, 5],
    phq9: [
      [2, 2, 2, 2, 2, 2, 2, 2, 0],
      [1, 1, 0, 0, 0, 0, 0, 0, 0],
    ],
    after: (c) => c.tick(24 * 3_600_000),
  });
  const digest = (await c.tickTo("2026-11-09T08:00:00Z")).find((d) => d.externalId === "rivera");
  return digest?.message.text.split("\n").find((l) => l.startsWith("- alex:")) ?? "";
}

describe("a scored measure in the digest's line of a client", () => {
  it.each([
    ["en", "PHQ-9 16 → 2, recovered"],
    ["de", "PHQ-9 16 → 2, erholt"],
    ["es", "PHQ-9 16 → 2, recuperación"],
  ])("%s: names the PHQ-9's recovery, %j", async (language, expected) => {
    const line = await digestLine(language, ["alliance", "progress", "phq9"]);
    expect(line).toContain(expected);
    expect(line.length).toBeLessThan(200);
  });

  it("adds nothing for a client with progress and the alliance only", async () => {
    const line = await digestLine("en", ["alliance", "progress"]);
    expect(line).toMatch(/^- alex: /);
    expect(line).not.toContain("→");
    expect(line).not.toContain("PHQ");
  });
});
