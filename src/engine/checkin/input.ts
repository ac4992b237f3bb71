import { madeOnce } from "../../made-once.js";
import type { InboundInput } from "../../model.js";
import type { ChatWords } from "../../prompts/schema.js";
import type { Answer, Checkin } from "../../store/types.js";
import { isAcknowledgement } from "../acknowledgement.js";
import { hasQuestionMark } from "../question.js";
import { SKIP_VALUE, stepRef } from "../refs.js";
import { namedWithoutDenial, readSafetyAnswer, saysBareYes } from "../risk/safety-answer.js";
import { answerWords, madeOf } from "../yes-no.js";
import { stepOf } from "./plan.js";
import { parseScore, plainWords, unhedged, withoutFaces } from "./score-input.js";

type CheckinDecision =
  | { type: "answer"; answer: Answer; nextStep: number }
  | { type: "complete"; comment: string | null }
  | { type: "reask" }
  | { type: "too_long" }
  /** A lone number at the comment, the first time: asked about, not taken (sent again, it is). */
  | { type: "comment_number" }
  | { type: "old_button" };

interface CheckinRules {
  scale: { min: number; max: number };
  /** Named choices (a yes/no question, a 0 to 3 scale with its labels) instead of the numeric scale. */
  choices?: readonly { value: number; label: string; words: readonly string[] }[];
  commentMaxLength: number;
  /** Number words and "out of" in the client's language; its no words, for "no" at the comment. */
  words?: Pick<ChatWords, "numbers" | "out_of"> & Partial<Pick<ChatWords, "no">>;
  /** The Skip button's label in the client's language: typed, it skips too ("Überspringen"). */
  skipLabel?: string;
  /**
   * The safety question's yes is a value above this: a yes or no inside a sentence counts there
   * ("only passive thoughts", "nope all good"), read as the safety question's follow-up reads it.
   */
  safetyAbove?: number;
}

/** A Skip at the comment: the button's value, or its label in the client's language, typed. */
export function isSkip(text: string, label?: string): boolean {
  const said = text.trim().toLowerCase();
  return said === SKIP_VALUE || (label !== undefined && said === label.trim().toLowerCase());
}

/** What says there is nothing to add, beside the language's no ("nothing else", "alles gut", "nada"). */
const NOTHING = [
  ...["nothing", "nothing else", "nothing more", "nothing to add", "nothing really", "not really", "none"],
  ...["no comment", "no comments", "all good", "im good", "im ok", "thats all", "thats it", "n a", "na"],
  ...["ok", "okay", "thanks", "thank you", "thx", "ty"],
  ...["nichts", "nichts weiter", "nichts mehr", "nichts zu sagen", "alles gut", "passt", "keine", "danke"],
  ...["nix", "nix weiter", "nix mehr", "nichts besonderes", "nichts weiter zu sagen"],
  ...["nada", "nada mas", "nada que anadir", "todo bien", "ninguno", "ninguna", "gracias", "vale"],
  ...["nada en especial", "nada especial", "nada mas que decir", "nada que decir", "nada mas que anadir"],
].map(answerWords);

/** NOTHING with each language's no words, made once per list. */
const nothingWith = new WeakMap<readonly string[], ReadonlySet<string>>();
const withNothing = (no: readonly string[]): ReadonlySet<string> =>
  new Set([...NOTHING, ...no.map(answerWords)]);
function nothingPhrases(no: readonly string[] = []): ReadonlySet<string> {
  return madeOnce(nothingWith, no, withNothing);
}

/**
 * "no", "nope, all good", "nothing", "thanks 🙏" typed at the comment: the client has nothing to
 * add, as if they had tapped Skip, rather than a comment "no" for the therapist to read. A
 * question ("no?") or any other word makes it a comment.
 */
function nothingToAdd(text: string, words: CheckinRules["words"]): boolean {
  if (isAcknowledgement(text)) return true;
  if (hasQuestionMark(text)) return false;
  const said = answerWords(text);
  if (said === "") return false;
  const each = said.split(" ");
  // "nix passt", "nada vale": none of it works, a complaint made of two "nothing to add" words.
  if (each.some((w) => NONE.has(w)) && each.some((w) => FITS.has(w))) return false;
  return madeOf(each, nothingPhrases(words?.no));
}

/** Words for none, and words for "it fits, it works", that together say nothing works. */
const NONE = new Set(["nothing", "none", "nichts", "nix", "keine", "nada", "ninguno", "ninguna"]);
const FITS = new Set(["ok", "okay", "passt", "vale"]);

/**
 * What one input means for an open check-in. Pure: the caller stores the result.
 * A press carries the reference of its question; one that is not the current question
 * changes nothing.
 */
export function decideCheckinInput(
  checkin: Checkin,
  input: InboundInput,
  rules: CheckinRules,
): CheckinDecision {
  if (input.kind === "choice" && input.ref !== undefined && input.ref !== stepRef(checkin)) {
    return { type: "old_button" };
  }
  const raw = input.kind === "choice" ? input.value : input.text;
  const step = stepOf(checkin);
  if (step.kind === "comment") {
    const comment = raw.trim();
    if (comment.length === 0) return { type: "reask" };
    if (isSkip(comment, rules.skipLabel) || nothingToAdd(comment, rules.words)) {
      return { type: "complete", comment: null };
    }
    if ([...comment].length > rules.commentMaxLength) return { type: "too_long" };
    // "9", an extra tap after the last score, is not a comment a client meant: asked once.
    if (LONE_NUMBER.test(comment) && !checkin.commentNumberAskedAt) return { type: "comment_number" };
    return { type: "complete", comment };
  }
  const value =
    (input.kind === "choice" ? pressedValue(raw, rules) : undefined) ??
    (rules.choices ? parseChoice(raw, rules.choices, rules) : parseScoreValue(raw, rules));
  if (value === undefined) return { type: "reask" };
  return { type: "answer", answer: { ...step.planItem, value }, nextStep: checkin.step + 1 };
}

/**
 * A button's own value, as the button carried it: one of the choices' values, or a whole number
 * on the scale. Most answers are presses, and reading one as typed words (labels, number words,
 * hedges) would give the same value at many times the cost; anything else is read as typed.
 */
function pressedValue(raw: string, { choices, scale }: CheckinRules): number | undefined {
  if (!WHOLE_NUMBER.test(raw)) return undefined;
  const value = Number(raw);
  if (choices) return choices.find((c) => c.value === value)?.value;
  return value >= scale.min && value <= scale.max ? value : undefined;
}

const WHOLE_NUMBER = /^\d{1,3}$/u;

/** A number and nothing else ("9", "7.5", "10!"): at the comment, most likely meant as a score. */
const LONE_NUMBER = /^[+-]?\d+(?:[.,]\d+)?[.!]?$/u;

function parseScoreValue(raw: string, { scale, words }: CheckinRules): number | undefined {
  const score = parseScore(raw, scale.min, scale.max, words);
  if (score.ok) return score.value;
  return topMarks(raw) ? scale.max : undefined;
}

/**
 * "full marks", "volle Punktzahl", "nota máxima": the top of a numeric scale, the one end such
 * words name without doubt. Only there: at named choices (how often) they would be a guess.
 */
const TOP_MARKS = new Set(
  [
    ...["full marks", "top marks", "full points", "full score", "perfect score", "max", "the max", "maximum"],
    ...["volle punktzahl", "volle punkte", "volle punktzahl von mir", "höchstpunktzahl", "hoechstpunktzahl"],
    ...[
      "nota máxima",
      "la nota máxima",
      "puntuación máxima",
      "la máxima",
      "máxima puntuación",
      "puntaje máximo",
    ],
  ].map(comparable),
);

function topMarks(raw: string): boolean {
  return TOP_MARKS.has(unhedged(comparable(withoutFaces(raw)).replace(/[,;:]/gu, " ").trim()));
}

/**
 * A choice by its label or one of its words, in any case, with or without accents ("more than
 * half the days", "Plus de la moitie des jours"), or by its number as a score is typed ("2",
 * "two", "2️⃣").
 */
function parseChoice(
  raw: string,
  choices: NonNullable<CheckinRules["choices"]>,
  rules: CheckinRules,
): number | undefined {
  const named = namedChoice(raw, choices, rules.safetyAbove === undefined);
  if (named !== undefined) return unsureNo(raw, named, rules, false) ? undefined : named;
  // At a risk item only the hedges it always took: the sayings that give a score ("def a 0",
  // "passt 1") are no answer there, and its own reading below decides.
  const atRisk = rules.safetyAbove !== undefined;
  const score = parseScore(raw, rules.scale.min, rules.scale.max, rules.words, atRisk ? "hedges" : "sayings");
  // "yes 0", "ja, 0" at a risk item: a bare yes wins over the number beside it, as it does in
  // words; the yes that hedges a score elsewhere ("jo 8") must not hide one here. Not a "maybe"
  // ("maybe 0?" is unsure, asked again).
  const yesBeside =
    score.ok && rules.safetyAbove !== undefined && score.value <= rules.safetyAbove && saysBareYes(raw);
  if (score.ok && !yesBeside) {
    const hedged = !parseScore(raw, rules.scale.min, rules.scale.max, rules.words, "none").ok;
    // "maybe 0?" or "idk 0" at a risk item: not sure, asked again; never read by its "maybe" as a yes.
    if (unsureNo(raw, score.value, rules, hedged)) return undefined;
    return choices.find((c) => c.value === score.value)?.value;
  }
  if (rules.safetyAbove === undefined) return undefined;
  const above = rules.safetyAbove;
  const answer = readSafetyAnswer(raw, choices, above);
  if (answer === "unclear") return undefined;
  if (answer === "no") return choices.find((c) => c.value <= above)?.value;
  // "yeah nearly every day" at the PHQ-9's ninth: the answer the words name, the highest if more
  // than one; a bare yes ("yes but not every day" too) is the first answer above the threshold.
  // Read among all the choices, whose phrases are indexed once (phrase-index.ts), then kept above.
  const inWords = namedWithoutDenial(raw, choices).filter((value) => value > above);
  if (inWords.length > 0) return Math.max(...inWords);
  const values = choices.filter((c) => c.value > above).map((c) => c.value);
  return values.length > 0 ? Math.min(...values) : undefined;
}

/**
 * Whether an answer read at a risk item is a no said unsure: a number hedged ("idk 0", "maybe 0"),
 * or a no asked ("0?", "no?"). A no there must be sure, or the question is asked again; a yes is taken however it is
 * said (over-asking is acceptable, missing a yes is not).
 */
function unsureNo(raw: string, value: number, rules: CheckinRules, hedged: boolean): boolean {
  if (rules.safetyAbove === undefined || value > rules.safetyAbove) return false;
  return hasQuestionMark(raw) || hedged;
}

/**
 * The option a message names by its label or one of its words ("several days"), if any; with
 * `hedged`, softening words around them ("not at all lol", "pretty much every day") set aside.
 * Never at a risk item: there "maybe no" is not sure, and the safety reading decides.
 */
export function namedChoice(
  raw: string,
  choices: NonNullable<CheckinRules["choices"]>,
  hedged = false,
): number | undefined {
  const exact = comparable(raw);
  // A hedge may be asked ("kinda? sometimes"): its question mark goes with it.
  const plain = hedged ? unhedged(exact.replace(/\s*[?¿？]+\s*/gu, " ").trim()) : exact;
  return (
    choices.find((c) => comparableNames(c).includes(exact)) ??
    choices.find((c) => comparableNames(c).includes(plain))
  )?.value;
}

/**
 * A choice's label and words as compared, made once per choice: the safety question's carry the
 * yes and no of every shipped language, a few hundred words to make comparable on every answer.
 */
type Named = { label: string; words: readonly string[] };
const namesOf = new WeakMap<Named, readonly string[]>();
const namesMade = (choice: Named): readonly string[] => [choice.label, ...choice.words].map(comparable);
function comparableNames(choice: Named): readonly string[] {
  return madeOnce(namesOf, choice, namesMade);
}

/** Words as compared: plain (case, emoji, end punctuation, spaces) and without Latin accents. */
function comparable(text: string): string {
  return plainWords(text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .normalize("NFC");
}
