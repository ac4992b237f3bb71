import type { Client } from "../../store/types.js";
import { disclosedDuring } from "../risk/disclosed-during.js";
import { type Turn, therapistName } from "../turn-context.js";
import { mayCorrect } from "./correction.js";
import { withAdded } from "./kept-words.js";
import { navigationIn } from "./navigation.js";
import { expiresAt } from "./plan.js";

/**
 * How long after a check-in words from the client are the rest of its comment. People send a
 * thought in parts ("ok so", then the real message), and a comment refused as too long comes back
 * split in two: the second part must not be told that nobody will see it.
 */
const COMMENT_FOLLOW_MS = 10 * 60_000;

/**
 * Words sent soon after the client finished a check-in's comment step (a comment or a Skip) are
 * added to that check-in's comment, and the therapist gets them in a short message of their own:
 * the summary has already gone. Not after a check-in closed at its expiry (the client never
 * reached the comment), and not past twice the comment's length. False: not added.
 *
 * A check-in during which the client disclosed risk completed when only its comment was left, so
 * that the therapist had the scores at once (risk/after-crisis.ts), and the client was told they
 * could still write what they would like the therapist to know: their words are its comment until
 * the check-in would have closed (while the alert is open, they go with the alert instead).
 */
export async function addToComment(turn: Turn, client: Client, text: string): Promise<boolean> {
  const last = await turn.tx.lastCompletedCheckin(client.personId);
  if (!last?.completedAt || last.step < last.plan.length) return false;
  const soon = Date.parse(turn.now) - Date.parse(last.completedAt) <= COMMENT_FOLLOW_MS;
  const waits =
    !soon &&
    Date.parse(turn.now) < expiresAt(last, turn.deps.config.schedule.expireAfterHours) &&
    (await disclosedDuring(turn.tx, client.personId, last.id));
  if (!soon && !waits) return false;
  // "wait 5 not 6", "undo", "where were we" just after the end: about the check-in, not words for
  // the therapist. Its answers are not changed once its summary has gone: the client is told so,
  // and how to tell the therapist; nothing is sent.
  const move = navigationIn(text);
  if (move || (/\p{N}/u.test(text) && mayCorrect(text))) {
    const therapist = await therapistName(turn.tx, client);
    const key = move === "where" ? "checkin_finished_where" : "checkin_finished_correction";
    await turn.replyText(turn.wording.t(key, { therapist }));
    return true;
  }
  const added = text.trim();
  const comment = withAdded(last.comment, added, turn.deps.config.checkin.commentMaxLength);
  if (comment === undefined) return false;
  await turn.tx.completeCheckin(last.id, comment, last.completedAt);
  const tw = await turn.wordingOf(client.therapistId);
  await turn.send(
    client.therapistId,
    { kind: "info", text: tw.t("comment_added", { alias: client.alias, text: added }) },
    client.personId,
  );
  const therapist = await therapistName(turn.tx, client);
  await turn.replyText(turn.wording.t("comment_added_reply", { therapist }));
  return true;
}
