import { canonicalWords } from "../../clinical/risk-tokens.js";
import { madeOnce } from "../../made-once.js";
import type { SafetyChoice } from "./safety-answer.js";

/** Where a phrase stands in a message's words, from `start` up to, not including, `end`. */
export interface PhrasePlace {
  start: number;
  end: number;
  /** The value of the choice the phrase names; 0 for a phrase of a plain list. */
  value: number;
}

type PhraseIndex = ReadonlyMap<string, readonly { rest: readonly string[]; value: number }[]>;

/**
 * Phrases by their first canonical word, made once per list. The safety question's choices carry
 * the yes and no of every shipped language, some three hundred phrases, and its hedges another two
 * hundred: looking each up at every word of every answer was most of an answer's reading.
 */
function indexOf(phrases: Iterable<readonly [phrase: string, value: number]>): PhraseIndex {
  const made = new Map<string, { rest: readonly string[]; value: number }[]>();
  for (const [phrase, value] of phrases) {
    const [first, ...rest] = canonicalWords(phrase);
    if (first === undefined) continue;
    const entries = made.get(first) ?? [];
    entries.push({ rest, value });
    made.set(first, entries);
  }
  return made;
}

const choiceIndexes = new WeakMap<readonly SafetyChoice[], PhraseIndex>();
const indexChoices = (choices: readonly SafetyChoice[]) =>
  indexOf(choices.flatMap((c) => [c.label, ...c.words].map((phrase) => [phrase, c.value] as const)));

const listIndexes = new WeakMap<readonly string[], PhraseIndex>();
const indexList = (phrases: readonly string[]) => indexOf(phrases.map((phrase) => [phrase, 0] as const));

/** Every place in `words` where a phrase of the index stands, in the order of the words. */
function placesIn(words: readonly string[], index: PhraseIndex): PhrasePlace[] {
  const found: PhrasePlace[] = [];
  words.forEach((word, start) => {
    for (const { rest, value } of index.get(word) ?? []) {
      const end = start + 1 + rest.length;
      if (end <= words.length && rest.every((w, k) => words[start + 1 + k] === w))
        found.push({ start, end, value });
    }
  });
  return found;
}

/** Every place in `words` where a choice's label or word stands, with the choice's value. */
export function choicePhrasesIn(words: readonly string[], choices: readonly SafetyChoice[]): PhrasePlace[] {
  return placesIn(words, madeOnce(choiceIndexes, choices, indexChoices));
}

/** Every place in `words` where a phrase of `phrases` stands (a list that never changes: it is indexed once). */
export function phrasesIn(words: readonly string[], phrases: readonly string[]): PhrasePlace[] {
  return placesIn(words, madeOnce(listIndexes, phrases, indexList));
}
