import { describe, expect, it } from "vitest";
import { type RuleState, repeatDecision } from "../../src/clinical/warning-repeat.js";

// CLINICAL.md, "What the therapist receives": a rule warns when it starts to apply, again only
// when clearly worse than at its last warning, and anew after it stopped applying.
describe("repeatDecision", () => {
  it.each<{ previous: RuleState | undefined; applies: boolean; value: number; send: boolean; why: string }>([
    { previous: undefined, applies: true, value: 30, send: true, why: "starts to apply" },
    { previous: undefined, applies: false, value: 30, send: false, why: "does not apply" },
    { previous: { active: true, warnedValue: 35 }, applies: true, value: 35, send: false, why: "no worse" },
    {
      previous: { active: true, warnedValue: 35 },
      applies: true,
      value: 34.1,
      send: false,
      why: "worse, not clearly",
    },
    {
      previous: { active: true, warnedValue: 35 },
      applies: true,
      value: 34,
      send: true,
      why: "worse by the step",
    },
    { previous: { active: true, warnedValue: 35 }, applies: true, value: 37, send: false, why: "better" },
    {
      previous: { active: false, warnedValue: 35 },
      applies: true,
      value: 38,
      send: true,
      why: "returns after stopping",
    },
    {
      previous: { active: true, warnedValue: 35 },
      applies: false,
      value: 38,
      send: false,
      why: "stops applying",
    },
    {
      previous: { active: true, warnedValue: 0.1 + 0.2 + 35 },
      applies: true,
      value: 34.3,
      send: true,
      why: "tenths",
    },
  ])("$why", ({ previous, applies, value, send }) => {
    const decision = repeatDecision(previous, applies, value, 1);
    expect(decision.send).toBe(send);
    // A run begins only with a warning to a rule that was not applying: a repeat continues it.
    expect(decision.starts).toBe(send && previous?.active !== true);
  });

  /** Runs a sequence through repeat control: which steps send. */
  function run(steps: (number | null)[], applies: (v: number) => boolean, worseBy: number): boolean[] {
    let state: RuleState | undefined;
    return steps.map((v) => {
      if (v === null) return false;
      const d = repeatDecision(state, applies(v), v, worseBy);
      state = d.next;
      return d.send;
    });
  }

  it("warns about a new alliance problem after a recovery (not 'still applies')", () => {
    // Alliance rule: concern below 36 or a drop of 1 or more since the last alliance check-in.
    const totals = [40, 39, 40, 40, 38, 35];
    let previous: number | undefined;
    const applies = (v: number) => {
      const fell = previous !== undefined && previous - v >= 1;
      previous = v;
      return v < 36 || fell;
    };
    expect(run(totals, applies, 1)).toEqual([false, true, false, false, true, true]);
  });

  it("a steady low alliance warns once, a further drop of 1 warns again", () => {
    const totals = [34, 34, 34, 33, 33, 31.5];
    expect(run(totals, (v) => v < 36, 1)).toEqual([true, false, false, true, false, true]);
  });

  it("deterioration warns again only after a further reliable change (5 points)", () => {
    const totals = [19, 18, 15, 14, 13.5];
    expect(run(totals, () => true, 5)).toEqual([true, false, false, true, false]);
  });
});

describe("a part of the rule that starts to apply", () => {
  it("warns though not clearly worse: an alliance drop warned at 37 is a concern at 35", () => {
    const previous = { active: true, warnedValue: 37 };
    expect(repeatDecision(previous, true, 35, 3)).toMatchObject({ send: false });
    expect(repeatDecision(previous, true, 35, 3, true)).toEqual({
      send: true,
      starts: false,
      next: { active: true, warnedValue: 35 },
    });
  });
});
