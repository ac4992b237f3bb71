import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { riskItemRules } from "../../src/engine/checkin/risk-item-answer.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { riskItemsOf } from "../../src/prompts/schema.js";
import { addGermanPhq9, phqGadPrompts } from "../helpers/measures.js";

/**
 * The PHQ-9's ninth item takes the safety question's yes and no words. Its rules are made once per
 * language and kept: the choices they hold are indexed and made comparable once each, which a copy
 * made on every answer would undo (a typed answer there read some 300 phrases anew).
 */
const dir = phqGadPrompts();
addGermanPhq9(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadPrompts(dir);

function ninth(language: string) {
  const w = wordingFor(catalog, language);
  const phq9 = w.instrument("phq9");
  const item = riskItemsOf(phq9)[0]?.item;
  return { w, phq9, item };
}

describe("the rules of the PHQ-9's ninth item", () => {
  it("are the same from one answer to the next", () => {
    const { w, phq9, item } = ninth("en");
    const first = riskItemRules(w, phq9, item, catalog);
    expect(first?.choices.length).toBe(4);
    expect(riskItemRules(wordingFor(catalog, "en"), phq9, item, catalog)).toBe(first);
  });

  it("carry the safety question's words of the client's language on the lowest and first answer above", () => {
    const en = ninth("en");
    const de = ninth("de");
    const enRules = riskItemRules(en.w, en.phq9, en.item, catalog);
    const deRules = riskItemRules(de.w, de.phq9, de.item, catalog);
    expect(deRules).not.toBe(enRules);
    const words = (rules: typeof enRules, value: number) =>
      rules?.choices.find((c) => c.value === value)?.words.map((w) => w.toLowerCase()) ?? [];
    expect(words(enRules, 0)).toContain("nope");
    expect(words(enRules, 1)).toContain("yes");
    expect(words(deRules, 0)).toContain("nein");
    expect(words(deRules, 1)).toContain("ja");
    // Nothing is added to the answers in between.
    expect(words(enRules, 2)).toEqual(
      en.phq9.choices?.find((c) => c.value === 2)?.words.map((w) => w.toLowerCase()),
    );
  });

  it("are none at an item that is no risk item", () => {
    const { w, phq9 } = ninth("en");
    expect(riskItemRules(w, phq9, phq9.items[0]?.id, catalog)).toBeUndefined();
  });
});
