import { type CompiledPhrase, compilePhrase, PhraseError, type PhrasePart } from "./risk-phrases.js";
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
    let from = root;
    for (const slot of compiled.slots) {
      const meet = node();
      for (const alternative of slot) alternative.reduce(child, from).next.push(meet);
      from = meet;
    }
    from.ends.push({ phrase, kind, language });
  };
  for (const list of lists) {
    for (const p of list.disclosure) add("disclosure", list.language, p);
    for (const p of list.concern) add("concern", list.language, p);
    for (const p of list.exceptions) add("exception", list.language, p);
  }
  return {
    screen(text) {
      const words: string[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      const spans: Span[] = [];
      let base = 0;
      const matchBlock = (count: number) => {
        const found: Local[] = [];
        for (let i = 0; i < count; i++) walk(root, words, i, i, found);
        for (const f of found) {
          spans.push({
            terminal: f.terminal,
            start: base + f.start,
            end: base + f.end,
            from: starts[f.start] as number,
            to: ends[Math.min(f.end - 1, f.start + MAX_WORDS_SHOWN - 1)] as number,
          });
        }
      };
      tokenize(text, (word, start, end) => {
        words.push(word);
        starts.push(start);
        ends.push(end);
        if (words.length < BLOCK + LOOKAHEAD) return;
        matchBlock(BLOCK);
        words.splice(0, BLOCK);
        starts.splice(0, BLOCK);
        ends.splice(0, BLOCK);
        base += BLOCK;
      });
      matchBlock(words.length);
      return finding(text, spans);
    },
  };
}

interface Local {
  terminal: Terminal;
  start: number;
  end: number;
}

/** Follows every branch of the tree that matches the words from position i on. */
function walk(at: Node, words: readonly string[], start: number, i: number, spans: Local[]): void {
  for (const terminal of at.ends) spans.push({ terminal, start, end: i });
  for (const next of at.next) walk(next, words, start, i, spans);
  if (at.gap) {
    const { max, node: next } = at.gap;
    for (let skip = 0; skip <= max && i + skip < words.length; skip++)
      walk(next, words, start, i + skip, spans);
  }
  const word = words[i];
  if (word === undefined) return;
  if (word.includes(MASK)) {
    for (const [w, next] of at.words)
      if (maskPattern(word, true).test(w)) walk(next, words, start, i + 1, spans);
    for (const bucket of at.prefixes.values()) {
      for (const p of bucket)
        if (maskPattern(word, false).test(p.prefix)) walk(p.node, words, start, i + 1, spans);
    }
    return;
  }
  const exact = at.words.get(word);
  if (exact) walk(exact, words, start, i + 1, spans);
  if (at.prefixes.size > 0) {
    const bucket = at.prefixes.get(word.charCodeAt(0));
    if (bucket)
      for (const p of bucket) if (word.startsWith(p.prefix)) walk(p.node, words, start, i + 1, spans);
  }
  if (at.number && DIGITS.test(word)) walk(at.number, words, start, i + 1, spans);
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

function finding(text: string, spans: readonly Span[]): RiskFinding | undefined {
  const exceptions = spans.filter((s) => s.terminal.kind === "exception");
  const hits: RiskHit[] = [];
  const kept: Span[] = [];
  const seen = new Set<string>();
  for (const span of spans) {
    const { kind, phrase, language } = span.terminal;
    if (kind === "exception") continue;
    if (exceptions.some((e) => e.start <= span.start && span.end <= e.end)) continue;
    kept.push(span);
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
