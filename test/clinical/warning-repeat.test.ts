import { describe, expect, it } from "vitest";
import { shouldSend } from "../../src/clinical/warning-repeat.js";

// A warning is sent once per rule and episode, and again only when worse than every earlier one.
describe("shouldSend", () => {
  it.each<{ severity: number; earlier: number[]; send: boolean; why: string }>([
    { severity: 0, earlier: [], send: true, why: "first warning" },
    { severity: 3, earlier: [], send: true, why: "first warning" },
    { severity: 1, earlier: [1], send: false, why: "equal severity" },
    { severity: 0, earlier: [0], send: false, why: "constant-severity rule fires once" },
    { severity: 1.1, earlier: [1], send: true, why: "worse by a tenth" },
    { severity: 0.9, earlier: [1], send: false, why: "better" },
    { severity: 2, earlier: [3, 1], send: false, why: "worse than the last but not the worst" },
    { severity: 3, earlier: [1, 3, 2], send: false, why: "equal to the worst" },
    { severity: 3.1, earlier: [1, 3, 2], send: true, why: "worse than every earlier" },
    { severity: 0.30000000000000004, earlier: [0.3], send: false, why: "equal in tenths" },
    { severity: 0.3, earlier: [0.1 + 0.2], send: false, why: "equal in tenths" },
    { severity: 4.999999999999998, earlier: [5], send: false, why: "equal in tenths" },
    { severity: 0.4, earlier: [0.1 + 0.2], send: true, why: "worse in tenths" },
    { severity: 5.1, earlier: [4.999999999999998], send: true, why: "worse in tenths" },
  ])("$severity after $earlier → $send ($why)", ({ severity, earlier, send }) => {
    expect(shouldSend(severity, earlier)).toBe(send);
  });
});
