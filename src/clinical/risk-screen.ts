import {
  type CompiledPhrase,
  compilePhrase,
  PhraseError,
  type PhrasePart,
  type Slot,
} from "./risk-phrases.js";
import { MASK, tokenize } from "./risk-tokens.js";

/**
 * Screening free text for risk (CLINICAL.md, "Risk and safety"). Two tiers:
 * - disclosure: explicit ideation, intent, plan, method or means, preparations, self-harm, an
 *   overdose or attempt: the crisis message and an URGENT alert;
 * - concern: hopelessness, burden, wishing not to wake up, "can't go on": the safety question.
 * A harmless idiom that would match ("killing myself laughing") is an exception, which removes
 * a match only when it covers the whole matched span; phrases are never dropped for it.
 * Every language's lists are applied to every text: over-triggering is acceptable, missing a
 * disclosure is not. One pass over the words, with the phrases indexed by their first word.
 */

export type RiskTier = "disclosure" | "concern";

/** One language's lists, as loaded from prompts/<language>/risk.yaml. */
export interface RiskLists {
  language: string;
  disclosure: readonly string[];
  concern: readonly string[];
  exceptions: readonly string[];
}

export interface RiskHit {
  tier: RiskTier;
  /** The list entry that matched, as written. */
  phrase: string;
  language: string;
  /** The client's own words that matched, as they wrote them. */
  words: string;
}

export interface RiskFinding {
  /** The highest tier among the hits. */
  tier: RiskTier;
  /** The language of the first hit of that tier: the safety question is asked in it. */
  language: string;
  /** Disclosures first, then concerns; one per distinct phrase and words. */
  hits: RiskHit[];
  /** The client's words that matched, overlapping matches joined, in the order written. */
  words: string[];
}

export interface RiskScreen {
  screen(text: string): RiskFinding | undefined;
}

type Kind = RiskTier | "exception";

interface Terminal {
  phrase: string;
  kind: Kind;
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

interface Span {
  terminal: Terminal;
  /** Word positions in the whole text: [start, end). */
  start: number;
  end: number;
  /** Where the matched words stand in the text, in UTF-16 units. */
  from: number;
  to: number;
}

/**
 * Words are matched in blocks, each with enough of the next words for the longest phrase to
 * finish; the buffers stay small, however long the text.
 */
const BLOCK = 1024;
const LOOKAHEAD = 64;

const DIGITS = /^\d+$/;
const MAX_WORDS_SHOWN = 24;
/** Disclosures after which a long text is not read further: the tier cannot rise, the alert has its words. */
const ENOUGH = 32;
const MAX_MASKED = 64;

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

export function riskScreen(lists: readonly RiskLists[]): RiskScreen {
  const root = node();
  const meets = new Map<Node, Map<string, Node>>();
  const add = (kind: Kind, language: string, phrase: string) => {
    let compiled: CompiledPhrase;
    try {
      compiled = compilePhrase(phrase);
    } catch (error) {
      if (error instanceof PhraseError)
        throw new PhraseError(`risk phrase "${phrase}" (${language}): ${error.message}`);
      throw error;
    }
    // Each slot's alternatives start where the last slot's met, and meet again after it. The
    // first slot starts at the root, shared with every phrase; the meeting points are this phrase's own.
    for (const slots of withoutOptionalStart(compiled.slots)) insert(slots, { phrase, kind, language });
  };
  const insert = (slots: readonly Slot[], terminal: Terminal) => {
    let from = root;
    for (const slot of slots) {
      const [only] = slot;
      if (slot.length === 1 && only) {
        // One way through: an ordinary path of the tree, shared with phrases that begin alike.
        from = only.reduce(child, from);
        continue;
      }
      // Phrases that offer the same alternatives at the same point share where they meet again,
      // so a text walks that branch once, not once per phrase.
      const signature = JSON.stringify(slot);
      const shared = meets.get(from) ?? new Map<string, Node>();
      meets.set(from, shared);
      let meet = shared.get(signature);
      if (!meet) {
        meet = node();
        shared.set(signature, meet);
        for (const alternative of slot) alternative.reduce(child, from).next.push(meet);
      }
      from = meet;
    }
    from.ends.push(terminal);
  };
  for (const list of lists) {
    for (const p of list.disclosure) add("disclosure", list.language, p);
    for (const p of list.concern) add("concern", list.language, p);
    for (const p of list.exceptions) add("exception", list.language, p);
  }
  return {
    screen(text) {
      const words: string[] = [];
      const kinds: number[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      const kept: Span[] = [];
      // Exceptions found so far that may still cover a match starting in a later block.
      let exceptions: Span[] = [];
      let disclosures = 0;
      let masked = 0;
      let base = 0;
      const matchBlock = (count: number) => {
        const found: Local[] = [];
        for (let i = 0; i < count; i++) walk(root, words, kinds, i, i, found);
        const spans = found.map((f) => ({
          terminal: f.terminal,
          start: base + f.start,
          end: base + f.end,
          from: starts[f.start] as number,
          to: ends[Math.min(f.end - 1, f.start + MAX_WORDS_SHOWN - 1)] as number,
        }));
        exceptions = [...exceptions, ...spans.filter((x) => x.terminal.kind === "exception")].filter(
          (e) => e.end > base,
        );
        for (const span of spans) {
          if (span.terminal.kind === "exception") continue;
          if (exceptions.some((e) => e.start <= span.start && span.end <= e.end)) continue;
          kept.push(span);
          if (span.terminal.kind === "disclosure") disclosures++;
        }
      };
      tokenize(text, (word, start, end) => {
        words.push(word);
        // A masked word is tried against every branch; past a few dozen in one message (no one
        // masks that many in earnest) they are read as written, so a flood cannot stall the server.
        let kind = kindOf(word);
        if (kind === MASKED && ++masked > MAX_MASKED) kind = PLAIN;
        kinds.push(kind);
        starts.push(start);
        ends.push(end);
        if (words.length < BLOCK + LOOKAHEAD) return true;
        matchBlock(BLOCK);
        words.splice(0, BLOCK);
        kinds.splice(0, BLOCK);
        starts.splice(0, BLOCK);
        ends.splice(0, BLOCK);
        base += BLOCK;
        // Enough disclosures to act on: the rest of a long text cannot raise the tier.
        return disclosures < ENOUGH;
      });
      matchBlock(words.length);
      return finding(text, kept);
    },
  };
}

interface Local {
  terminal: Terminal;
  start: number;
  end: number;
}

/** What kind of word each position holds, worked out once per word rather than at every branch. */
const PLAIN = 0;
const MASKED = 1;
const NUMBER = 2;

function kindOf(word: string): number {
  if (word.includes(MASK)) return MASKED;
  return DIGITS.test(word) ? NUMBER : PLAIN;
}

/** Follows every branch of the tree that matches the words from position i on. */
function walk(
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

/** The matches an exception did not clear, as hits for the therapist. */
function finding(text: string, kept: readonly Span[]): RiskFinding | undefined {
  const hits: RiskHit[] = [];
  const seen = new Set<string>();
  for (const span of kept) {
    const { kind, phrase, language } = span.terminal;
    if (kind === "exception") continue;
    const words = wordsOf(text, span);
    const key = `${phrase}\u0000${words}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push({ tier: kind, phrase, language, words });
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => rank(a.tier) - rank(b.tier));
  const top = hits[0] as RiskHit;
  return { tier: top.tier, language: top.language, hits, words: joinedWords(text, kept) };
}

/** Overlapping or touching matches as one stretch of the client's words: "want to end it all", not three pieces. */
function joinedWords(text: string, spans: readonly Span[]): string[] {
  const ranges = spans.map((s) => [s.from, s.to] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of ranges) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged.map(([from, to]) => wordsOf(text, { from, to }));
}

function rank(tier: RiskTier): number {
  return tier === "disclosure" ? 0 : 1;
}

/** The client's own words of a match, as they wrote them, trimmed of edge punctuation. */
function wordsOf(text: string, span: Pick<Span, "from" | "to">): string {
  return text
    .slice(span.from, span.to)
    .replace(/\s+/g, " ")
    .replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
}
