import { describe, expect, it } from "vitest";
import { noteLines } from "../../src/charts/note-lines.js";
import { chartMeasure } from "../../src/charts/render.js";

const measure = chartMeasure();
const lines = (note: string, max = 4) => noteLines(note, measure, 15, 230, max);

describe("a caseload panel's note in lines", () => {
  it("keeps a short note on one line", () => {
    expect(lines("alliance concern")).toEqual(["alliance concern"]);
  });

  it("breaks between the note's parts, never inside a date, each line within the width", () => {
    const got = lines("urgent alert 1 acknowledged Dec 15, 2026, not on track, alliance concern");
    expect(got.length).toBeGreaterThan(1);
    for (const line of got) expect(measure(line, 15)).toBeLessThanOrEqual(230);
    expect(got.join(" ")).toBe("urgent alert 1 acknowledged Dec 15, 2026, not on track, alliance concern");
    expect(got.some((l) => l.startsWith("2026"))).toBe(false);
  });

  it("ends with … at the most lines, fitting the width", () => {
    const long = Array.from({ length: 20 }, (_, i) => `flag number ${i}`).join(", ");
    const got = lines(long, 3);
    expect(got).toHaveLength(3);
    expect(got[2]?.endsWith("…")).toBe(true);
    for (const line of got) expect(measure(line, 15)).toBeLessThanOrEqual(230);
  });
});
