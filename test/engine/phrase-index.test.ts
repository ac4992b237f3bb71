import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { canonicalWords, screenTokens } from "../../src/clinical/risk-tokens.js";
import { riskItemRules } from "../../src/engine/checkin/risk-item-answer.js";
import { choicePhrasesIn, type PhrasePlace, phrasesIn } from "../../src/engine/risk/phrase-index.js";
import type { SafetyChoice } from "../../src/engine/risk/safety-answer.js";
import * as hedges from "../../src/engine/risk/safety-hedges.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { harmlessMessages, riskMessages } from "../clinical/corpus.js";

/**
 * The safety question's choices and hedges are found through an index by first word: it must find
 * exactly what reading every phrase at every word finds, for the choices as the engine builds them
 * in every shipped language and for each list of hedges, over the risk corpora and each phrase
 * typed inside other words.
 */
const catalog = loadPrompts(fileURLToPath(new URL("../../prompts", import.meta.url)));

function everyPlace(words: readonly string[], choices: readonly SafetyChoice[]): PhrasePlace[] {
  const found: PhrasePlace[] = [];
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

/** A plain list read as choices of value 0, one phrase each. */
const asChoices = (phrases: readonly string[]): SafetyChoice[] =>
  phrases.map((label) => ({ value: 0, label, words: [] }));

/** Each phrase alone and typed inside other words. */
const typedAround = (phrases: readonly string[]) => [
  ...corpus,
  ...phrases.flatMap((p) => [p, `well ${p}`, `${p} i guess`, `no ${p} no`, `${p} ${p}`]),
  "",
  "🙂",
];

const order = (a: PhrasePlace, b: PhrasePlace) => a.start - b.start || a.end - b.end || a.value - b.value;

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
      let found = 0;
      for (const text of typedAround(phrases)) {
        const words = screenTokens(text).words;
        const indexed = choicePhrasesIn(words, choices);
        expect([...indexed].sort(order), text).toEqual(everyPlace(words, choices).sort(order));
        found += indexed.length;
      }
      expect(found).toBeGreaterThan(phrases.length * 4);
    },
  );

  const hedgeLists = Object.entries(hedges).filter((e): e is [string, string[]] => Array.isArray(e[1]));

  it("has the hedge lists", () => {
    expect(hedgeLists.map(([name]) => name)).toEqual(
      expect.arrayContaining(["UNSURE", "NOT_A_DENIAL", "QUALIFIED_NO", "MAYBE_NOT", "DENIES_ACTING"]),
    );
  });

  it.each(hedgeLists)("%s: the index finds what every phrase read at every word finds", (_, phrases) => {
    let found = 0;
    for (const text of typedAround(phrases)) {
      const words = screenTokens(text).words;
      const indexed = phrasesIn(words, phrases);
      expect([...indexed].sort(order), text).toEqual(everyPlace(words, asChoices(phrases)).sort(order));
      found += indexed.length;
    }
    expect(found).toBeGreaterThan(phrases.length * 4);
  });
});
