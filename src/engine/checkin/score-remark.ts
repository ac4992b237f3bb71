import { RANGE_WORDS } from "./score-hint.js";
import { type NumberWords, oneNumber, plainWords } from "./score-input.js";

/**
 * A score followed by a remark: "6. the session felt rushed tbh", "5 and honestly my sleep is
 * terrible". The number answers the question and the remark is something the client wanted their
 * therapist to know (kept for the comment, kept-words.ts). Only when the remark cannot change the
 * number: no digit in it ("7 actually no 8"), no second number right after ("vier bis fünf"), and no word that takes it back or weighs it ("5 but
 * not really", "6 or maybe less", "4 no wait"). Anything else is asked again as before.
 */
export interface ScoreRemark {
  value: number;
  remark: string;
}

const LEADING = /^(\S+?)(?:[.,;:!]+\s+|\s*[-–—]\s+|\s+)(.+)$/su;

/** Words that make the remark about the number itself, in the languages rapport speaks. */
const QUALIFIES =
  /(?<!\p{L})(?:no|not|nope|nah|never|but|or|maybe|actually|wait|sorry|mean|meant|lower|higher|less|more|nicht|nein|aber|oder|doch|eher|vielleicht|weniger|mehr|pero|o|quizás|quizas|menos|más|mas|nunca|n't)(?!\p{L})|n't(?!\p{L})/iu;

export function scoreWithRemark(
  text: string,
  min: number,
  max: number,
  words?: NumberWords,
): ScoreRemark | undefined {
  if (text.length > 600) return undefined;
  const match = LEADING.exec(text.trim());
  if (!match) return undefined;
  const value = oneNumber(plainWords(match[1] ?? ""), words);
  const remark = (match[2] ?? "").trim();
  if (value === undefined || value < min || value > max) return undefined;
  const saysSomething = remark.split(/\s+/u).filter((word) => /\p{L}\p{M}*\p{L}/u.test(word)).length >= 2;
  // A second number right after the first, in words ("vier bis fünf", "six to seven"), makes a
  // range, asked about as one; a number word further on ("it was a good one") is only a word.
  const [first = "", second = ""] = plainWords(remark).split(/[\s,;:.!]+/u);
  const numbered =
    oneNumber(first, words) !== undefined ||
    (RANGE_WORDS.has(first) && oneNumber(second, words) !== undefined);
  if (!saysSomething || numbered || /\p{N}/u.test(remark) || QUALIFIES.test(remark)) return undefined;
  return { value, remark };
}
