import { describe, expect, it } from "vitest";
import { compilePhrase, type PhrasePart, spellingsOf } from "../../src/clinical/risk-phrases.js";
import { reachOf } from "../../src/clinical/risk-reach.js";
import type { RiskLists } from "../../src/clinical/risk-screen.js";
import { JOINS } from "../../src/clinical/risk-spellings.js";
import { screenTokens } from "../../src/clinical/risk-tokens.js";
import { PhraseTree, type TerminalKind } from "../../src/clinical/risk-tree.js";
import { kindOf, type Local, walk } from "../../src/clinical/risk-walk.js";
import { shippedLists } from "./corpus.js";

/**
 * The reach (risk-reach.ts) bounds the second reading around a slip (risk-screen.ts): it must be
 * at least the longest span any phrase or exception can match, in canonical words and in written
 * words. Every entry of the shipped lists is written out at its longest (each slot's longest
 * alternative, each gap its three words, two fillers after each word where the language has them,
 * joined words written apart) and matched: no match may run further than the reach.
 */
const KINDS: [keyof RiskLists, TerminalKind][] = [
  ["disclosure", "disclosure"],
  ["acute", "acute"],
  ["acute_exceptions", "acute_exception"],
  ["concern", "concern"],
  ["exceptions", "exception"],
];

function treeOf(lists: readonly RiskLists[]): PhraseTree {
  const tree = new PhraseTree();
  for (const list of lists) {
    tree.setForms(list.language, list);
    for (const [key, kind] of KINDS)
      for (const p of (list[key] as readonly string[] | undefined) ?? []) tree.add(kind, list.language, p);
  }
  return tree;
}

const SPLIT = new Map(Object.entries(JOINS).map(([pair, joined]) => [joined, pair]));
const size = (alt: readonly PhrasePart[]) => alt.reduce((n, p) => n + (p.kind === "gap" ? p.max : 1), 0);

/** A phrase written out at its longest; `filler` after each word but the last, when given. */
function longestForm(phrase: string, list: RiskLists, filler: string | undefined): string {
  const { slots } = compilePhrase(phrase, spellingsOf(list.spellings ?? []));
  const parts = slots.flatMap((slot) => slot.reduce((a, b) => (size(b) > size(a) ? b : a)));
  const written = parts.map((p) => {
    if (p.kind === "word") return SPLIT.get(p.word) ?? p.word;
    if (p.kind === "prefix") return `${SPLIT.get(p.prefix) ?? p.prefix}ing`;
    if (p.kind === "number") return "30";
    return "plonk plonk plonk";
  });
  // Fillers between two words (a filler next to a gap is read only where the gap's next word goes on).
  const between = (i: number) =>
    parts[i]?.kind !== "gap" && parts[i + 1] !== undefined && parts[i + 1]?.kind !== "gap";
  return written.map((w, i) => (filler && between(i) ? `${w} ${filler} ${filler}` : w)).join(" ");
}

/** The canonical and written words of the longest match of `phrase` at the start of `text`. */
function longestMatch(tree: PhraseTree, text: string, phrase: string): { words: number; written: number } {
  const { words, starts, ends } = screenTokens(text);
  const found: Local[] = [];
  walk(tree.root, words, words.map(kindOf), 0, 0, found);
  const own = found.filter((f) => f.terminal.phrase === phrase);
  const end = Math.max(0, ...own.map((f) => f.end));
  if (end === 0) return { words: 0, written: 0 };
  const span = text.slice(starts[0], ends[end - 1]);
  return { words: end, written: span.split(/\s+/).filter((w) => /\p{L}|\d/u.test(w)).length };
}

describe("the reach of the shipped lists", () => {
  const lists = ["en", "de", "es"].map(shippedLists);
  const tree = treeOf(lists);
  const reach = reachOf(tree.root);

  it("is at least the longest match of every entry written out at its longest", () => {
    let matched = 0;
    let entries = 0;
    let longest = { words: 0, written: 0 };
    for (const list of lists)
      for (const [key, kind] of KINDS)
        for (const phrase of (list[key] as readonly string[] | undefined) ?? []) {
          // An exception stretched over a filler ends nothing (risk-walk.ts): written without.
          const filler = kind.includes("exception") ? undefined : list.fillers?.[0];
          entries++;
          const span = longestMatch(tree, longestForm(phrase, list, filler), phrase);
          if (span.words > 0) matched++;
          expect(span.words, phrase).toBeLessThanOrEqual(reach.words);
          expect(span.written, phrase).toBeLessThanOrEqual(reach.written);
          if (span.written > longest.written) longest = span;
        }
    // The forms are read as the lists mean them: nearly every entry matches its own form.
    expect(matched).toBeGreaterThan(entries * 0.99);
    expect(longest.written).toBeGreaterThan(10);
  });

  it("fits in the first reading's look-ahead of 64 words", () => {
    expect(reach.words).toBeLessThanOrEqual(64);
  });
});

describe("the reach of a small list", () => {
  const list = (disclosure: string[], fillers?: string[]): RiskLists => ({
    language: "xx",
    disclosure,
    concern: [],
    exceptions: [],
    ...(fillers ? { fillers } : {}),
  });

  it("counts each word, a gap's three words and the longest alternative", () => {
    expect(reachOf(treeOf([list(["alpha .. beta {gamma delta|epsilon}", "zeta"])]).root)).toEqual({
      words: 7,
      written: 10,
    });
  });

  it("counts two fillers at every word that may be followed by them", () => {
    // Three words and a gap, each followed by up to two fillers (any word: written two each).
    expect(reachOf(treeOf([list(["alpha .. beta gamma"], ["eh"])]).root)).toEqual({
      words: 6 + 4 * 2,
      written: 9 + 4 * 4,
    });
  });

  it("counts a joined word as two written words", () => {
    expect(reachOf(treeOf([list(["hurt myself badly", "every* time"])]).root)).toEqual({
      words: 3,
      written: 4,
    });
  });
});
