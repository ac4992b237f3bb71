import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { canonicalWords, screenTokens } from "../../src/clinical/risk-tokens.js";
import { riskItemRules } from "../../src/engine/checkin/risk-item-answer.js";
import { type ChoicePhrase, choicePhrasesIn } from "../../src/engine/risk/choice-phrases.js";
import type { SafetyChoice } from "../../src/engine/risk/safety-answer.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { harmlessMessages, riskMessages } from "../clinical/corpus.js";

/**
 * The safety question's choices are found through an index by first word: it must find exactly what
 * reading every phrase at every word finds, for the choices as the engine builds them in every
 * shipped language, over the risk corpora and each phrase typed inside other words.
 */
const catalog = loadPrompts(fileURLToPath(new URL("../../prompts", import.meta.url)));

function everyPlace(words: readonly string[], choices: readonly SafetyChoice[]): ChoicePhrase[] {
  const found: ChoicePhrase[] = [];
  for (const choice of choices) {
    for (const phrase of [choice.label, ...choice.words]) {
      const wanted = canonicalWords(phrase);
      if (wanted.length === 0) continue;
      for (let start = 0; start + wanted.length <= words.length; start++) {
        if (wanted.every((w, k) => words[start + k] === w)) {
          found.push({ start, end: start + wanted.length, value: choice.value });
        }
      }
    }
  }
  return found;
}

const order = (a: ChoicePhrase, b: ChoicePhrase) => a.start - b.start || a.end - b.end || a.value - b.value;

const lists = [...catalog.languages.keys()].flatMap((language) => {
  const w = wordingFor(catalog, language);
  const safety = w.instrument("safety");
  const rules = riskItemRules(w, safety, safety.riskItem?.item, catalog);
  return rules ? [{ language, choices: rules.choices }] : [];
});

const corpus = ["en", "de", "es"].flatMap((l) => [
  ...riskMessages(`${l}-risk.tsv`).map((m) => m.text),
  ...harmlessMessages(`${l}-harmless.tsv`).map((m) => m.text),
]);

describe("the safety choices' phrases in a message", () => {
  it("has the safety question's choices of the shipped languages, each with many phrases", () => {
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const { choices } of lists) expect(choices.flatMap((c) => c.words).length).toBeGreaterThan(100);
  });

  it.each(lists.map((l) => [l.language, l.choices] as const))(
    "%s: the index finds what every phrase read at every word finds",
    (_, choices) => {
      const phrases = choices.flatMap((c) => [c.label, ...c.words]);
      const texts = [
        ...corpus,
        ...phrases.flatMap((p) => [p, `well ${p}`, `${p} i guess`, `no ${p} no`, `${p} ${p}`]),
        "",
        "🙂",
      ];
      let found = 0;
      for (const text of texts) {
        const words = screenTokens(text).words;
        const indexed = choicePhrasesIn(words, choices);
        expect([...indexed].sort(order), text).toEqual(everyPlace(words, choices).sort(order));
        found += indexed.length;
      }
      expect(found).toBeGreaterThan(phrases.length * 4);
    },
  );
});
