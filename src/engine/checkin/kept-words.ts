import type { Checkin } from "../../store/types.js";
import type { Turn } from "../turn-context.js";

/**
 * Words a client writes at a score question ("rough week, my dog died") are something they wanted
 * their therapist to know. They are kept as the start of the check-in's comment, so that nobody
 * has to type them again at the end, and reach the therapist with the summary when the check-in
 * completes. Kept up to twice the comment's length, as an addition after the comment is.
 */
export async function keepForComment(turn: Turn, checkin: Checkin, text: string): Promise<boolean> {
  const words = text.trim();
  const comment = checkin.comment ? `${checkin.comment}\n${words}` : words;
  if ([...comment].length > 2 * turn.deps.config.checkin.commentMaxLength) return false;
  await turn.tx.noteOnCheckin(checkin.id, comment);
  // The check-in in hand carries them too: a later step of the same turn sees what is kept.
  checkin.comment = comment;
  return true;
}

/** The comment a check-in completes with: the words kept during it, then what came at the end. */
export function completedComment(checkin: Checkin, comment: string | null): string | null {
  if (!checkin.comment) return comment;
  return comment ? `${checkin.comment}\n${comment}` : checkin.comment;
}
