import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decideCheckinInput } from "../../src/engine/checkin/input.js";
import { riskItemRules } from "../../src/engine/checkin/risk-item-answer.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import type { Checkin } from "../../src/store/types.js";

/**
 * A pressed button is taken by its value without being read as typed words: every button of every
 * instrument in every shipped language must give what the same value, typed, gives.
 */
const catalog = loadPrompts(fileURLToPath(new URL("../../prompts", import.meta.url)));

function checkinAt(instrument: string, item: string): Checkin {
  return {
    id: 1,
    clientId: 1,
    episodeId: 1,
    seq: 1,
    status: "open",
    step: 0,
    plan: [{ instrument, item }],
    comment: null,
    createdAt: "2026-12-01T10:00:00.000Z",
    completedAt: null,
  };
}

const cases = [...catalog.languages.keys()].flatMap((language) => {
  const w = wordingFor(catalog, language);
  return [...w.pack.instruments.values()].flatMap((instrument) =>
    instrument.items.map((item) => ({ language, w, instrument, item: item.id })),
  );
});

describe("a pressed answer", () => {
  it("covers the shipped languages and a risk item among the instruments", () => {
    expect(new Set(cases.map((c) => c.language)).size).toBeGreaterThanOrEqual(3);
    expect(cases.some((c) => c.instrument.riskItem?.item === c.item)).toBe(true);
  });

  it.each(cases.map((c) => [`${c.language} ${c.instrument.id} ${c.item}`, c] as const))(
    "%s: each button gives what its value typed gives",
    (_, { w, instrument, item }) => {
      const atRisk = riskItemRules(w, instrument, item, catalog);
      const rules = {
        scale: instrument.scale,
        choices: atRisk?.choices ?? instrument.choices,
        commentMaxLength: 2000,
        words: w.pack.messages.words,
        safetyAbove: atRisk?.safetyAbove,
      };
      const values = instrument.choices
        ? instrument.choices.map((c) => c.value)
        : Array.from(
            { length: instrument.scale.max - instrument.scale.min + 1 },
            (_, i) => instrument.scale.min + i,
          );
      const checkin = checkinAt(instrument.id, item);
      for (const value of values) {
        const pressed = decideCheckinInput(checkin, { kind: "choice", value: String(value) }, rules);
        expect(pressed).toEqual({
          type: "answer",
          answer: { instrument: instrument.id, item, value },
          nextStep: 1,
        });
        expect(decideCheckinInput(checkin, { kind: "text", text: String(value) }, rules)).toEqual(pressed);
      }
    },
  );

  it("reads a pressed value that is no button as if it were typed", () => {
    const checkin = checkinAt("alliance", "heard");
    const rules = { scale: { min: 0, max: 10 }, commentMaxLength: 2000 };
    expect(decideCheckinInput(checkin, { kind: "choice", value: "11" }, rules)).toEqual({ type: "reask" });
    expect(decideCheckinInput(checkin, { kind: "choice", value: "7.5" }, rules)).toMatchObject({
      type: "answer",
      answer: { value: 7.5 },
    });
    const choices = [
      { value: 0, label: "No", words: [] },
      { value: 1, label: "Yes", words: [] },
    ];
    expect(decideCheckinInput(checkin, { kind: "choice", value: "2" }, { ...rules, choices })).toEqual({
      type: "reask",
    });
    expect(
      decideCheckinInput(checkin, { kind: "choice", value: "yes" }, { ...rules, choices }),
    ).toMatchObject({
      answer: { value: 1 },
    });
  });
});
