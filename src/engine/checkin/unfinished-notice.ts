import type { Client } from "../../store/types.js";
import { formatDay } from "../format.js";
import { unclearAnswerOf, withoutSettled } from "../risk/event-marks.js";
import { unclearAnswerText } from "../risk/text.js";
import type { Turn } from "../turn-context.js";
import { commentLines } from "./summary-text.js";
import { hasWholeMeasure, unfinishedParts, unfinishedPhrases } from "./unfinished.js";

/**
 * A check-in closed at its expiry with a whole measure answered, with words the client wrote
 * during it, or with an unclear answer to a risk item ("not sure" at the PHQ-9's ninth): the therapist is told what it says, at once, in one message (an alliance of 20/40 in
 * a check-in the client left is a reason to call, not to wait for the weekly digest; "my dog died
 * on sunday" was written to be read). One with neither is left to the digest and `summary ALIAS
 * --all`.
 */
export async function tellUnfinished(turn: Turn, client: Client, checkinId: number): Promise<void> {
  const { tx, deps } = turn;
  const closed = (await tx.unansweredCheckins(client.personId)).find((c) => c.id === checkinId);
  if (!closed) return;
  const parts = unfinishedParts(closed);
  const words = closed.comment?.trim() ? closed.comment : null;
  // An unclear answer at a risk item it stopped at ("maybe no" at the PHQ-9's ninth) is said too.
  const events = withoutSettled(await tx.riskEvents(client.personId, { checkinId }), [closed]);
  const unclear = events.flatMap((e) => {
    const q = unclearAnswerOf(e.words);
    return q ? [{ q, said: e.answerWords ?? e.text }] : [];
  });
  if (!hasWholeMeasure(parts) && !words && unclear.length === 0) return;
  const w = await turn.wordingOf(client.therapistId);
  const date = formatDay(closed.createdAt, w.pack.language, deps.config.clinic.timeZone);
  const phrases = unfinishedPhrases(w, parts, deps.config.thresholds.allianceConcern);
  const text = [
    w.t("unfinished_closed", {
      alias: client.alias,
      seq: closed.seq,
      date,
      answered: closed.answers.length,
      count: closed.plan.length,
    }),
    ...phrases.map((phrase) => w.t("unfinished_item", { text: phrase })),
    ...unclear.map((u) => w.t("unfinished_item", { text: unclearAnswerText(w, u.q, u.said) })),
    ...(words ? commentLines(w, words) : []),
    w.t("unfinished_not_counted", { alias: client.alias }),
  ].join("\n");
  await turn.send(client.therapistId, { kind: "summary", text }, client.personId);
}
