import { wordsAfter, wordsBefore } from "./risk-slip-windows.js";
import { EXPANSIONS, JOINS } from "./risk-spellings.js";
import { tokenize } from "./risk-tokens.js";
import type { Node } from "./risk-tree.js";
import type { Corrector } from "./risk-typos.js";
import { kindOf, PLAIN } from "./risk-walk.js";

/**
 * Which typing slips need the second reading (risk-screen.ts). Most words the corrector takes for
 * slips are real words a letter from a list word ("friend" for "friends", "hard" for "hoard"),
 * and the word meant cannot take part in any phrase beside the words around it: "friends" goes on
 * a phrase only after "my", "hoard" only before what a hoard holds. A slip is passed over when
 * no branch of the tree that reads its corrected word can be where the walk stands after the word
 * before it, or can go on with the word after it. Through such a slip a match can only run inside
 * a gap (any word); it then reads the same words as the first reading, which saw it already, so
 * long as every slip of the text keeps the words as many and as apart as written: a correction
 * that is spelled out ("cnat": "can not") or joins a word beside it ("my slef": "myself") changes
 * that, and then no slip is passed over: the second reading reads around every one.
 */

/** What a node can be entered after, or go on with: words, prefixes, a number, or anything. */
interface Edges {
  any: boolean;
  number: boolean;
  words: Set<string>;
  prefixes: string[];
}

const edges = (): Edges => ({ any: false, number: false, words: new Set(), prefixes: [] });
const CHANGES_WORDS = new Set([
  ...Object.keys(EXPANSIONS),
  ...Object.keys(JOINS).flatMap((pair) => pair.split(" ")),
  ...Object.values(JOINS),
]);

export function slipsNeeded(root: Node, corrector: Corrector) {
  /** How the walk comes to stand at each node by reading: the words into it, a filler it reads, or anything. */
  const direct = new Map<Node, Edges>();
  /** The nodes each node is reached from without reading a word: a meeting point's sources, a gap that took none. */
  const sources = new Map<Node, Node[]>();
  const readers = new Map<string, Node[]>();
  const prefixed: Node[] = [];
  const seen = new Set<Node>();
  const own = (at: Node) => {
    let e = direct.get(at);
    if (!e) {
      e = edges();
      direct.set(at, e);
    }
    return e;
  };
  const reads = (word: string, at: Node) => {
    const nodes = readers.get(word);
    if (nodes) nodes.push(at);
    else readers.set(word, [at]);
  };
  const source = (to: Node, from: Node) => {
    const nodes = sources.get(to);
    if (nodes) nodes.push(from);
    else sources.set(to, [from]);
  };
  own(root).any = true;
  const visit = (at: Node) => {
    if (seen.has(at)) return;
    seen.add(at);
    for (const [w, next] of at.words) {
      reads(w, at);
      own(next).words.add(w);
    }
    for (const w of at.fillers ?? []) {
      reads(w, at);
      own(at).words.add(w);
    }
    if (at.prefixes.size > 0) prefixed.push(at);
    for (const bucket of at.prefixes.values()) for (const p of bucket) own(p.node).prefixes.push(p.prefix);
    if (at.number) own(at.number).number = true;
    if (at.gap) {
      own(at.gap.node).any = true;
      source(at.gap.node, at);
    }
    for (const next of at.next) source(next, at);
    for (const next of at.words.values()) visit(next);
    for (const bucket of at.prefixes.values()) for (const p of bucket) visit(p.node);
    if (at.number) visit(at.number);
    if (at.gap) visit(at.gap.node);
    for (const next of at.next) visit(next);
  };
  visit(root);
  const before = new Map<Node, Edges>();
  /** How the walk can come to stand at a node: its own ways, and those of every node it is reached from unread. */
  const entered = (at: Node): Edges => {
    let e = before.get(at);
    if (e) return e;
    e = edges();
    before.set(at, e);
    for (const from of [at, ...(sources.get(at) ?? [])]) {
      const d = from === at ? direct.get(at) : entered(from);
      if (!d) continue;
      e.any ||= d.any;
      e.number ||= d.number;
      for (const w of d.words) e.words.add(w);
      e.prefixes.push(...d.prefixes);
    }
    return e;
  };
  const after = new Map<Node, Edges>();
  /** What the walk can read next at a node, through its meeting points; anything where a phrase may end or skip. */
  const onward = (at: Node): Edges => {
    let e = after.get(at);
    if (e) return e;
    e = edges();
    after.set(at, e);
    if (at.ends.length > 0 || at.gap) e.any = true;
    for (const w of at.words.keys()) e.words.add(w);
    for (const w of at.fillers ?? []) e.words.add(w);
    for (const bucket of at.prefixes.values()) for (const p of bucket) e.prefixes.push(p.prefix);
    if (at.number) e.number = true;
    for (const next of at.next) {
      const n = onward(next);
      e.any ||= n.any;
      e.number ||= n.number;
      for (const w of n.words) e.words.add(w);
      e.prefixes.push(...n.prefixes);
    }
    return e;
  };
  const fits = (e: Edges, word: string | undefined) => {
    if (word === undefined || e.any) return true;
    const kind = kindOf(word);
    if (kind !== PLAIN) return true;
    return e.words.has(word) || e.prefixes.some((p) => word.startsWith(p));
  };
  const readersOf = new Map<string, Node[]>();
  /** Whether `word` can be read by a branch, between the words written before and after it. */
  const readable = (word: string, previous: string | undefined, next: string | undefined): boolean => {
    let nodes = readersOf.get(word);
    if (!nodes) {
      nodes = [...(readers.get(word) ?? [])];
      for (const at of prefixed)
        for (const bucket of at.prefixes.values())
          if (bucket.some((p) => word.startsWith(p.prefix)) && !nodes.includes(at)) nodes.push(at);
      // Corrections are words of the lists: the look-up stays as small as their vocabulary.
      readersOf.set(word, nodes);
    }
    for (const at of nodes) {
      if (!fits(entered(at), previous)) continue;
      const to: Node[] = [];
      if (at.words.get(word)) to.push(at.words.get(word) as Node);
      if (at.fillers?.has(word)) to.push(at);
      for (const bucket of at.prefixes.values())
        for (const p of bucket) if (word.startsWith(p.prefix)) to.push(p.node);
      if (to.some((node) => fits(onward(node), next))) return true;
    }
    return false;
  };

  /** The slips (where each slipped word begins, in order) that the second reading must read around. */
  return (text: string, slips: readonly number[]): readonly number[] => {
    const needed: number[] = [];
    for (const at of slips) {
      const from = wordsBefore(text, at, 2);
      const local = text.slice(from, wordsAfter(text, at, 2));
      const words: string[] = [];
      const here: number[] = [];
      let changes = false;
      tokenize(
        local,
        (word, start, end) => {
          if (start <= at - from && at - from < end) here.push(words.length);
          words.push(word);
          return true;
        },
        (word) => {
          const meant = corrector.correct(word);
          if (meant !== word && CHANGES_WORDS.has(meant)) changes = true;
          return meant;
        },
      );
      // A correction that changes how many words there are: every slip is read again.
      if (changes) return slips;
      if (here.some((i) => readable(words[i] as string, words[i - 1], words[i + 1]))) needed.push(at);
    }
    return needed;
  };
}
