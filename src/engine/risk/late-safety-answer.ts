import { screenTokens } from "../../clinical/risk-tokens.js";
import { wordingFor } from "../../prompts/render.js";
import type { Client } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { SAFETY_CHECK_REF } from "../refs.js";
import { crisisIn, type Turn } from "../turn-context.js";
import { safetyYes } from "./concern-answer.js";
import { tellConcern } from "./concern-notice.js";
import { readSafetyAnswer } from "./safety-answer.js";
import { ownWords } from "./safety-own-words.js";
import { safetyQuestion } from "./safety-question.js";

/** How long after a concern's safety question lapsed a clear answer to it still counts. */
const LATE_SAFETY_ANSWER_MS = 24 * 60 * 60_000;

/**
 * A typed yes this soon after rapport said something else to the client ("to have it all erased,
 * type forget…", then "yes") may answer that, not the safety question: asked to confirm, with
 * the question, and the reply within CONFIRM_MS taken as the answer.
 */
const JUST_SAID_MS = 10 * 60_000;
const CONFIRM_MS = 10 * 60_000;

/** A late "no" counts only as a short reply ("no", "nah im ok"): "no worries, see you tuesday" is not one. */
const LATE_NO_MAX_WORDS = 4;
/** Short replies that start with "no" and answer nothing about safety. */
const NOT_AN_ANSWER = ["no worries", "no problem", "no probs", "no rush", "no idea"].map((phrase) =>
  screenTokens(phrase).words.join(" "),
);

/** Whether a "no" typed late is short and plain enough to be the answer. */
function plainNo(raw: string): boolean {
  const words = screenTokens(raw).words;
  const text = words.join(" ");
  return (
    words.length <= LATE_NO_MAX_WORDS && !NOT_AN_ANSWER.some((p) => text === p || text.startsWith(`${p} `))
  );
}

/**
 * An answer to a concern's safety question that came after it lapsed (the client was asleep, or
 * away for hours), when nothing else is waiting for their words: no check-in open, no other
 * question. A yes is a disclosure, as it would have been in time: the crisis message and an
 * urgent alert. A short no is thanked and the therapist, who was told the question went
 * unanswered, is told the answer. True when the input was taken as the answer.
 */
export async function answerLateSafetyCheck(turn: Turn, client: Client): Promise<boolean> {
  const input = turn.event.input;
  // A confirmation asked stands for the client's next message only, whatever it is.
  const confirming =
    client.safetyConfirmAt != null && Date.parse(turn.now) - Date.parse(client.safetyConfirmAt) <= CONFIRM_MS;
  if (client.safetyConfirmAt != null) await turn.tx.setSafetyConfirm(client.personId, null);
  if (input.kind === "choice" && input.ref !== undefined && input.ref !== SAFETY_CHECK_REF) return false;
  const concern = await turn.tx.latestConcern(client.personId);
  if (concern?.safetyAnswer !== "none") return false;
  if (Date.parse(turn.now) - Date.parse(concern.at) > LATE_SAFETY_ANSWER_MS) return false;
  const safety = wordingFor(turn.deps.catalog, concern.language).instrument(SAFETY_INSTRUMENT);
  const raw = input.kind === "choice" ? input.value : input.text;
  const answer = readSafetyAnswer(raw, safety.choices ?? [], safety.riskItem?.above ?? 0);
  if (answer === "unclear") return false;
  if (answer === "no" && input.kind === "text" && !plainNo(raw)) return false;
  if (
    answer === "yes" &&
    input.kind === "text" &&
    !confirming &&
    (await justSaidOther(turn, client, concern.at))
  ) {
    await turn.tx.setSafetyConfirm(client.personId, turn.now);
    const w = wordingFor(turn.deps.catalog, concern.language);
    await turn.send(
      client.personId,
      safetyQuestion(w, (item) => w.t("safety_check_late_confirm", { item })),
    );
    return true;
  }
  await turn.tx.answerConcern(concern.id, answer);
  if (answer === "yes") {
    const said = ownWords(raw, input.kind === "text", safety.choices ?? []);
    await safetyYes(turn, client, concern, concern.checkinId, undefined, said);
    return true;
  }
  await turn.replyText(turn.wording.t("safety_check_no", { crisis: crisisIn(turn.deps, turn.wording) }));
  await tellConcern(turn.tx, turn.deps, concern, "no", turn.now);
  return true;
}

/** Whether rapport said something to the client after the concern, and only a moment ago. */
async function justSaidOther(turn: Turn, client: Client, concernAt: string): Promise<boolean> {
  const last = await turn.tx.lastQueuedAt(client.personId);
  if (last === undefined || Date.parse(last) <= Date.parse(concernAt)) return false;
  return Date.parse(turn.now) - Date.parse(last) < JUST_SAID_MS;
}
