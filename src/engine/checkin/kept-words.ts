import type { Checkin } from "../../store/types.js";
import type { Turn } from "../turn-context.js";

/**
 * Words a client writes at a score question ("rough week, my dog died") are something they wanted
 * their therapist to know. They are kept as the start of the check-in's comment, so that nobody
 * has to type them again at the end, and reach the therapist with the summary when the check-in
 * completes. Kept up to twice the comment's length, as an addition after the comment is.
 */
export async function keepForComment(turn: Turn, checkin: Checkin, text: string): Promise<boolean> {
  const comment = withAdded(checkin.comment, text, turn.deps.config.checkin.commentMaxLength);
  if (comment === undefined) return false;
  await turn.tx.noteOnCheckin(checkin.id, comment);
  // The check-in in hand carries them too: a later step of the same turn sees what is kept.
  checkin.comment = comment;
  return true;
}

/**
 * A comment with words added after it, on a line of their own (kept words, an addition after the
 * check-in); undefined past twice the comment's length.
 */
export function withAdded(comment: string | null, added: string, maxLength: number): string | undefined {
  const words = added.trim();
  const joined = comment ? `${comment}\n${words}` : words;
  return [...joined].length > 2 * maxLength ? undefined : joined;
}

/** The comment a check-in completes with: the words kept during it, then what came at the end. */
export function completedComment(checkin: Checkin, comment: string | null): string | null {
  if (!checkin.comment) return comment;
  return comment ? `${checkin.comment}\n${comment}` : checkin.comment;
}

/**
 * Words that say more than an answer to a risk item said with them: "not sure, nights are hard
 * lately", "no, just exhausted from everything". Short forms ("nah not really") say no more.
 */
export function saysMoreThanAnAnswer(text: string): boolean {
  return letterWords(text) >= 4;
}

/** How many words of a message have a letter in them. */
export function letterWords(text: string): number {
  return text
    .trim()
    .split(/\s+/u)
    .filter((word) => /\p{L}/u.test(word)).length;
}
