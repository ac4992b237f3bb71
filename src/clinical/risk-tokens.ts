/**
 * Turning what someone typed into the canonical words the risk screen compares (CLINICAL.md,
 * "Risk and safety"): people write "dont", "do not" and "don't"; "cant", "cannot" and "can not";
 * "my self"; "k*ll" and "su1c1de"; "dieeee". Each of those must read the same as the phrase in
 * the list, so text and phrases go through the same steps:
 *
 * 1. lower case, accents and other marks removed, apostrophes dropped;
 * 2. letters masked inside a word ("k*ll", "s#icide") become a wildcard, and digits or symbols
 *    standing in for letters inside a word ("su1c1de", "k!ll") are read as those letters;
 * 3. runs of the same letter count as one ("dieeee" and "die", "kill" and "kil" read the same);
 * 4. contractions and chat forms are spelled out ("dont" → "do not", "wanna" → "want to") and
 *    split words joined ("my self" → "myself", "no one" → "nobody").
 *
 * Each word keeps where it stood in the original text, so a therapist is shown the client's own
 * words, not the canonical form. This file reads the words (steps 1 and 2); risk-canonical.ts
 * takes each on through steps 3 and 4.
 */

import { type Correct, canonicalSink, LETTER, type WordSink } from "./risk-canonical.js";
import { APOSTROPHE_FORMS, LEET } from "./risk-spellings.js";

/** Stands for one to three hidden letters in a masked word. */
export const MASK = "?";

/** The canonical words of a text, with where each stood in it. */
interface ScreenTokens {
  words: string[];
  /** [start, end) of each word's chunk in the original text, in UTF-16 units. */
  starts: number[];
  ends: number[];
}

const EDGE = /^[^\p{L}\d]+|[^\p{L}\d]+$/gu;
const LEET_CHAR = /[013457@$!|]/g;
const LEET_NEAR_LETTER = /\p{L}[013457@$!|]|[013457@$!|]\p{L}/u;
const MASK_RUN = /[*#%_~.]+/g;
const SEPARATOR = /[^\p{L}\d?]+/u;
const WORDLIKE = /\p{L}|\d/u;

/** Lower case, marks removed, apostrophes dropped. */
function fold(chunk: string): string {
  return chunk
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/['’‘`´ʼ]/g, "");
}

/** The words of one whitespace-free chunk, before expansion ("k*ll" → ["k?ll"], "self-harm" → ["self", "harm"]). */
function chunkWords(chunk: string): string[] {
  // Emoji and punctuation alone say nothing the lists can match.
  if (!WORDLIKE.test(chunk)) return [];
  let core = fold(chunk).replace(EDGE, "");
  if (!LETTER.test(core)) return core.split(SEPARATOR).filter((w) => WORDLIKE.test(w));
  // Symbols standing for letters only inside a word that has letters: "20" stays a number.
  if (LEET_NEAR_LETTER.test(core)) core = core.replace(LEET_CHAR, (ch) => LEET[ch] ?? ch);
  // A mask between letters hides letters ("k*ll"); elsewhere it separates.
  core = core.replace(MASK_RUN, (run, at: number) => maskOrSeparator(core, run, at));
  return core.split(SEPARATOR).filter((w) => WORDLIKE.test(w));
}

function maskOrSeparator(core: string, run: string, at: number): string {
  const before = core[at - 1] ?? "";
  const after = core[at + run.length] ?? "";
  if (!LETTER.test(before) || !LETTER.test(after)) return " ";
  // "e.g" and "a.m" are abbreviations, not masks; a single dot, underscore or tilde separates.
  if (run === "." || run === "_" || run === "~") return " ";
  return MASK;
}

/**
 * Reads a text word by word into a sink. Linear in the length of the text, and cheap per word:
 * a whitespace-separated chunk that is plain lower-case letters with at most some closing
 * punctuation (most of any text) is read in place; only other chunks take the full steps.
 */
export function tokenize(text: string, sink: WordSink, correct?: Correct): void {
  const out = canonicalSink(sink, correct);
  // Lower-casing the whole text at once keeps positions unless a letter changes length.
  const lower = text.toLowerCase();
  const source = lower.length === text.length ? lower : text;
  const n = source.length;
  let i = 0;
  while (i < n && !out.stopped) {
    if (isSpace(source.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    // 0: in the letters; 1: in closing punctuation; 2: something else (the full steps).
    let phase = 0;
    let letters = 0;
    let apostrophes = false;
    let digits = 0;
    let doubled = false;
    let previous = 0;
    for (; i < n; i++) {
      const c = source.charCodeAt(i);
      if (isSpace(c)) break;
      if (c === previous) doubled = true;
      previous = c;
      if (phase === 0 && c >= 97 && c <= 122) letters++;
      else if (phase === 0 && letters > 0 && (c === 39 || c === 0x2019)) apostrophes = true;
      else if (phase === 0 && letters === 0 && c >= 48 && c <= 57) digits++;
      else if (phase !== 2 && letters > 0 && isClosing(c)) phase = 1;
      else phase = 2;
    }
    if (phase === 2) {
      for (const word of chunkWords(source.slice(start, i))) out.word(word, start, i);
    } else if (digits > 0) {
      // A number ("20"), or digits standing in for letters ("2day"): the full steps decide.
      if (letters === 0) out.word(source.slice(start, start + digits), start, i);
      else for (const word of chunkWords(source.slice(start, i))) out.word(word, start, i);
    } else if (letters > 0) {
      const end = start + letters + (apostrophes ? countApostrophes(source, start, i) : 0);
      const word = apostrophes ? withoutApostrophes(source, start, end) : source.slice(start, end);
      // "od'd" reads "odd" once the apostrophe goes: with one, it is the past of "OD".
      const formed = apostrophes ? (APOSTROPHE_FORMS[word] ?? word) : word;
      out.word(formed, start, i, !doubled || formed !== word);
    }
  }
  out.flush();
}

/** The canonical words of a whole text in arrays (for phrases and tests; the screen streams). */
export function screenTokens(text: string): ScreenTokens {
  const tokens: ScreenTokens = { words: [], starts: [], ends: [] };
  tokenize(text, (word, start, end) => {
    tokens.words.push(word);
    tokens.starts.push(start);
    tokens.ends.push(end);
    return true;
  });
  return tokens;
}

function withoutApostrophes(source: string, from: number, to: number): string {
  let word = "";
  let piece = from;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c !== 39 && c !== 0x2019) continue;
    word += source.slice(piece, i);
    piece = i + 1;
  }
  return word + source.slice(piece, to);
}

/** Apostrophes inside the word that starts at `from` (the scan counted only its letters). */
function countApostrophes(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 39 || c === 0x2019) count++;
  }
  return count;
}

export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return (
    c === 0xa0 ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** . , ! ? ; : ) and " after a word. */
function isClosing(c: number): boolean {
  return c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58 || c === 41 || c === 34;
}

const canonical = new Map<string, string[]>();

/** The canonical words of a phrase's words as written in a list (remembered: lists repeat words). */
export function canonicalWords(text: string): readonly string[] {
  let words = canonical.get(text);
  if (!words) {
    words = screenTokens(text).words;
    canonical.set(text, words);
  }
  return words;
}
