import { APOSTROPHE_FORMS, EXPANSIONS, JOINS, KEEP_DOUBLE } from "./risk-spellings.js";

/**
 * Typing errors read as the word meant (CLINICAL.md, "Risk and safety": missing a disclosure is the
 * one error the screen must not make, and people in distress type fast, on phones). A word the
 * lists do not know ("cnat", "anymroe", "evryone", "nciht") is read as the one word of the lists'
 * vocabulary (the phrase tree's words and fillers, the spelled-out forms and what they spell) that
 * it is one slip away from: a letter missing, two neighbours swapped, or, next to a vocabulary word
 * of five letters or more, a letter too many. A letter typed for another is not a slip read here:
 * "bills" is not "pills", nor "bill" "kill". A word the lists know is never changed, nor one
 * shorter than four letters, nor one with two or more candidates.
 *
 * risk-screen.ts reads a text a second time with these corrections only when it has such a word
 * (most texts, and every pressed button, have none), and keeps what either reading flags. The
 * look-up is SymSpell's: every vocabulary word and each of its one-letter deletions are indexed, so
 * a word costs a few map look-ups, remembered for the words seen again.
 */

/** The words of the phrase tree, as risk-tree.ts builds it (only what this file reads). */
interface VocabularyNode {
  words: ReadonlyMap<string, VocabularyNode>;
  prefixes: ReadonlyMap<number, readonly { prefix: string; node: VocabularyNode }[]>;
  number: VocabularyNode | undefined;
  gap: { node: VocabularyNode } | undefined;
  next: readonly VocabularyNode[];
  fillers: ReadonlySet<string> | undefined;
}

export interface Corrector {
  /** The word meant, or the word itself when it is known, too short or not one slip from one word. */
  correct(word: string): string;
}

/** Shorter words are left as written: too many short words are one letter from another. */
const MIN_LENGTH = 4;
/** A letter too many is read off only next to a word this long ("diet" is not "die", "send" not "end"). */
const MIN_LENGTH_EXTRA = 5;
/** Words remembered per corrector, so a long text's repeated words cost one look-up. */
const REMEMBERED = 20_000;
const LOWER_ASCII = /^[a-z]+$/;

export function typoCorrector(root: VocabularyNode): Corrector {
  const known = new Set<string>();
  const prefixes = new Set<string>();
  collect(root, known, prefixes, new Set());
  for (const [key, words] of Object.entries(EXPANSIONS)) {
    known.add(key);
    for (const w of words) known.add(w);
  }
  for (const [pair, joined] of Object.entries(JOINS)) {
    for (const w of pair.split(" ")) known.add(w);
    known.add(joined);
  }
  for (const w of [...KEEP_DOUBLE, ...Object.keys(APOSTROPHE_FORMS)]) known.add(w);
  const prefixLengths = [...new Set([...prefixes].map((p) => p.length))];

  // SymSpell: each word and its one-letter deletions, pointing back at the words.
  const index = new Map<string, string[]>();
  const enter = (key: string, word: string) => {
    const at = index.get(key);
    if (at === undefined) index.set(key, [word]);
    else if (!at.includes(word)) at.push(word);
  };
  for (const word of known) {
    if (!LOWER_ASCII.test(word) || word.length < MIN_LENGTH) continue;
    enter(word, word);
    for (const d of deletions(word)) enter(d, word);
  }

  const isKnown = (word: string) =>
    known.has(word) || prefixLengths.some((n) => n <= word.length && prefixes.has(word.slice(0, n)));
  const remembered = new Map<string, string>();
  const lookUp = (word: string): string => {
    const found = new Set<string>();
    for (const w of index.get(word) ?? []) if (oneSlip(word, w)) found.add(w);
    for (const d of deletions(word)) for (const w of index.get(d) ?? []) if (oneSlip(word, w)) found.add(w);
    // Words spelled out alike are one word meant ("myself", "meself").
    const meanings = new Set([...found].map((w) => EXPANSIONS[w]?.join(" ") ?? w));
    const [only] = found;
    return meanings.size === 1 && only !== undefined ? only : word;
  };
  return {
    correct(word) {
      if (word.length < MIN_LENGTH - 1 || known.has(word)) return word;
      let meant = remembered.get(word);
      if (meant !== undefined) return meant;
      meant = !LOWER_ASCII.test(word) || isKnown(word) ? word : lookUp(word);
      if (remembered.size >= REMEMBERED) remembered.clear();
      remembered.set(word, meant);
      return meant;
    },
  };
}

function collect(
  at: VocabularyNode,
  known: Set<string>,
  prefixes: Set<string>,
  seen: Set<VocabularyNode>,
): void {
  if (seen.has(at)) return;
  seen.add(at);
  for (const w of at.fillers ?? []) known.add(w);
  for (const [w, next] of at.words) {
    known.add(w);
    collect(next, known, prefixes, seen);
  }
  for (const bucket of at.prefixes.values())
    for (const p of bucket) {
      prefixes.add(p.prefix);
      collect(p.node, known, prefixes, seen);
    }
  if (at.number) collect(at.number, known, prefixes, seen);
  if (at.gap) collect(at.gap.node, known, prefixes, seen);
  for (const next of at.next) collect(next, known, prefixes, seen);
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * A letter missing from `typed` ("evryone"), two neighbours swapped ("cnat"), or one letter too
 * many next to a long enough word ("anymorre" is squeezed already; "anymoure"). Not a letter for another.
 */
export function oneSlip(typed: string, meant: string): boolean {
  if (typed === meant) return false;
  if (typed.length + 1 === meant.length) return dropsOne(meant, typed);
  if (typed.length < MIN_LENGTH) return false;
  if (typed.length === meant.length + 1) return meant.length >= MIN_LENGTH_EXTRA && dropsOne(typed, meant);
  if (typed.length !== meant.length) return false;
  let i = 0;
  while (i < typed.length && typed[i] === meant[i]) i++;
  return (
    i + 1 < typed.length &&
    typed[i] === meant[i + 1] &&
    typed[i + 1] === meant[i] &&
    typed.slice(i + 2) === meant.slice(i + 2)
  );
}

/**
 * `shorter` is `longer` with one letter left out, not the first: a slip drops or adds a letter
 * inside a word, while a first letter more or less is mostly another word ("early" and "nearly",
 * "sending" and "ending", "changing" and "hanging").
 */
function dropsOne(longer: string, shorter: string): boolean {
  let i = 0;
  while (i < shorter.length && longer[i] === shorter[i]) i++;
  // Letters repeated at the start ("aabc"): the one left out may be any of them.
  return i > 0 && longer.slice(i + 1) === shorter.slice(i);
}
