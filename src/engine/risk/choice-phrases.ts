import { canonicalWords } from "../../clinical/risk-tokens.js";
import type { SafetyChoice } from "./safety-answer.js";

/** Where a choice's label or one of its words stands in a message's words. */
export interface ChoicePhrase {
  start: number;
  end: number;
  value: number;
}

type PhraseIndex = ReadonlyMap<string, readonly { rest: readonly string[]; value: number }[]>;

/**
 * The choices' phrases by their first canonical word, made once per list of choices. The safety
 * question's choices carry the yes and no of every shipped language, some three hundred phrases:
 * looking each up at every word of every answer was most of an answer's reading.
 */
const indexes = new WeakMap<readonly SafetyChoice[], PhraseIndex>();

function indexOf(choices: readonly SafetyChoice[]): PhraseIndex {
  let index = indexes.get(choices);
  if (index) return index;
  const made = new Map<string, { rest: readonly string[]; value: number }[]>();
  for (const choice of choices) {
    for (const phrase of [choice.label, ...choice.words]) {
      const [first, ...rest] = canonicalWords(phrase);
      if (first === undefined) continue;
      const entries = made.get(first) ?? [];
      entries.push({ rest, value: choice.value });
      made.set(first, entries);
    }
  }
  index = made;
  indexes.set(choices, index);
  return index;
}

/** Every place in `words` where a choice's label or word stands, in the order of the words. */
export function choicePhrasesIn(words: readonly string[], choices: readonly SafetyChoice[]): ChoicePhrase[] {
  const index = indexOf(choices);
  const found: ChoicePhrase[] = [];
  words.forEach((word, start) => {
    for (const { rest, value } of index.get(word) ?? []) {
      const end = start + 1 + rest.length;
      if (end <= words.length && rest.every((w, k) => words[start + 1 + k] === w))
        found.push({ start, end, value });
    }
  });
  return found;
}
