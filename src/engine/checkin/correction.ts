import type { ChatWords } from "../../prompts/schema.js";
import { readSafetyAnswer, type SafetyChoice } from "../risk/safety-answer.js";

/**
 * A client who taps or types an answer and then sees it was the wrong one says so the way people
 * do: "wait I meant 5", "oops 3 not 8", "sorry wrong button, i meant yes", "ich meinte 4",
 * "quise decir 6". Such a message corrects the answer to the question just before, instead of
 * being refused as no number ("Sorry, I can only use a number…") or kept as the comment, where a
 * mis-tapped No to the safety question would hide a yes. Pure: the caller stores the result.
 *
 * Only a message with words of correction counts: without them, "5" answers the question now
 * asked. A message that names more than one possible value ("6 or 7") or asks ("5?") is none.
 */

/** Words of correction, in the languages rapport speaks (matched on whole words, lower case). */
const MARKERS = [
  // Not "actually" or "wait": "actually pretty bad, 3" answers the question now asked.
  ...["i meant", "meant", "i mean", "oops", "whoops", "typo", "mistake", "correction", "no wait", "no sorry"],
  ...["wrong button", "wrong one", "wrong number", "wrong answer", "wrong key", "scratch that"],
  ...["pressed the wrong", "tapped the wrong", "hit the wrong", "clicked the wrong"],
  ...["misclick", "misclicked", "mistap", "mistapped", "fat finger", "fat fingered"],
  ...["should be", "should have been", "should say", "change it to", "change that to", "change my answer to"],
  ...["ich meinte", "meinte", "vertippt", "verklickt", "verdrückt", "hoppla", "korrektur"],
  ...["falscher knopf", "falsche taste", "falsche zahl", "falsche antwort", "falschen knopf"],
  ...["quise decir", "quería decir", "queria decir", "me equivoqué", "me equivoque"],
  ...["botón equivocado", "boton equivocado", "corrección", "correccion", "error"],
];
const MARKER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MARKERS.join("|")})(?![\\p{L}])`, "u");

/**
 * A new number said beside the one it replaces, as the whole message: "wait 8 not 3", "8 instead of
 * 3", "sorry, 8 statt 3", "8 en vez de 3". A few words may come first; nothing else.
 */
const NUMBER = "(?:\\d{1,2}(?:[.,]\\d)?|\\p{L}+)";
const INSTEAD = new RegExp(
  `^(?:(?:wait|hold on|oh|ah|sorry|sry|oops|hmm|um|warte|moment|sorry|perdón|perdon|espera)[,.!]?\\s+)*${NUMBER},?\\s+(?:not|instead of|rather than|nicht|statt|anstatt|anstelle von|en vez de|en lugar de)\\s+${NUMBER}$`,
  "u",
);

/** Whether the whole message puts one number in place of another ("wait 8 not 3"), read for numbers only. */
export function saysInstead(text: string): boolean {
  return INSTEAD.test(plain(text).replace(/[.!]+$/u, ""));
}

/** A score as typed inside a sentence: 0 to 10, at most one decimal, with a point or a comma. */
const DIGITS = /(?<![\p{L}\p{N}.,])(\d{1,2})(?:[.,](\d))?(?![\p{N}]|[.,]\d)/gu;

/** Words before a number word that make it no number: "the wrong one", "that one". */
const NOT_A_NUMBER_AFTER = new Set(["wrong", "the", "that", "this", "last", "other", "previous", "first"]);

export interface AnsweredItem {
  /** The value stored for the question before. */
  value: number;
  scale: { min: number; max: number };
  /** Named choices instead of the scale (the safety question's No and Yes, say). */
  choices?: readonly SafetyChoice[];
  /** For the safety question: its yes is a value above this, read in words as its answers are. */
  safetyAbove?: number;
  /** Number words of the client's language ("five", "fünf", "cinco"). */
  words?: Pick<ChatWords, "numbers">;
}

export function plain(text: string): string {
  return text.toLowerCase().replace(/[’`]/gu, "'").replace(/\s+/gu, " ").trim();
}

/** Whether the text has words of correction ("i meant", "oops"), not only a number put in place of another. */
export function hasMarker(text: string): boolean {
  return MARKER.test(plain(text));
}

/** Whether the text has words of correction, and no question: checked before anything is read. */
export function mayCorrect(text: string): boolean {
  const said = plain(text);
  // Short, as corrections are: a longer message with "mistake" in it is saying something else.
  return said.length <= 80 && !/[?¿？]/u.test(said) && (MARKER.test(said) || saysInstead(said));
}

/**
 * Words of a change of mind, in the languages rapport speaks: "actually yes", "oh wait, yes",
 * "sorry, yes", "changed my mind, yes", "i clicked no but its yes", "doch, ja", "en realidad sí".
 * Not words of correction elsewhere ("actually pretty bad, 3" answers the question now asked), but
 * at the comment right after a No to the safety question, with a yes in them, they take it back.
 */
const CHANGES = [
  ...[
    "actually",
    "wait",
    "sorry",
    "sry",
    "oh",
    "hmm",
    "hm",
    "um",
    "umm",
    "well",
    "honestly",
    "tbh",
    "to be honest",
  ],
  ...["changed my mind", "change my mind", "on second thought", "on second thoughts", "thinking about it"],
  ...["clicked no", "tapped no", "pressed no", "hit no", "said no", "meant"],
  ...["eigentlich", "doch", "warte", "moment", "ehrlich gesagt", "umentschieden", "anders überlegt"],
  ...["nochmal überlegt", "nein gedrückt", "nein getippt", "nein geklickt", "sorry"],
  ...[
    "en realidad",
    "espera",
    "perdón",
    "perdon",
    "perdona",
    "la verdad",
    "pensándolo bien",
    "pensandolo bien",
  ],
  ...["cambié de opinión", "cambie de opinion", "toqué no", "toque no", "puse no", "dije no"],
];
const CHANGE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${CHANGES.join("|")})(?![\\p{L}])`, "u");

/**
 * Whether a message at the comment, right after a No to the safety question, takes that no back
 * for a yes: short, not asked, with words of a change of mind, and read as a yes as an answer to
 * the question is. A missed yes is never acceptable; a comment read as one at worst over-alerts.
 */
export function changesSafetyToYes(text: string, choices: readonly SafetyChoice[], above: number): boolean {
  const said = plain(text);
  if (said.length > 80 || /[?¿？]/u.test(said) || !CHANGE.test(said)) return false;
  // The comment's own question is "anything you would like them to know?": "actually yes, the
  // session was great" answers that. Besides the change of mind, only the yes itself may be said
  // ("actually yes", "i clicked no but its yes", "hmm yes actually", "actually sometimes").
  const rest = said
    .replace(CHANGES_ALL, " ")
    .split(/[\s,.;:!…]+/u)
    .filter((word) => word !== "" && !LINKS.has(word));
  if (readSafetyAnswer(rest.join(" "), choices, above) !== "yes") return false;
  // "actually yes, every night": beside the bare yes, only words that answer yes themselves.
  const beside = rest.filter((word) => !BARE_YES.has(word));
  return (
    rest.length <= 2 || (rest.length <= 4 && readSafetyAnswer(beside.join(" "), choices, above) === "yes")
  );
}

const BARE_YES = new Set(["yes", "yeah", "yea", "yep", "ja", "jo", "sí", "si"]);

const CHANGES_ALL = new RegExp(CHANGE.source, "gu");

/** Words that join a change of mind to its yes: "i clicked no but its yes", "doch, es war ja". */
const LINKS = new Set([
  ...["i", "it", "its", "it's", "is", "was", "but", "the", "answer", "my", "that", "so", "then", "no"],
  ...["es", "ist", "war", "aber", "die", "antwort", "also", "dann", "nein"],
  ...["pero", "la", "respuesta", "era", "es", "entonces", "que"],
]);

/** The value a correction gives the question before; undefined when the text is no correction. */
export function readCorrection(text: string, before: AnsweredItem): number | undefined {
  if (!mayCorrect(text)) return undefined;
  const said = plain(text);
  const candidates = new Set(valuesIn(said, before));
  // "8 should be 5", "5 not 8": the value it had is the one taken back.
  if (candidates.size > 1) candidates.delete(before.value);
  const [only, ...more] = [...candidates];
  return more.length === 0 ? only : undefined;
}

function valuesIn(said: string, before: AnsweredItem): number[] {
  const { scale, choices, safetyAbove } = before;
  const inScale = (v: number) => v >= scale.min && v <= scale.max;
  const numbers = numbersIn(said, before.words).filter(inScale);
  if (!choices) return numbers;
  const byNumber = numbers.filter((n) => choices.some((c) => c.value === n));
  if (safetyAbove !== undefined) {
    // Read as an answer to the safety question is: a yes anywhere in it counts as yes ("no wait, yes").
    const answer = readSafetyAnswer(said, choices, safetyAbove);
    const named =
      answer === "unclear"
        ? []
        : choices.filter((c) => (answer === "yes" ? c.value > safetyAbove : c.value <= safetyAbove));
    return [...byNumber, ...named.slice(0, 1).map((c) => c.value)];
  }
  const named = choices.filter((c) => [c.label, ...c.words].some((phrase) => hasPhrase(said, phrase)));
  return [...byNumber, ...named.map((c) => c.value)];
}

/** The digits in the text; number words only when there are none ("i meant five"). */
function numbersIn(said: string, words: AnsweredItem["words"]): number[] {
  const digits = [...said.matchAll(DIGITS)].map((m) => Number(m[1]) + (m[2] ? Number(m[2]) / 10 : 0));
  if (digits.length > 0 || !words) return digits;
  const tokens = said.split(/[^\p{L}\p{N}]+/u);
  return tokens.flatMap((token, i) => {
    const value = words.numbers.findIndex((w) => w.toLowerCase() === token);
    return value < 0 || NOT_A_NUMBER_AFTER.has(tokens[i - 1] ?? "") ? [] : [value];
  });
}

function hasPhrase(said: string, phrase: string): boolean {
  const wanted = phrase.toLowerCase().trim();
  if (wanted === "") return false;
  const at = said.indexOf(wanted);
  if (at < 0) return false;
  const before = said[at - 1];
  const after = said[at + wanted.length];
  const edge = (ch: string | undefined) => ch === undefined || !/[\p{L}\p{N}]/u.test(ch);
  return edge(before) && edge(after);
}
