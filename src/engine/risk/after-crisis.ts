import type { Wording } from "../../prompts/render.js";
import type { Checkin, Client } from "../../store/types.js";
import { stepOf } from "../checkin/plan.js";
import { afterCompletion } from "../checkin/report.js";
import { pastAnsweredSafety } from "../checkin/safety-asked.js";
import { crisisIn, type Turn } from "../turn-context.js";

/**
 * After a crisis message the turn ends with one warm line; an open check-in's question waits for
 * the client's next message.
 *
 * A check-in with every question answered and only the optional comment left (a yes at the safety
 * question, its last) is completed at once instead: the therapist, who has just had the urgent
 * alert and is asked to follow up today, gets its scores now, not when it closes two days later
 * (CLINICAL.md, "Risk and safety": the check-in is never blocked). It is dated by that last answer.
 * The client is told that their answers have gone and that anything more they write still reaches
 * the therapist: while the alert is open it goes with the alert, afterwards it is added to the
 * check-in's comment (comment-addition.ts) until the check-in would have closed.
 */
export async function afterCrisis(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  crisisSent: boolean,
  /** The language of the words that raised the risk, as for the crisis message. */
  spoken: string | null = null,
  /** The words say an overdose or attempt is under way or just happened: emergency help now. */
  acute = false,
): Promise<void> {
  const w = await turn.wordingOf(client.personId, spoken);
  const left = open ? await pastAnsweredSafety(turn, client, open) : undefined;
  const complete = left !== undefined && stepOf(left).kind === "comment";
  if (left && complete) {
    await turn.tx.completeCheckin(left.id, left.comment, turn.now);
    await afterCompletion(turn, client);
  } else if (open || client.status === "joining") {
    // Before consent, the consent question waits the same way: the next message is no answer to it.
    await turn.tx.setResumeQuestion(client.personId, true);
  }
  await turn.send(client.personId, {
    kind: "info",
    riskPath: true,
    text: warmLine(turn, w, crisisSent, open, complete, acute),
  });
}

/**
 * "Write to me whenever you want" is the wrong urgency for "i took all my pills": an acute
 * disclosure is told to get emergency help now instead, with the crisis contacts when the crisis
 * message did not go out just now (one went less than ten minutes ago).
 */
function warmLine(
  turn: Turn,
  w: Wording,
  crisisSent: boolean,
  open: Checkin | undefined,
  complete: boolean,
  acute: boolean,
): string {
  if (acute && crisisSent) return w.t("crisis_followup_acute");
  if (acute) return w.t("crisis_again_acute", { crisis: crisisIn(turn.deps, w) });
  // A check-in completed by this answer is said to have gone, whether or not the crisis message
  // went again (it goes at most once in ten minutes): otherwise it ended without a word.
  if (complete) return w.t(crisisSent ? "crisis_followup_answers_sent" : "crisis_again_answers_sent");
  if (!crisisSent) return w.t("crisis_again");
  return w.t(open ? "crisis_followup_checkin" : "crisis_followup");
}
