import type { Correct } from "./risk-canonical.js";
import { finding, isException, type RiskFinding, type Span } from "./risk-finding.js";
import { languageGuess } from "./risk-language.js";
import { reachOf } from "./risk-reach.js";
import { slipsNeeded } from "./risk-slip-needed.js";
import { slipWindows, slipWithin } from "./risk-slip-windows.js";
import { tokenize } from "./risk-tokens.js";
import { PhraseTree, type TerminalKind } from "./risk-tree.js";
import { typoCorrector } from "./risk-typos.js";
import { kindOf, type Local, MASKED, PLAIN, walk } from "./risk-walk.js";

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

export interface RiskScreen {
  screen(text: string): RiskFinding | undefined;
}

/**
 * Words are matched in blocks, each with enough of the next words for the longest phrase to
 * finish (64, or the lists' reach if longer); the buffers stay small, however long the text.
 */
const BLOCK = 1024;
const LOOKAHEAD = 64;

const MAX_WORDS_SHOWN = 24;
/** Disclosures after which a long text is not read further: the tier cannot rise, the alert has its words. */
const ENOUGH = 32;
const MAX_MASKED = 64;

/**
 * `everySlip` reads again around every slip, not only those a phrase could read
 * (risk-slip-needed.ts): for the tests that hold the two to the same hits.
 */
export function riskScreen(lists: readonly RiskLists[], options: { everySlip?: boolean } = {}): RiskScreen {
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
  const reach = reachOf(root);
  const lookahead = Math.max(LOOKAHEAD, reach.words);
  const needed = options.everySlip
    ? (_: string, slips: readonly number[]) => slips
    : slipsNeeded(root, corrector);
  /**
   * The matches of one reading of the text, with typing slips read as `correct` says (or as
   * written). `slipped`, in the second reading, says whether a word stands where a slip was: a
   * match is then only looked for from a word a slip follows within the reach, since no other
   * match runs through a slip, nor does an exception that could clear one.
   */
  const read = (
    text: string,
    correct?: Correct,
    slipped?: (start: number, end: number) => boolean,
  ): Span[] => {
    const words: string[] = [];
    const kinds: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    /** In the second reading, the positions in `words` of words where a slip was, in order. */
    let slips: number[] = [];
    const kept: Span[] = [];
    // Exceptions found so far that may still cover a match starting in a later block.
    let exceptions: Span[] = [];
    let disclosures = 0;
    let masked = 0;
    let base = 0;
    const matchBlock = (count: number) => {
      const found: Local[] = [];
      if (slipped === undefined) for (let i = 0; i < count; i++) walk(root, words, kinds, i, i, found);
      else
        for (let i = 0, s = 0; i < count; i++) {
          while (s < slips.length && (slips[s] as number) < i) s++;
          if (s < slips.length && (slips[s] as number) - i < reach.words)
            walk(root, words, kinds, i, i, found);
        }
      const spans = found.map((f) => ({
        terminal: f.terminal,
        start: base + f.start,
        end: base + f.end,
        from: starts[f.start] as number,
        to: ends[Math.min(f.end - 1, f.start + MAX_WORDS_SHOWN - 1)] as number,
        until: ends[f.end - 1] as number,
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
        if (slipped?.(start, end)) slips.push(words.length - 1);
        if (words.length < BLOCK + lookahead) return true;
        matchBlock(BLOCK);
        words.splice(0, BLOCK);
        kinds.splice(0, BLOCK);
        starts.splice(0, BLOCK);
        ends.splice(0, BLOCK);
        slips = slips.filter((at) => at >= BLOCK).map((at) => at - BLOCK);
        base += BLOCK;
        // Enough disclosures to act on: the rest of a long text cannot raise the tier. The second
        // reading counts only some of them (see `read`), so it reads its stretches to the end.
        return slipped !== undefined || disclosures < ENOUGH;
      },
      correct,
    );
    matchBlock(words.length);
    return kept;
  };
  /**
   * A word one slip from a word of the lists ("cnat", "anymroe") makes a second reading with it
   * corrected (risk-typos.ts), of the words around it only; what it finds through a slipped word
   * counts beside the first reading's matches, each reading with its own exceptions.
   */
  const corrected = (text: string, slips: readonly number[]): Span[] => {
    const found: Span[] = [];
    for (const window of slipWindows(text, needed(text, slips), reach.written)) {
      const part = text.slice(window.from, window.to);
      const slipped = (start: number, end: number) =>
        slipWithin(window.slips, window.from + start, window.from + end);
      for (const span of read(part, (word) => corrector.correct(word), slipped)) {
        const from = window.from + span.from;
        const until = window.from + span.until;
        // A match away from every slip is the first reading's own, which saw its whole context.
        if (!slipWithin(window.slips, from, until)) continue;
        found.push({ ...span, from, to: window.from + span.to, until });
      }
    }
    return found;
  };
  return {
    screen(text) {
      const slips: number[] = [];
      const kept = read(text, (word, start) => {
        if (corrector.correct(word) !== word) slips.push(start);
        return word;
      });
      const found = finding(text, slips.length > 0 ? [...kept, ...corrected(text, slips)] : kept);
      return found && { ...found, language: guess(text) };
    },
  };
}
