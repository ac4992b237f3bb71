import { describe, expect, it } from "vitest";
import { decideCheckinInput, isSkip } from "../../src/engine/checkin/input.js";
import type { Checkin } from "../../src/store/types.js";

// The comment's Skip button sends "skip"; where buttons are not pressed (the console, a client who
// types), its label in the client's language skips too, not only the English word.
const atComment: Checkin = {
  id: 1,
  clientId: 1,
  episodeId: 1,
  seq: 1,
  status: "open",
  step: 1,
  plan: [{ instrument: "alliance", item: "heard" }],
  comment: null,
  createdAt: "2026-12-01T10:00:00.000Z",
  completedAt: null,
};
const rules = { scale: { min: 0, max: 10 }, commentMaxLength: 2000, skipLabel: "Überspringen" };

describe("Skip at the comment", () => {
  it.each(["skip", "Skip", "Überspringen", "überspringen", " ÜBERSPRINGEN "])("%s skips", (typed) => {
    expect(decideCheckinInput(atComment, { kind: "text", text: typed }, rules)).toEqual({
      type: "complete",
      comment: null,
    });
  });

  it("keeps anything else as the comment", () => {
    expect(decideCheckinInput(atComment, { kind: "text", text: "überspringen wir das" }, rules)).toEqual({
      type: "complete",
      comment: "überspringen wir das",
    });
  });

  it("reads the value without a label", () => {
    expect(isSkip("skip")).toBe(true);
    expect(isSkip("Überspringen")).toBe(false);
  });
});
