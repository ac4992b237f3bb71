import { isSpace } from "./risk-tokens.js";

/**
 * Where a second reading with typing slips corrected needs to look (risk-screen.ts): a stretch of
 * the text around each slip, wide enough that any phrase or exception holding the slipped word
 * lies inside it. Reading only these stretches keeps the cost of one slip in a long text to the
 * words around it, not a second pass over the whole text.
 */
interface SlipWindow {
  /** The stretch, in UTF-16 units of the text, starting and ending between words. */
  from: number;
  to: number;
  /** Where each slipped word inside it begins in the text. */
  slips: number[];
}

/**
 * `starts`: where each slipped word begins, in the order read. `reach`: written words (stretches
 * between spaces holding a letter or a digit) to take on each side: at least the longest span a
 * phrase or exception can match, fillers and gaps included (risk-reach.ts works it out from the
 * lists). Overlapping stretches are joined.
 */
export function slipWindows(text: string, starts: readonly number[], reach: number): SlipWindow[] {
  const windows: SlipWindow[] = [];
  for (const at of starts) {
    const last = windows.at(-1);
    if (last && at < last.to) {
      last.slips.push(at);
      last.to = Math.max(last.to, wordsAfter(text, at, reach));
      continue;
    }
    const from = wordsBefore(text, at, reach);
    const to = wordsAfter(text, at, reach);
    if (last && from <= last.to) {
      last.slips.push(at);
      last.to = to;
    } else windows.push({ from, to, slips: [at] });
  }
  return windows;
}

/** The start of the `count`th written word before the one at `at` (or the text's start). */
export function wordsBefore(text: string, at: number, count: number): number {
  let i = at;
  for (let seen = 0; seen < count && i > 0; ) {
    while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
    const end = i;
    while (i > 0 && !isSpace(text.charCodeAt(i - 1))) i--;
    if (wordful(text, i, end)) seen++;
  }
  return i;
}

/** The end of the `count`th written word after the one at `at`, that one included (or the text's end). */
export function wordsAfter(text: string, at: number, count: number): number {
  const n = text.length;
  let i = at;
  for (let seen = 0; seen <= count && i < n; ) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    if (wordful(text, start, i)) seen++;
  }
  return i;
}

const LETTER = /\p{L}/u;

/**
 * Whether a written word holds a letter or a digit: one that does not ("😩", "...") gives the
 * screen no word to read (risk-tokens.ts), so it does not count towards the reach.
 */
function wordful(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
    if (c >= 128 && LETTER.test(String.fromCodePoint(text.codePointAt(i) as number))) return true;
  }
  return false;
}

/** Whether a slip begins in [from, until): `slips` in order, searched by halves (a flood can hold thousands). */
export function slipWithin(slips: readonly number[], from: number, until: number): boolean {
  let low = 0;
  let high = slips.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((slips[mid] as number) < from) low = mid + 1;
    else high = mid;
  }
  return low < slips.length && (slips[low] as number) < until;
}
