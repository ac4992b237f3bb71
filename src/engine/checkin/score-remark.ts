import { RANGE_WORDS } from "./score-hint.js";
import { type NumberWords, oneNumber, parseScore, plainWords } from "./score-input.js";
import { onlyFiller, onlyHedges, opensClause } from "./score-words.js";

/**
 * A score followed by a remark: "6. the session felt rushed tbh", "5 and honestly my sleep is
 * terrible". The number answers the question and the remark is something the client wanted their
 * therapist to know (kept for the comment, kept-words.ts). Only when the remark cannot change the
 * number: no digit in it ("7 actually no 8"), no second number right after ("vier bis fünf"), and
 * no word that takes it back or weighs it ("5 but not really", "6 or maybe less", "4 no wait").
 * Anything else is not taken as a score with a remark, and the question is asked again.
 */
interface ScoreRemark {
  value: number;
  /** Empty when only a filler followed the score ("8. la verdad"): nothing to keep. */
  remark: string;
}

/**
 * The number after up to four words before it, then where the remark starts. The words before it
 * may only be hedges or sayings ("a 4 because my mom is sick", "ne 4 weil …", "un 4 pq …").
 */
const LEADING = [0, 1, 2, 3, 4].map(
  (before) => new RegExp(`^((?:\\S+\\s+){${before}})(\\S+?)([.,;:!]+\\s+|\\s*[-–—]\\s+|\\s+)(.+)$`, "su"),
);

/** Words that make the number after them one ("a four", "un cuatro", "ne vier", "eine Vier"). */
const ARTICLES = new Set(["a", "an", "un", "una", "ne", "'ne", "eine", "n"]);

/** Past this length a message is read as words of its own, not as a score with a remark. */
const LONGEST = 600;

/** Words that make the remark about the number itself, in the languages rapport speaks. */
const QUALIFIES =
  /(?<!\p{L})(?:no|not|nope|nah|never|but|or|maybe|actually|wait|sorry|mean|meant|lower|higher|less|more|nicht|nein|aber|oder|doch|vielleicht|weniger|mehr|höher|hoeher|niedriger|tiefer|drunter|drüber|drueber|pero|o|quizás|quizas|menos|más|mas|nunca|n't)(?!\p{L})|n't(?!\p{L})/iu;

/**
 * "eher" (rather) weighs the number only when one follows it ("sieben, eher acht", "eher so acht");
 * before anything else it weighs that ("eher schlecht, so 3": rather bad, a 3), as "pretty bad,
 * like 3" is read.
 */
const RATHER = /(?<!\p{L})eher\s+(?:so\s+|bei\s+|wie\s+|ne\s+|eine\s+)?(\p{L}+)/giu;

function rathersANumber(remark: string, words: NumberWords | undefined): boolean {
  return [...remark.matchAll(RATHER)].some((m) => oneNumber(m[1] ?? "", words) !== undefined);
}

export function scoreWithRemark(
  text: string,
  min: number,
  max: number,
  words?: NumberWords,
): ScoreRemark | undefined {
  if (text.length > LONGEST) return undefined;
  for (const leading of LEADING) {
    const match = leading.exec(text.trim());
    if (!match) return undefined;
    // Only softening words before the number: "no 4 because …" or "slept 4 hours" are no score.
    if (!onlyHedges(plainWords(match[1] ?? "").replace(/[,;:]/gu, " "))) continue;
    // The number as typed alone ("4", "8/10", "seven"), in this question's range. In words, it is a
    // score only where nothing makes it a count: after words, only right after an article ("a
    // four because …", "un cuatro porque …"; "like one of those days" is no 1), and with only a
    // space before the remark, only where the remark opens a clause of its own ("seven because
    // …"; "one of those days", "two weeks ago" are no score).
    const number = match[2] ?? "";
    const remark = (match[4] ?? "").trim();
    if (!/\p{N}/u.test(number)) {
      const before =
        plainWords(match[1] ?? "")
          .split(/\s+/u)
          .at(-1) ?? "";
      if (match[1] && !ARTICLES.has(before)) continue;
      if (/^\s+$/u.test(match[3] ?? "") && !opensClause(remark)) continue;
    }
    const score = parseScore(number, min, max, words, "none");
    if (score.ok) return withRemark(score.value, remark, words);
  }
  return undefined;
}

/** The score with its remark, when the remark cannot change it (see scoreWithRemark). */
function withRemark(value: number, remark: string, words: NumberWords | undefined): ScoreRemark | undefined {
  // "8. la verdad": a filler after the score is no remark; the score stands alone.
  if (onlyFiller(plainWords(remark))) return { value, remark: "" };
  // A second number right after the first, in words ("vier bis fünf", "six to seven"), makes a
  // range, asked about as one; a number word further on ("it was a good one") is only a word.
  const [first = "", second = ""] = plainWords(remark).split(/[\s,;:.!]+/u);
  const numbered =
    oneNumber(first, words) !== undefined ||
    (RANGE_WORDS.has(first) && oneNumber(second, words) !== undefined);
  if (numbered || !plainRemark(remark, words)) return undefined;
  return { value, remark };
}

/**
 * How it was, said with a not ("not great", "nicht so gut", "no muy bien"): it describes what the
 * number then scores ("not great, maybe 2"), and takes nothing back, though "not" elsewhere may.
 * Read so only in a clause of its own before the score's.
 */
const NOT_SO_GOOD =
  /^(?:(?:it was|its|was|honestly|ehrlich gesagt|war|fue|la verdad)\s+)?(?:not|nicht|no)\s+(?:(?:so|too|that|really|very|sehr|tan|muy)\s+)?(?:great|good|bad|well|gut|toll|schlecht|super|bien|mal)$/u;

/** Two words or more that cannot change a number: no digit, nothing that takes it back or weighs it. */
function plainRemark(remark: string, words: NumberWords | undefined, ownClause = false): boolean {
  // Only as a clause of its own: "not great so 3" stays asked again, as a remark run into its score.
  if (ownClause && NOT_SO_GOOD.test(plainWords(remark).replace(/['’]/gu, ""))) return true;
  const saysSomething = remark.split(/\s+/u).filter((word) => /\p{L}\p{M}*\p{L}/u.test(word)).length >= 2;
  return saysSomething && !/\p{N}/u.test(remark) && !QUALIFIES.test(remark) && !rathersANumber(remark, words);
}

/**
 * A score's part, read as a score typed alone is (hedges and all), beside a remark that cannot
 * change it: the test that clauses and linked remarks share.
 */
function scoredBeside(
  scored: string,
  remark: string,
  min: number,
  max: number,
  words: NumberWords | undefined,
  ownClause = false,
): ScoreRemark | undefined {
  const score = parseScore(scored, min, max, words);
  return score.ok && plainRemark(remark, words, ownClause) ? { value: score.value, remark } : undefined;
}

/** Where a message's clauses meet: a stop, comma or question mark before a space. */
const CLAUSE_END = /[,.;:!?…]+\s+/gu;

/**
 * A remark and a score in clauses of their own, either way round, as people write (or dictate)
 * them: "my mum was in hospital so it was hard to focus, 6 i guess", "idk like 5? my sister moved
 * out and im kinda lonely". The score's clause is read as a score typed alone is, hedges and all;
 * the remark is held to the same test as after a leading score. Only one reading may fit: a
 * message with two scores in it is asked again.
 */
export function clauseScoreWithRemark(
  text: string,
  min: number,
  max: number,
  words?: NumberWords,
): ScoreRemark | undefined {
  if (text.length > LONGEST) return undefined;
  const found: ScoreRemark[] = [];
  for (const cut of text.matchAll(CLAUSE_END)) {
    const head = text.slice(0, cut.index).trim();
    const tail = text.slice(cut.index + cut[0].length).trim();
    for (const [scored, remark, before] of [
      [head, tail, false],
      [tail, head, true],
    ] as const) {
      const both = scoredBeside(scored, remark, min, max, words, before);
      if (both) found.push(both);
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Where a remark ends and its score begins without a stop or comma between them: before a word
 * that leads to the number ("eher schlecht so 3", "pretty bad like 3", "bastante mal tipo 3").
 */
const LINKED = /\s+(?=(?:so|like|also|tipo|como|pues|entonces)\s)/giu;

/**
 * A remark, then a linking word and the score at the end: "eher schlecht so 3" as "eher schlecht,
 * so 3" is read. The first linking word decides ("pretty bad so like 3"); the score's part is read
 * as a score typed alone, and the remark is held to the same test as any.
 */
function linkedScoreWithRemark(
  text: string,
  min: number,
  max: number,
  words?: NumberWords,
): ScoreRemark | undefined {
  if (text.length > LONGEST) return undefined;
  const cut = LINKED.exec(text);
  LINKED.lastIndex = 0;
  if (!cut) return undefined;
  return scoredBeside(text.slice(cut.index).trim(), text.slice(0, cut.index).trim(), min, max, words);
}

/**
 * A score with its remark either way: a leading score first ("6. rushed tbh"), else by clauses,
 * else after a linking word ("eher schlecht so 3").
 */
export function scoreAndRemark(
  text: string,
  min: number,
  max: number,
  words?: NumberWords,
): ScoreRemark | undefined {
  return (
    scoreWithRemark(text, min, max, words) ??
    clauseScoreWithRemark(text, min, max, words) ??
    linkedScoreWithRemark(text, min, max, words)
  );
}
