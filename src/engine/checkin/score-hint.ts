import type { Wording } from "../../prompts/render.js";
import { type NumberWords, oneNumber, plainWords } from "./score-input.js";
import { onlyHedges } from "./score-words.js";

/**
 * What a typed answer that is no score comes close to, so that the question can be asked again
 * about it rather than in general. Nothing here becomes an answer: a range or a misspelt number
 * is the client's to settle, by tapping or typing one number.
 */
type ScoreHint =
  | { kind: "range"; low: number; high: number; middle?: number }
  | { kind: "spelling"; value: number };

/** "6-7", "6 to 7", "6 or 7", "between 6 and 7", "vier bis fünf", "entre 4 y 5", "de 4 a 5". */
const BETWEEN = "(?:(?:somewhere\\s+)?between|zwischen|entre|de)";
const NUMBER = "([^\\s\\-–—~]+?)";
/** Words between the two ends of a range, in the languages rapport speaks. */
export const RANGE_WORDS: ReadonlySet<string> = new Set([
  "to",
  "or",
  "and",
  "bis",
  "oder",
  "und",
  "a",
  "o",
  "y",
  "u",
]);
const SEPARATOR = `(?:\\s*[-–—~]\\s*|\\s+(?:${[...RANGE_WORDS].join("|")})\\s+)`;
const RANGE = new RegExp(`^(.*?)(?:${BETWEEN}\\s+)?${NUMBER}${SEPARATOR}${NUMBER}(?:\\s*-?ish)?$`, "u");

const NEAR = 3;

/** A range of two numbers on the scale, or a number word misspelt by one letter ("sevn", "eigth"). */
export function scoreHint(
  text: string,
  min: number,
  max: number,
  words?: NumberWords,
): ScoreHint | undefined {
  const said = plainWords(text);
  const range = RANGE.exec(said);
  // Before the range, only the words that soften a score ("idk maybe", "na so", "yo diria q").
  if (range && onlyHedges((range[1] ?? "").trim())) {
    const [a, b] = [oneNumber(range[2] ?? "", words), oneNumber(range[3] ?? "", words)];
    // Two near scores, not the scale's ends quoted back ("0-10"): at most three points apart.
    const near = a !== undefined && b !== undefined && a !== b && Math.abs(a - b) <= NEAR;
    if (near && onScale(a, min, max) && onScale(b, min, max)) {
      const [low, high] = a < b ? [a, b] : [b, a];
      // The middle is offered when it can be typed: one decimal at most.
      const middle = (low + high) / 2;
      return Number.isInteger(middle * 10)
        ? { kind: "range", low, high, middle }
        : { kind: "range", low, high };
    }
  }
  const value = misspeltNumber(said, words?.numbers ?? []);
  return value !== undefined && onScale(value, min, max) ? { kind: "spelling", value } : undefined;
}

function onScale(value: number, min: number, max: number): boolean {
  return value >= min && value <= max;
}

/**
 * The number whose word is one letter away: a letter left out ("sevn"), one too many ("nine"
 * for "niine"), or two swapped ("eigth"). A letter changed is not counted: "fine" is not "nine",
 * nor "tree" near enough to read as anything but a word. Words of four letters or more, and only
 * when one number is that near.
 */
function misspeltNumber(said: string, numbers: readonly string[]): number | undefined {
  if ([...said].length < 4 || /\s|\d/u.test(said)) return undefined;
  const near = numbers.flatMap((word, value) => (oneLetterAway(said, word.toLowerCase()) ? [value] : []));
  return near.length === 1 ? near[0] : undefined;
}

function oneLetterAway(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length === 1) {
    // One letter more in the longer word, anywhere.
    for (let i = 0; i < long.length; i++) {
      if (long.slice(0, i) + long.slice(i + 1) === short) return true;
    }
    return false;
  }
  if (a.length !== b.length) return false;
  // Two neighbouring letters swapped.
  const differ = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = differ;
  return differ.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** The line before the question again, in the client's language and its way of writing decimals. */
export function hintText(w: Wording, hint: ScoreHint): string {
  const n = (value: number) => value.toLocaleString(w.pack.language);
  if (hint.kind === "spelling") return w.t("answer_reask_spelling", { value: n(hint.value) });
  const ends = { low: n(hint.low), high: n(hint.high) };
  return hint.middle === undefined
    ? w.t("answer_reask_range_ends", ends)
    : w.t("answer_reask_range", { ...ends, middle: n(hint.middle) });
}
