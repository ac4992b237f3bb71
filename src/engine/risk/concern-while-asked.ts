import type { RiskFinding } from "../../clinical/risk-finding.js";
import { wordingFor } from "../../prompts/render.js";
import type { Checkin, Client } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { crisisIn, type Turn } from "../turn-context.js";
import { disclosureOf } from "./alerts.js";
import { questionLapsed, safetyYes } from "./concern-answer.js";
import { keepAsComment, repeatQuestion } from "./disclosure.js";
import { holdsAnAnswer, readSafetyAnswer } from "./safety-answer.js";
import { ownWords, unclearWords } from "./safety-own-words.js";
import { safetyQuestion } from "./safety-question.js";
import { excerpt } from "./screening.js";

/** Words within this long of rapport's last message are one burst with what it answered. */
const BURST_MS = 60_000;

/**
 * Words of concern written while a concern's safety question waits. They belong to that concern,
 * not to a new one with the question sent again ("everyone would be better off" and "i cant do
 * this anymore" in the same second got the question twice):
 * - with a yes in them ("sometimes, i just want it to stop"), the answer: a disclosure with both;
 * - with no word of an answer ("i cant do this anymore"), added to the concern, and the question
 *   already on the screen is not sent again: the therapist reads both, answered once;
 * - with a no or a hedge in them ("not really i just want it to stop"), no clean no: kept as an
 *   unclear answer in the client's words and asked once more, as a hedge is, then left unclear.
 * False when no question waits (or it lapsed): the words are a new concern.
 */
export async function concernWhileAsked(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<boolean> {
  const pending = await turn.tx.pendingConcern(client.personId);
  if (!pending || questionLapsed(turn.now, pending, open)) return false;
  const w = wordingFor(turn.deps.catalog, pending.language);
  const safety = w.instrument(SAFETY_INSTRUMENT);
  const choices = safety.choices ?? [];
  const answer = readSafetyAnswer(text, choices, safety.riskItem?.above ?? 0);
  const added = disclosureOf(finding, text).words.filter((word) => !pending.words.includes(word));
  const joined = {
    ...pending,
    words: [...pending.words, ...added],
    text: excerpt(`${pending.text} / ${text}`),
  };
  if (answer === "yes") {
    // The message is the answer, quoted as such: the concern keeps its own words beside it.
    await turn.tx.extendConcern(pending.id, joined.words, pending.text);
    await turn.tx.answerConcern(pending.id, "yes");
    const said = ownWords(text, turn.event.input.kind === "text", choices);
    await safetyYes(
      turn,
      client,
      { ...joined, text: pending.text },
      pending.checkinId ?? open?.id ?? null,
      open,
      said,
    );
    return true;
  }
  if (!holdsAnAnswer(text, choices)) {
    // Within a burst the question is still on the screen; written later ("i cant do this
    // anymore", twenty minutes on), the words are not met with silence: the question comes again.
    const last = await turn.tx.lastQueuedAt(client.personId);
    const burst = last !== undefined && Date.parse(turn.now) - Date.parse(last) <= BURST_MS;
    await turn.tx.extendConcern(pending.id, joined.words, joined.text);
    // At the comment the words are the comment too, as a concern's are.
    await keepAsComment(turn, client, open, text);
    if (!burst) {
      await turn.send(
        client.personId,
        safetyQuestion(w, (item) => w.t("safety_check", { item })),
      );
    }
    return true;
  }
  // The answer's words are the therapist's to read as the answer ("no clear answer: …").
  const said = unclearWords(pending, ownWords(text, true, choices));
  if (said) await turn.tx.keepUnclearAnswer(pending.id, said);
  if (pending.safetyAnswer === "pending") {
    await turn.tx.answerConcern(pending.id, "reasked");
    await turn.send(
      client.personId,
      safetyQuestion(w, (item) => w.t("safety_check_at_question", { item })),
    );
    return true;
  }
  await turn.tx.answerConcern(pending.id, "none");
  await turn.reply({
    kind: "info",
    riskPath: true,
    text: turn.wording.t("safety_check_unclear", { crisis: crisisIn(turn.deps, turn.wording) }),
  });
  if (open) await repeatQuestion(turn, client, open);
  return true;
}
