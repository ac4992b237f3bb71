import { madeOnce } from "../../made-once.js";
import type { ChatWords } from "../../prompts/schema.js";
import {
  dropSaying,
  dropTrailing,
  folded,
  isStretched,
  NEGATION,
  onlyHedges,
  SAYING_TRAILING,
  SCORE_TRAILING,
  squeezed,
} from "./score-words.js";
import { spellings } from "./shipped-numbers.js";

/**
 * Reads a typed score as people type it: "7", " 7. ", "7.5", "7,5", "7/10", "7 out of 10", a
 * number word of the client's language ("seven"), a keycap emoji ("7️⃣", "🔟"). A score has at
 * most one decimal. A number hedged the way people hedge it counts too ("6ish", "~6", "idk maybe
 * 6", "sorry fell asleep lol. 6": the last sentence, when it is the number after nothing but
 * hedges; "jo 8", "8 passt", "yo diria q 6", "so ungefaehr 6", see score-words.ts). A number word
 * stretched for effect ("sieteee") is the number. Anything else (other words, out-of-range
 * numbers, "8.25", "6 or 7", "no, 5", long pastes) is refused so the client is asked again.
 */
type ScoreInput = { ok: true; value: number } | { ok: false };

/** Which softening words a score may come with: hedges and sayings, hedges only, or none. */
type Hedging = "sayings" | "hedges" | "none";

/**
 * A language's number words and "out of" words, with the number words of the shipped languages
 * its clients may type as well (shipped-numbers.ts; a language pack's words have them).
 */
export type NumberWords = Pick<ChatWords, "numbers" | "out_of"> & {
  readonly acrossLanguages?: ReadonlyMap<string, number>;
};

const SCORE = /^(\d{1,2})(?:[.,](\d))?$/;
const KEYCAP = /^([0-9])\uFE0F?\u20E3$/u;
const KEYCAP_TEN = "\u{1F51F}";

/**
 * The words in lower case, without emoji ("STOP!!! 😡"), trailing punctuation, Spanish opening
 * marks ("¡sí!", "¿ayuda?") or extra spaces. Keycaps ("7️⃣") are kept: they are numbers.
 */
export function plainWords(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/(?!\u{1F51F})[\p{Extended_Pictographic}\u200D]/gu, "")
    .replace(/\uFE0F(?!\u20E3)/gu, "")
    .trim()
    .replace(/[.!?…]+$/u, "")
    .replace(/^[¡¿]+/u, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** One number as typed: digits with one decimal at most, a keycap, a number word, a spoken decimal. */
export function oneNumber(raw: string, words: NumberWords | undefined): number | undefined {
  const text = raw.trim();
  if (text === KEYCAP_TEN) return 10;
  const keycap = KEYCAP.exec(text);
  if (keycap) return Number(keycap[1]);
  const digits = SCORE.exec(text);
  if (digits) return Number(digits[1]) + (digits[2] ? Number(digits[2]) / 10 : 0);
  const spoken = spokenDecimal(text, words);
  if (spoken !== undefined) return spoken;
  return wholeWord(text, words);
}

/**
 * A number word as typed: in any case, without umlauts or accents ("fuenf", "funf"), or stretched
 * for effect ("sieteee", "achttt": a letter three times or more, the one word it can be). A letter
 * left out or changed is no number: "sevn" is asked about (score-hint.ts).
 */
function wholeWord(text: string, words: NumberWords | undefined): number | undefined {
  const numbers = words?.numbers ?? NO_WORDS;
  const said = folded(text);
  const index = spelledNumbers(numbers).get(said);
  if (index !== undefined) return index;
  // "six" from a German client, "sechs" from an English one, where no language reads it otherwise.
  const across = words?.acrossLanguages?.get(said);
  if (across !== undefined) return across;
  if (!isStretched(said)) return undefined;
  const stretched = numbers.flatMap((w, value) =>
    spellings(w).some((s) => squeezed(s) === squeezed(said)) ? [value] : [],
  );
  return stretched.length === 1 ? stretched[0] : undefined;
}

const NO_WORDS: readonly string[] = [];

/**
 * A language's number words by each way they are typed, the lowest number first where two share
 * one; made once per list, as every typed word of every answer is looked up in it.
 */
const spelled = new WeakMap<readonly string[], ReadonlyMap<string, number>>();
function bySpelling(numbers: readonly string[]): ReadonlyMap<string, number> {
  const made = new Map<string, number>();
  numbers.forEach((word, value) => {
    for (const s of spellings(word)) if (!made.has(s)) made.set(s, value);
  });
  return made;
}
function spelledNumbers(numbers: readonly string[]): ReadonlyMap<string, number> {
  return madeOnce(spelled, numbers, bySpelling);
}

/** A decimal said as voice typing writes it: "seven point five", "sechs komma fünf", "8 and a half". */
const SPOKEN_POINT = /^(\S+)\s+(?:point|komma|coma|punto)\s+(\S+)$/u;
const SPOKEN_HALF = /^(\S+)\s+(?:and a half|y medio|y media|und ein halb|und einhalb)$/u;

function spokenDecimal(text: string, words: NumberWords | undefined): number | undefined {
  const unit = (raw: string) => (/^\d{1,2}$/u.test(raw) ? Number(raw) : wholeWord(raw, words));
  const half = SPOKEN_HALF.exec(text.toLowerCase());
  if (half) {
    const whole = unit(half[1] ?? "");
    return whole === undefined ? undefined : whole + 0.5;
  }
  const point = SPOKEN_POINT.exec(text.toLowerCase());
  if (!point) return undefined;
  const whole = unit(point[1] ?? "");
  const tenth = unit(point[2] ?? "");
  return whole === undefined || tenth === undefined || tenth > 9 ? undefined : whole + tenth / 10;
}

export function parseScore(
  typed: string,
  min: number,
  max: number,
  words?: NumberWords,
  /**
   * "none": the number as it is (while an alert is open, words must reach it); "hedges": hedges
   * but not the sayings that give a score (at a risk item, whose rules stay as they are).
   */
  hedging: Hedging = "sayings",
): ScoreInput {
  // A face typed after the number ("8 :)", "6 :/"), at a score question only: the risk items read
  // what they always read.
  const text = hedging === "sayings" ? withoutFaces(typed) : typed;
  if (text.length > 30) return { ok: false };
  const plainly = readScore(plainWords(text), min, max, words);
  // A hedge asked as a question ("maybe 6?", "vlt 5?") is a hedge all the same: the number is read.
  // (Where a no must be sure, at a risk item, the caller asks again; see checkin/input.ts.)
  if (plainly.ok || hedging === "none") return plainly;
  // A sentence ends at a stop followed by a space ("lol. 6"), not inside a number ("7.5").
  const sentences = text.split(/[.!?…]+(?=\s)|\n/u).map(plainWords);
  const before = sentences.slice(0, -1).join(" ");
  // What comes before may excuse the lateness ("sorry fell asleep lol"), never say something:
  // "i'm not safe. 1", "help me. 0", "7. 5" and "no. 5" are asked again.
  if (before.split(" ").length > 4 || /\d/u.test(before) || NEGATION.test(before)) return { ok: false };
  // The last sentence, without the hedges before the number and an "ish" after it.
  const last = (sentences.at(-1) ?? "").replace(/[,;:](?=\s|$)/gu, " ");
  const tokens = last.split(/\s+/u).filter((t) => t.length > 0);
  const sayings = hedging === "sayings";
  dropTrailing(tokens, sayings ? SAYING_TRAILING : SCORE_TRAILING);
  if (sayings) dropSaying(tokens);
  const number = (tokens.at(-1) ?? "").replace(/^~/u, "").replace(/-?ish$/u, "");
  if (number === "" || !onlyHedges(tokens.slice(0, -1).join(" "), sayings)) return { ok: false };
  return readScore(number, min, max, words);
}

/** Faces typed with punctuation at the end of a message: ":)", ":-D", ";P", ":/", "<3", "^^", "xD". */
const FACES = /(?:\s+(?:[:;=][-'^o]?[)(\][dDpPoO3/\\|*]+|<3+|\^[_.-]?\^|x[dD]+))+$/u;

/** The text without the faces at its end, as long as something is left. */
export function withoutFaces(text: string): string {
  const bare = text.trimEnd().replace(FACES, "");
  return bare.trim() === "" ? text : bare;
}

/** Words that may come first without changing an answer's words: "pretty much every day". */
const LEADING = [
  ...["pretty much", "i guess", "i think", "i'd say", "id say", "honestly", "tbh", "like", "maybe"],
  ...["probably", "prob", "prolly", "um", "uh", "hmm", "well", "so", "ok", "okay", "oh"],
  ...["kinda", "kind of", "sort of", "sorta", "vlt", "vllt"],
  ...[
    "ich glaube",
    "ich denke",
    "ehrlich gesagt",
    "naja",
    "also",
    "vielleicht",
    "creo que",
    "pues",
    "la verdad",
  ],
].map((phrase) => phrase.split(" "));

/**
 * An answer's words without softening words before or after them: "not at all lol" is "not at
 * all", "pretty much every day" is "every day", "sometimes i guess" is "sometimes". Negations and
 * corrections are never taken off. At least one word is left.
 */
export function unhedged(plain: string): string {
  const tokens = plain.split(/\s+/u).filter((t) => t.length > 0);
  dropTrailing(tokens);
  for (let found = true; found && tokens.length > 1; ) {
    found = false;
    for (const words of LEADING) {
      if (tokens.length > words.length && words.every((x, i) => tokens[i] === x)) {
        tokens.splice(0, words.length);
        found = true;
        break;
      }
    }
  }
  return tokens.join(" ");
}

function readScore(plain: string, min: number, max: number, words?: NumberWords): ScoreInput {
  // "7/10" or "7 out of 10": the scale named must be this question's.
  const outOf = ["/", ...(words?.out_of ?? []).map((w) => ` ${w.toLowerCase()} `)].find((sep) =>
    plain.includes(sep),
  );
  let score: string = plain;
  if (outOf) {
    const [left = "", right = ""] = plain.split(outOf);
    if (oneNumber(right, words) !== max) return { ok: false };
    score = left;
  }
  const value = oneNumber(score, words);
  if (value === undefined || value < min || value > max) return { ok: false };
  return { ok: true, value };
}
