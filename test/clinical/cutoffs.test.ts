import { describe, expect, it } from "vitest";
import { type AgeBand, ageBand, cutoffFor, MAX_AGE, MIN_AGE } from "../../src/clinical/cutoffs.js";

// CLINICAL.md: adults (18+) 25, 13 to 17 28, 6 to 12 (child version) 32; unknown age counts as adult.
const defaults = { adult: 25, adolescent: 28, child: 32 };

describe("cutoffFor with the CLINICAL.md defaults", () => {
  it.each<{ age: number | null | undefined; band: AgeBand; cutoff: number }>([
    { age: undefined, band: "adult", cutoff: 25 },
    { age: null, band: "adult", cutoff: 25 },
    { age: 120, band: "adult", cutoff: 25 },
    { age: 40, band: "adult", cutoff: 25 },
    { age: 18, band: "adult", cutoff: 25 },
    { age: 17, band: "adolescent", cutoff: 28 },
    { age: 13, band: "adolescent", cutoff: 28 },
    { age: 12, band: "child", cutoff: 32 },
    { age: 6, band: "child", cutoff: 32 },
  ])("age $age → $band, cutoff $cutoff", ({ age, band, cutoff }) => {
    expect(cutoffFor(age, defaults)).toEqual({ band, cutoff });
    expect(ageBand(age)).toBe(band);
  });
});

describe("cutoffFor with a clinic's own cutoffs", () => {
  const own = { adult: 24, adolescent: 27.5, child: 30 };
  it.each<{ age: number | null; cutoff: number }>([
    { age: null, cutoff: 24 },
    { age: 18, cutoff: 24 },
    { age: 17, cutoff: 27.5 },
    { age: 13, cutoff: 27.5 },
    { age: 12, cutoff: 30 },
  ])("age $age → $cutoff", ({ age, cutoff }) => {
    expect(cutoffFor(age, own).cutoff).toBe(cutoff);
  });
});

describe("age limits", () => {
  it("the youngest age has a band (child) and the oldest is adult", () => {
    expect(ageBand(MIN_AGE)).toBe("child");
    expect(ageBand(MAX_AGE)).toBe("adult");
    expect(MIN_AGE).toBe(6);
  });
});
