import { describe, expect, it } from "vitest";
import { checkinInstruments, readPlanList } from "../../src/engine/checkin/instrument-plan.js";

const DEFAULT = { clinic: ["alliance", "progress"], safetyQuestion: true };

describe("checkinInstruments", () => {
  it("asks the clinic's default as before: the safety question after progress, only in the part that has it", () => {
    expect(checkinInstruments(null, "whole", DEFAULT)).toEqual(["alliance", "progress", "safety"]);
    expect(checkinInstruments(null, "week", DEFAULT)).toEqual(["progress", "safety"]);
    expect(checkinInstruments(null, "session", DEFAULT)).toEqual(["alliance"]);
    expect(checkinInstruments(null, "whole", { ...DEFAULT, safetyQuestion: false })).toEqual([
      "alliance",
      "progress",
    ]);
    // A clinic that does not ask about progress has no safety question to add.
    expect(checkinInstruments(null, "whole", { clinic: ["alliance"], safetyQuestion: true })).toEqual([
      "alliance",
    ]);
  });

  it("asks a client's plan in its order; the safety question cannot be dropped by leaving progress out", () => {
    expect(checkinInstruments(["phq9", "alliance"], "whole", DEFAULT)).toEqual([
      "phq9",
      "alliance",
      "safety",
    ]);
    expect(checkinInstruments(["phq9", "alliance"], "week", DEFAULT)).toEqual(["phq9", "safety"]);
    expect(checkinInstruments(["phq9", "alliance"], "session", DEFAULT)).toEqual(["alliance"]);
  });

  it("has no after-session part without the alliance, and the alliance alone is a whole check-in", () => {
    expect(checkinInstruments(["phq9"], "session", DEFAULT)).toEqual([]);
    expect(checkinInstruments(["alliance"], "week", DEFAULT)).toEqual([]);
    expect(checkinInstruments(["alliance"], "session", DEFAULT)).toEqual(["alliance", "safety"]);
  });

  it("puts the safety question after the instrument the clinic lists it after, else last", () => {
    const clinic = { clinic: ["alliance", "progress", "safety", "phq9"], safetyQuestion: false };
    expect(checkinInstruments(null, "whole", clinic)).toEqual(["alliance", "progress", "safety", "phq9"]);
    expect(checkinInstruments(["phq9", "progress"], "whole", clinic)).toEqual(["phq9", "progress", "safety"]);
    expect(checkinInstruments(["progress", "phq9"], "whole", clinic)).toEqual(["progress", "safety", "phq9"]);
    expect(checkinInstruments(["phq9"], "whole", clinic)).toEqual(["phq9", "safety"]);
    const first = { clinic: ["safety", "progress"], safetyQuestion: true };
    expect(checkinInstruments(["phq9"], "whole", first)).toEqual(["safety", "phq9"]);
  });

  it("leaves out ids the prompts no longer have, and the safety question a plan names; none left is the clinic's", () => {
    const known = (id: string) => id !== "gone";
    expect(checkinInstruments(["gone", "progress", "safety", "progress"], "whole", DEFAULT, known)).toEqual([
      "progress",
      "safety",
    ]);
    expect(checkinInstruments(["gone"], "whole", DEFAULT, known)).toEqual(["alliance", "progress", "safety"]);
  });
});

describe("readPlanList", () => {
  const available = ["alliance", "phq9", "progress"];

  it("reads ids as typed, with commas or spaces, in order, each once, in lower case", () => {
    expect(readPlanList(["Progress,alliance,", "PHQ9", "progress"], available)).toEqual({
      ok: true,
      ids: ["progress", "alliance", "phq9"],
    });
    expect(readPlanList([","], available)).toEqual({ ok: true, ids: [] });
  });

  it("names every id not available", () => {
    expect(readPlanList(["progress,gad7,phq8"], available)).toEqual({ ok: false, unknown: ["gad7", "phq8"] });
    expect(readPlanList(["safety"], available)).toEqual({ ok: false, unknown: ["safety"] });
  });

  it("reads a measure's number typed apart as part of its id", () => {
    expect(readPlanList(["progress", "PHQ", "9"], available)).toEqual({
      ok: true,
      ids: ["progress", "phq9"],
    });
    expect(readPlanList(["phq 9, alliance"], available)).toEqual({ ok: true, ids: ["phq9", "alliance"] });
    expect(readPlanList(["9"], available)).toEqual({ ok: false, unknown: ["9"] });
  });
});
