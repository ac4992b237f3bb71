import { describe, expect, it } from "vitest";
import { round1, totalOf } from "../../src/clinical/scores.js";
import { signed } from "../../src/engine/format.js";

describe("round1", () => {
  it.each([
    { value: 0.1 + 0.2, rounded: 0.3 },
    { value: 36, rounded: 36 },
    { value: 4.999999999999998, rounded: 5 },
    { value: 5.000000000000002, rounded: 5 },
    { value: -0.9999999999999964, rounded: -1 },
    { value: -0.9000000000000021, rounded: -0.9 },
    { value: 7.24, rounded: 7.2 },
    { value: 7.26, rounded: 7.3 },
    { value: -2.26, rounded: -2.3 },
    { value: 0.1 + 0.2 + 0.4, rounded: 0.7 },
  ])("$value → $rounded", ({ value, rounded }) => {
    expect(round1(value)).toBe(rounded);
  });
});

describe("totalOf", () => {
  const answers = [
    { instrument: "alliance", item: "heard", value: 9.1 },
    { instrument: "alliance", item: "goals", value: 9.2 },
    { instrument: "progress", item: "personal", value: 0.1 },
    { instrument: "progress", item: "relationships", value: 0.2 },
    { instrument: "alliance", item: "approach", value: 9.3 },
    { instrument: "alliance", item: "overall", value: 9.4 },
  ];

  it.each([
    { instrument: "alliance", total: 37 },
    { instrument: "progress", total: 0.3 },
    { instrument: "phq9", total: undefined },
  ])("$instrument → $total", ({ instrument, total }) => {
    expect(totalOf(answers, instrument)).toBe(total);
  });

  it("no answers → undefined; all zeros → 0", () => {
    expect(totalOf([], "progress")).toBeUndefined();
    expect(totalOf([{ instrument: "progress", item: "overall", value: 0 }], "progress")).toBe(0);
  });

  it("8.7 + 8.8 + 9.2 + 9.2 reads 35.9, an alliance concern", () => {
    const items = [8.7, 8.8, 9.2, 9.2].map((value, i) => ({ instrument: "alliance", item: `a${i}`, value }));
    expect(totalOf(items, "alliance")).toBe(35.9);
  });
});

describe("signed", () => {
  it.each([
    { delta: 3, text: "+3" },
    { delta: -2.5, text: "-2.5" },
    { delta: 0, text: "0" },
    { delta: 0.1 + 0.2, text: "+0.3" },
    { delta: 4.999999999999998, text: "+5" },
    { delta: -0.9999999999999964, text: "-1" },
    { delta: 0.04, text: "0" },
    { delta: -0.04, text: "0" },
    { delta: -1e-15, text: "0" },
  ])("$delta → $text", ({ delta, text }) => {
    expect(signed(delta)).toBe(text);
  });
});
