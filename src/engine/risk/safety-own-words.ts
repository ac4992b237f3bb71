import type { RiskEvent } from "../../store/types.js";
import { plainWords } from "../checkin/score-input.js";
import type { SafetyChoice } from "./safety-answer.js";
import { excerpt } from "./screening.js";

/**
 * An answer to the safety question as the therapist is shown it: in the client's own words, where
 * safety-answer.ts reads what it means.
 */

/** How much of a typed answer the therapist is shown: a phrase, not a message. */
const OWN_WORDS_MAX = 120;

/**
 * A safety answer in the client's own words, to quote to the therapist ("sometimes yeah", "every
 * night tbh", "a bit"): how often and how sure is theirs to say, and "yes" alone would hide it.
 * Undefined for a button press (`typed` false) or the choice itself ("Yes", "1", "yes!").
 */
export function ownWords(raw: string, typed: boolean, choices: readonly SafetyChoice[]): string | undefined {
  if (!typed) return undefined;
  const said = plainWords(raw);
  if (said === "" || choices.some((c) => said === String(c.value) || said === plainWords(c.label)))
    return undefined;
  return excerpt(raw.trim(), OWN_WORDS_MAX);
}

/** The unclear answers to one concern's question so far, in the client's words, the latest last. */
export function unclearWords(
  concern: Pick<RiskEvent, "answerWords">,
  said: string | undefined,
): string | undefined {
  if (!said) return concern.answerWords;
  return concern.answerWords ? `${concern.answerWords} / ${said}` : said;
}
