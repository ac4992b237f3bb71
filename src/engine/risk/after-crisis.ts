import type { Checkin, Client } from "../../store/types.js";
import { stepOf } from "../checkin/plan.js";
import { afterCompletion } from "../checkin/report.js";
import { pastAnsweredSafety } from "../checkin/safety-asked.js";
import type { Turn } from "../turn-context.js";

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
): Promise<void> {
  const w = await turn.wordingOf(client.personId, spoken);
  const left = open ? await pastAnsweredSafety(turn, client, open) : undefined;
  if (left && stepOf(left).kind === "comment") {
    await turn.tx.completeCheckin(left.id, left.comment, turn.now);
    await afterCompletion(turn, client);
    const key = crisisSent ? "crisis_followup_answers_sent" : "crisis_again";
    await turn.send(client.personId, { kind: "info", text: w.t(key) });
    return;
  }
  if (open) await turn.tx.setResumeQuestion(client.personId, true);
  const key = !crisisSent ? "crisis_again" : open ? "crisis_followup_checkin" : "crisis_followup";
  await turn.send(client.personId, { kind: "info", text: w.t(key) });
}
