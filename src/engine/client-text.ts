/**
 * Text a client wrote, shown to their therapist. It must never pass for rapport's own lines: no
 * control that reorders text on screen (U+202E and friends), no invisible characters, and a
 * comment of several lines comes as a quoted block, each line marked, so "Warnings: none" typed
 * by a client cannot sit in the summary as if rapport had written it.
 */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]|\p{Default_Ignorable_Code_Point}/gu;

export function withoutControls(text: string): string {
  return text.replace(HIDDEN, "");
}

/** One line: whitespace runs (newlines included) as single spaces. */
export function oneLine(text: string): string {
  return withoutControls(text).replace(/\s+/g, " ").trim();
}

/** Several lines, each marked as the client's, indented under a title of rapport's. */
export function quotedLines(text: string): string[] {
  return withoutControls(text)
    .trim()
    .split(/\r?\n/)
    .map((line) => `  > ${line.trimEnd()}`);
}
