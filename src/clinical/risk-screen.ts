import { languageGuess } from "./risk-language.js";
import { tokenize } from "./risk-tokens.js";
import {
  kindOf,
  type Local,
  MASKED,
  PhraseTree,
  PLAIN,
  type Terminal,
  type TerminalKind,
  walk,
} from "./risk-tree.js";
import { typoCorrector } from "./risk-typos.js";

/**
 * Screening free text for risk (CLINICAL.md, "Risk and safety"). Two tiers:
 * - disclosure: explicit ideation, intent, plan, method or means, preparations, self-harm, an
 *   overdose or attempt: the crisis message and an URGENT alert;
 * - concern: hopelessness, burden, wishing not to wake up, "can't go on": the safety question.
 * A harmless idiom that would match ("killing myself laughing") is an exception, which removes
 * a match only when it covers the whole matched span; phrases are never dropped for it.
 * Every language's lists are applied to every text: over-triggering is acceptable, missing a
 * disclosure is not. One pass over the words, with the phrases indexed by their first word.
 *
 * A disclosure is "acute" when its words say an overdose or attempt is under way or has just
 * happened ("took all my pills", "gerade tabletten genommen"): the therapist is told to act at
 * once and the client to get emergency help now. An acute phrase only says how urgent a
 * disclosure beside it is: alone it raises nothing (`finding`); ordinary exceptions clear it as
 * they clear any match. An `acute_exceptions` entry that covers
 * an acute match ("took all my pills last year") leaves it an ordinary disclosure: the past
 * attempt still raises the alert, only not as happening now.
 */

export type RiskTier = "disclosure" | "concern";

/** One language's lists, as loaded from prompts/<language>/risk.yaml. */
export interface RiskLists {
  language: string;
  disclosure: readonly string[];
  concern: readonly string[];
  exceptions: readonly string[];
  /** Disclosures that say an overdose or attempt is happening now or just happened. */
  acute?: readonly string[];
  /** Phrases placing an acute phrase's words in the past: a covered match is an ordinary disclosure. */
  acute_exceptions?: readonly string[];
  /**
   * Words a phrase of this language reads past between its own words ("bin eh allen nur ne
   * last" as "bin allen nur ne last"): particles that add no meaning, never a negation.
   */
  fillers?: readonly string[];
  /** Groups of words written for one another in this language ("nicht", "nich", "net"). */
  spellings?: readonly (readonly string[])[];
}

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

export interface RiskScreen {
  screen(text: string): RiskFinding | undefined;
}

interface Span {
  terminal: Terminal;
  /** An acute match said of the past (an `acute_exceptions` entry covers it). */
  past?: true;
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

const MAX_WORDS_SHOWN = 24;
/** Disclosures after which a long text is not read further: the tier cannot rise, the alert has its words. */
const ENOUGH = 32;
const MAX_MASKED = 64;

export function riskScreen(lists: readonly RiskLists[]): RiskScreen {
  const tree = new PhraseTree();
  for (const list of lists) {
    tree.setForms(list.language, list);
    for (const p of list.disclosure) tree.add("disclosure", list.language, p);
    for (const p of list.acute ?? []) tree.add("acute", list.language, p);
    for (const p of list.acute_exceptions ?? []) tree.add("acute_exception", list.language, p);
    for (const p of list.concern) tree.add("concern", list.language, p);
    for (const p of list.exceptions) tree.add("exception", list.language, p);
  }
  const { root } = tree;
  const guess = languageGuess(lists);
  const corrector = typoCorrector(root);
  /** The matches of one reading of the text, with typing slips read as `correct` says (or as written). */
  const read = (text: string, correct?: (word: string) => string): Span[] => {
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
      exceptions = [...exceptions, ...spans.filter((x) => isException(x.terminal.kind))].filter(
        (e) => e.end > base,
      );
      const covered = (span: Span, kind: TerminalKind) =>
        exceptions.some((e) => e.terminal.kind === kind && e.start <= span.start && span.end <= e.end);
      for (const span of spans) {
        const { kind } = span.terminal;
        if (isException(kind)) continue;
        if (covered(span, "exception")) continue;
        // Said of the past: still a disclosure, not one happening now.
        const past = kind === "acute" && covered(span, "acute_exception");
        kept.push(past ? { ...span, past: true } : span);
        if (kind === "disclosure") disclosures++;
      }
    };
    tokenize(
      text,
      (word, start, end) => {
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
      },
      correct,
    );
    matchBlock(words.length);
    return kept;
  };
  return {
    screen(text) {
      // A word one slip from a word of the lists ("cnat", "anymroe") makes a second reading with it
      // corrected (risk-typos.ts); what either reading flags counts, each with its own exceptions.
      let slips = false;
      const kept = read(text, (word) => {
        if (!slips && corrector.correct(word) !== word) slips = true;
        return word;
      });
      const found = finding(text, slips ? [...kept, ...read(text, corrector.correct)] : kept);
      return found && { ...found, language: guess(text) };
    },
  };
}

/** The matches an exception did not clear, as hits for the therapist. */
function finding(text: string, all: readonly Span[]): RiskFinding | undefined {
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

function isException(kind: TerminalKind): kind is "exception" | "acute_exception" {
  return kind === "exception" || kind === "acute_exception";
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
