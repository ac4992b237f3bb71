import type { Terminal, TerminalKind } from "./risk-tree.js";

/**
 * What the risk screen found in a text (risk-screen.ts), as the engine and the therapist's alert
 * read it: its matches turned into hits, one per distinct phrase and words, the client's own words
 * beside each.
 */

export type RiskTier = "disclosure" | "concern";

/** One language's lists, as loaded from prompts/<language>/risk.yaml. */
interface RiskHit {
  tier: RiskTier;
  /** The list entry that matched, as written. */
  phrase: string;
  language: string;
  /** The client's own words that matched, as they wrote them. */
  words: string;
  /** A disclosure that says it is happening now (an `acute` phrase). */
  acute?: true;
}

export interface RiskFinding {
  /** The highest tier among the hits. */
  tier: RiskTier;
  /** A disclosure that says an overdose or attempt is under way or just happened. */
  acute: boolean;
  /**
   * The language the text is written in, as the lists' own words tell it (risk-language.ts); the
   * crisis message and the safety question are in it. Null when they do not tell.
   */
  language: string | null;
  /** Disclosures first, then concerns; one per distinct phrase and words. */
  hits: RiskHit[];
  /** The client's words that matched, overlapping matches joined, in the order written. */
  words: string[];
}

export interface Span {
  terminal: Terminal;
  /** An acute match said of the past (an `acute_exceptions` entry covers it). */
  past?: true;
  /** Word positions in the whole text: [start, end). */
  start: number;
  end: number;
  /** Where the matched words stand in the text, in UTF-16 units. */
  from: number;
  to: number;
  /** Where the last matched word ends, however many are shown. */
  until: number;
}

/** The matches an exception did not clear, as hits for the therapist. */
export function finding(text: string, all: readonly Span[]): RiskFinding | undefined {
  const hits: RiskHit[] = [];
  const seen = new Set<string>();
  // An acute phrase only says how urgent a disclosure is: alone it raises nothing, so that "i took
  // all my meds this morning", "estoy en el puente" or "ich blute stark" (a nosebleed, a period)
  // are not urgent alerts of their own. With a disclosure beside it, the alert says "happening now".
  const disclosed = all.some((span) => span.terminal.kind === "disclosure");
  const kept = disclosed ? all : all.filter((span) => span.terminal.kind !== "acute");
  for (const span of kept) {
    const { kind, phrase, language } = span.terminal;
    if (isException(kind)) continue;
    const words = wordsOf(text, span);
    const key = `${kind}\u0000${phrase}\u0000${words}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (kind === "acute")
      hits.push({
        tier: "disclosure",
        phrase,
        language,
        words,
        ...(span.past ? {} : { acute: true as const }),
      });
    else hits.push({ tier: kind, phrase, language, words });
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => rank(a.tier) - rank(b.tier));
  const top = hits[0] as RiskHit;
  const acute = hits.some((h) => h.acute);
  return { tier: top.tier, acute, language: null, hits, words: joinedWords(text, kept) };
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

/** An exception clears a match; it is never one itself. */
export function isException(kind: TerminalKind): kind is "exception" | "acute_exception" {
  return kind === "exception" || kind === "acute_exception";
}
