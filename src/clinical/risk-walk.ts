import { maskPattern } from "./risk-masks.js";
import { MASK } from "./risk-tokens.js";
import type { Node, Terminal } from "./risk-tree.js";

/**
 * The walk that reads a text's words through the tree of phrases (risk-tree.ts), following at
 * each word only the branches that can still match; risk-screen.ts drives it from every word.
 */

/** Fillers in a row that a phrase reads past: "bin eh halt allen nur ne last". */
export const MAX_FILLERS = 2;

const DIGITS = /^\d+$/;

export interface Local {
  terminal: Terminal;
  start: number;
  end: number;
}

/** What kind of word each position holds, worked out once per word rather than at every branch. */
export const PLAIN = 0;
export const MASKED = 1;
const NUMBER = 2;

export function kindOf(word: string): number {
  if (word.includes(MASK)) return MASKED;
  return DIGITS.test(word) ? NUMBER : PLAIN;
}

/**
 * Follows every branch of the tree that matches the words from position i on. `skipped` counts
 * the fillers read past since the phrase's last word (a match never ends on one, so the therapist
 * is shown the phrase's words); `read` says a word or filler led here, where fillers may be skipped
 * (not at the root, nor again at each meeting point of the same place). `bent` says a filler was
 * read past on the way: such a path ends no exception, for an idiom stretched over a filler would
 * cover a real match beside it ("ich will einfach sterben, halt vor scham"), and missing a
 * disclosure is the one error the screen must not make. Only phrases that flag take the slack.
 */
export function walk(
  at: Node,
  words: readonly string[],
  kinds: readonly number[],
  start: number,
  i: number,
  spans: Local[],
  skipped = 0,
  read = false,
  bent = false,
): void {
  const { ends, next } = at;
  if (skipped === 0)
    for (let e = 0; e < ends.length; e++) {
      const terminal = ends[e] as Terminal;
      if (!bent || terminal.kind !== "exception") spans.push({ terminal, start, end: i });
    }
  for (let n = 0; n < next.length; n++) {
    const to = next[n] as Node;
    if (mayContinue(to, words[i], kinds[i])) walk(to, words, kinds, start, i, spans, skipped, false, bent);
  }
  if (at.gap !== undefined) {
    const { max, node: after } = at.gap;
    for (let skip = 0; skip <= max && i + skip < words.length; skip++) {
      // Only continue where the word after the gap can go on: most cannot, and a call costs.
      // A gap that took words may be followed by fillers too ("tabletten hab ich mir halt aufgehoben").
      if (mayContinue(after, words[i + skip], kinds[i + skip])) {
        walk(after, words, kinds, start, i + skip, spans, skipped, skip > 0, bent);
      }
    }
  }
  const word = words[i];
  if (word === undefined) return;
  const kind = kinds[i];
  if (read && skipped < MAX_FILLERS && kind === PLAIN && at.fillers?.has(word)) {
    walk(at, words, kinds, start, i + 1, spans, skipped + 1, true, true);
  }
  if (kind === MASKED) {
    for (const [w, next] of at.words)
      if (maskPattern(word, true).test(w)) walk(next, words, kinds, start, i + 1, spans, 0, true, bent);
    for (const bucket of at.prefixes.values()) {
      for (const p of bucket)
        if (maskPattern(word, false).test(p.prefix))
          walk(p.node, words, kinds, start, i + 1, spans, 0, true, bent);
    }
    return;
  }
  const exact = at.words.get(word);
  if (exact) walk(exact, words, kinds, start, i + 1, spans, 0, true, bent);
  if (at.prefixes.size > 0) {
    const bucket = at.prefixes.get(word.charCodeAt(0));
    if (bucket !== undefined) {
      for (let p = 0; p < bucket.length; p++) {
        const entry = bucket[p] as { prefix: string; node: Node };
        if (word.startsWith(entry.prefix)) walk(entry.node, words, kinds, start, i + 1, spans, 0, true, bent);
      }
    }
  }
  if (at.number !== undefined && kind === NUMBER)
    walk(at.number, words, kinds, start, i + 1, spans, 0, true, bent);
}

function mayContinue(at: Node, word: string | undefined, kind: number | undefined): boolean {
  if (word === undefined) return at.ends.length > 0 || at.next.length > 0;
  return (
    kind !== PLAIN ||
    at.words.has(word) ||
    at.next.length > 0 ||
    at.gap !== undefined ||
    at.ends.length > 0 ||
    (at.prefixes.size > 0 && at.prefixes.has(word.charCodeAt(0)))
  );
}
