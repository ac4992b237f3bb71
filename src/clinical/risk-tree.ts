import {
  type CompiledPhrase,
  compilePhrase,
  PhraseError,
  type PhrasePart,
  type Slot,
} from "./risk-phrases.js";
import { MASK } from "./risk-tokens.js";

/**
 * The phrases of every list as one tree of words, and the walk that reads a text through it
 * (risk-screen.ts drives both). A slot with one alternative is an ordinary path, shared with every
 * phrase that begins alike; a slot with several gets a meeting point where its alternatives join
 * again, shared by phrases that offer the same alternatives at the same place.
 */
export type TerminalKind = "disclosure" | "concern" | "exception";

export interface Terminal {
  phrase: string;
  kind: TerminalKind;
  language: string;
}

/**
 * The phrases of every list as one tree of words: a text is read once, and at each word only the
 * branches that can still match are followed, however many phrases share a first word.
 */
interface Node {
  words: Map<string, Node>;
  /** Words ending in *, by the first letter of the prefix (a few per letter). */
  prefixes: Map<number, { prefix: string; node: Node }[]>;
  number: Node | undefined;
  /** After up to `max` other words, continue here. */
  gap: { max: number; node: Node } | undefined;
  /** Where a phrase goes on after one of its alternatives, without reading a word. */
  next: Node[];
  ends: Terminal[];
}

const DIGITS = /^\d+$/;

/**
 * A phrase that may begin with nothing ("{nearly|} killed myself laughing") is entered as its
 * forms with and without that start, so the root of the tree never has to try it at every word.
 */
function withoutOptionalStart(slots: readonly Slot[]): Slot[][] {
  const [first, ...rest] = slots;
  if (!first?.some((alt) => alt.length === 0)) return [[...slots]];
  const present = first.filter((alt) => alt.length > 0);
  return [[present, ...rest], ...withoutOptionalStart(rest)];
}

function node(): Node {
  return { words: new Map(), prefixes: new Map(), number: undefined, gap: undefined, next: [], ends: [] };
}

function child(from: Node, part: PhrasePart): Node {
  switch (part.kind) {
    case "word": {
      const next = from.words.get(part.word) ?? node();
      from.words.set(part.word, next);
      return next;
    }
    case "prefix": {
      const key = part.prefix.charCodeAt(0);
      const bucket = from.prefixes.get(key) ?? [];
      from.prefixes.set(key, bucket);
      let entry = bucket.find((b) => b.prefix === part.prefix);
      if (!entry) {
        entry = { prefix: part.prefix, node: node() };
        bucket.push(entry);
      }
      return entry.node;
    }
    case "number":
      from.number ??= node();
      return from.number;
    case "gap":
      from.gap ??= { max: part.max, node: node() };
      return from.gap.node;
  }
}

export class PhraseTree {
  readonly root = node();
  private readonly meets = new Map<Node, Map<string, Node>>();

  /** Adds one list entry; a broken one throws a PhraseError naming it. */
  add(kind: TerminalKind, language: string, phrase: string): void {
    let compiled: CompiledPhrase;
    try {
      compiled = compilePhrase(phrase);
    } catch (error) {
      if (error instanceof PhraseError)
        throw new PhraseError(`risk phrase "${phrase}" (${language}): ${error.message}`);
      throw error;
    }
    for (const slots of withoutOptionalStart(compiled.slots)) this.insert(slots, { phrase, kind, language });
  }

  private insert(slots: readonly Slot[], terminal: Terminal): void {
    let from = this.root;
    for (const slot of slots) {
      const [only] = slot;
      if (slot.length === 1 && only) {
        from = only.reduce(child, from);
        continue;
      }
      // Phrases that offer the same alternatives at the same point share where they meet again,
      // so a text walks that branch once, not once per phrase.
      const signature = JSON.stringify(slot);
      const shared = this.meets.get(from) ?? new Map<string, Node>();
      this.meets.set(from, shared);
      let meet = shared.get(signature);
      if (!meet) {
        meet = node();
        shared.set(signature, meet);
        for (const alternative of slot) alternative.reduce(child, from).next.push(meet);
      }
      from = meet;
    }
    from.ends.push(terminal);
  }
}

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

/** Follows every branch of the tree that matches the words from position i on. */
export function walk(
  at: Node,
  words: readonly string[],
  kinds: readonly number[],
  start: number,
  i: number,
  spans: Local[],
): void {
  const { ends, next } = at;
  for (let e = 0; e < ends.length; e++) spans.push({ terminal: ends[e] as Terminal, start, end: i });
  for (let n = 0; n < next.length; n++) {
    const to = next[n] as Node;
    if (mayContinue(to, words[i], kinds[i])) walk(to, words, kinds, start, i, spans);
  }
  if (at.gap !== undefined) {
    const { max, node: after } = at.gap;
    for (let skip = 0; skip <= max && i + skip < words.length; skip++) {
      // Only continue where the word after the gap can go on: most cannot, and a call costs.
      if (mayContinue(after, words[i + skip], kinds[i + skip])) {
        walk(after, words, kinds, start, i + skip, spans);
      }
    }
  }
  const word = words[i];
  if (word === undefined) return;
  const kind = kinds[i];
  if (kind === MASKED) {
    for (const [w, next] of at.words)
      if (maskPattern(word, true).test(w)) walk(next, words, kinds, start, i + 1, spans);
    for (const bucket of at.prefixes.values()) {
      for (const p of bucket)
        if (maskPattern(word, false).test(p.prefix)) walk(p.node, words, kinds, start, i + 1, spans);
    }
    return;
  }
  const exact = at.words.get(word);
  if (exact) walk(exact, words, kinds, start, i + 1, spans);
  if (at.prefixes.size > 0) {
    const bucket = at.prefixes.get(word.charCodeAt(0));
    if (bucket !== undefined) {
      for (let p = 0; p < bucket.length; p++) {
        const entry = bucket[p] as { prefix: string; node: Node };
        if (word.startsWith(entry.prefix)) walk(entry.node, words, kinds, start, i + 1, spans);
      }
    }
  }
  if (at.number !== undefined && kind === NUMBER) walk(at.number, words, kinds, start, i + 1, spans);
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

const maskPatterns = new Map<string, RegExp>();

/**
 * A masked word as a pattern, each hidden run standing for one to three letters. Against a
 * whole word it must match all of it; against a prefix ("suicid*"), the prefix must be the
 * start of something the masked word could be ("s*icidal"), so every element after the first
 * is optional at the end.
 */
function maskPattern(word: string, whole: boolean): RegExp {
  const key = `${whole ? "w" : "p"}${word}`;
  let pattern = maskPatterns.get(key);
  if (!pattern) {
    const elements = [...word].map((ch) =>
      ch === MASK ? "\\p{L}{1,3}" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
    const body = whole ? elements.join("") : elements.reduceRight((rest, el) => `(?:${el}${rest})?`, "");
    pattern = new RegExp(`^${body}$`, "u");
    if (maskPatterns.size > 10_000) maskPatterns.clear();
    maskPatterns.set(key, pattern);
  }
  return pattern;
}
