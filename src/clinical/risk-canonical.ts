/**
 * The last of the steps that make a text's words canonical (risk-tokens.ts reads the words and
 * passes each here): runs of the same letter read as one, a typing slip read as the word meant,
 * contractions and chat forms spelled out, and split words joined.
 */

import { EXPANSIONS, JOINS, KEEP_DOUBLE } from "./risk-spellings.js";

/** A letter of any script (risk-tokens.ts tells a mask from a separator by it, too). */
export const LETTER = /\p{L}/u;

const EXPANSION = new Map(Object.entries(EXPANSIONS));
const MAX_EXPANDED = Math.max(...[...EXPANSION.keys()].map((k) => k.length));
/** The joins by their first word, so most words cost one failed look-up. */
const JOIN = new Map<string, Map<string, string>>();
for (const [pair, joined] of Object.entries(JOINS)) {
  const [first = "", second = ""] = pair.split(" ");
  const seconds = JOIN.get(first) ?? new Map<string, string>();
  seconds.set(second, joined);
  JOIN.set(first, seconds);
}

/** Runs of the same letter as one: "dieeee" → "die", "kill" → "kil". */
export function squeeze(word: string): string {
  let out: string | undefined;
  let from = 0;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c !== word.charCodeAt(i - 1)) continue;
    // Digits repeat in numbers ("100"): only letters are squeezed.
    if (!isLetterCode(c, word[i] as string)) continue;
    out = (out ?? "") + word.slice(from, i);
    from = i + 1;
  }
  return out === undefined ? word : out + word.slice(from);
}

function isLetterCode(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(ch);
}

/** Receives each canonical word with where its chunk stood in the original text; false stops the reading. */
export type WordSink = (word: string, start: number, end: number) => boolean | undefined;
/** A word as a reading takes it; `start` is where its written form begins in the text. */
export type Correct = (word: string, start: number) => string;

/**
 * Spells out contractions and joins split words before passing words on: one word is held back
 * while it may be the first of a join ("my" before "self").
 */
export function canonicalSink(next: WordSink, correct: Correct | undefined) {
  let stopped = false;
  const sink = (word: string, start: number, end: number) => {
    if (next(word, start, end) === false) stopped = true;
  };
  let held: string | undefined;
  let heldStart = 0;
  let heldEnd = 0;
  let joins: Map<string, string> | undefined;
  const push = (word: string, start: number, end: number): void => {
    if (held !== undefined) {
      const joined = joins?.get(word);
      if (joined !== undefined) {
        sink(joined, heldStart, end);
        held = undefined;
        return;
      }
      sink(held, heldStart, heldEnd);
      held = undefined;
    }
    joins = JOIN.get(word);
    if (joins === undefined) sink(word, start, end);
    else {
      held = word;
      heldStart = start;
      heldEnd = end;
    }
  };
  return {
    get stopped(): boolean {
      return stopped;
    },
    /** `single`: the caller knows no letter repeats, so there is nothing to squeeze. */
    word(raw: string, start: number, end: number, single = false): void {
      const as = single || KEEP_DOUBLE.has(raw) ? raw : squeeze(raw);
      // A typing slip read as the word meant (risk-typos.ts), before it is spelled out ("cnat" → "can not").
      const squeezed = correct === undefined ? as : correct(as, start);
      const expanded = squeezed.length <= MAX_EXPANDED ? EXPANSION.get(squeezed) : undefined;
      if (expanded) for (const w of expanded) push(w, start, end);
      else push(squeezed, start, end);
    },
    flush(): void {
      if (held !== undefined) sink(held, heldStart, heldEnd);
      held = undefined;
    },
  };
}
