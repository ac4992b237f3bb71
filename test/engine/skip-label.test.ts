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

  // Typed as people answer "anything else?": nothing to add, not a comment "no" for the therapist.
  it.each([
    "no",
    "No.",
    "nope",
    "nah thanks",
    "no thanks 🙂",
    "nothing",
    "nothing else",
    "nope all good",
    "thanks!",
    "ok thank you 🙏",
    "👍",
    "n/a",
    "alles gut",
    "nix",
    "nix weiter",
    "nichts besonderes",
    "nein danke",
    "nada",
    "todo bien, gracias",
    "nada en especial",
    "nada mas que decir",
  ])("%j is nothing to add", (typed) => {
    const words = {
      numbers: [],
      out_of: [],
      no: ["no", "nope", "nah", "nah, thanks", "no thanks", "nein danke"],
    };
    expect(decideCheckinInput(atComment, { kind: "text", text: typed }, { ...rules, words })).toEqual({
      type: "complete",
      comment: null,
    });
  });

  it.each([
    "no?",
    "nothing helps",
    "not really sleeping",
    "thanks for nothing",
    "nix passt",
    "Passt nix.",
    "nichts passt",
    "nada vale",
    "😢",
    "no idea what to say but it was hard",
  ])("%j is a comment", (typed) => {
    const words = { numbers: [], out_of: [], no: ["no", "nope"] };
    expect(decideCheckinInput(atComment, { kind: "text", text: typed }, { ...rules, words })).toEqual({
      type: "complete",
      comment: typed,
    });
  });

  it("reads the value without a label", () => {
    expect(isSkip("skip")).toBe(true);
    expect(isSkip("Überspringen")).toBe(false);
  });
});
