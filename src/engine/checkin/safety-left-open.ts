import { screenTokens } from "../../clinical/risk-tokens.js";
import type { Checkin, Client } from "../../store/types.js";
import { isUnclearAnswerOf } from "../risk/event-marks.js";
import { NOT_A_DENIAL, UNSURE } from "../risk/safety-hedges.js";
import type { Turn } from "../turn-context.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { stepMessage, withLine } from "./messages.js";
import { stepOf } from "./plan.js";
import { pastAnsweredSafety } from "./safety-asked.js";
import { keepUnclearAnswer } from "./unclear-answer.js";

/** Not knowing, in the words the safety answer reads it by ("idk", "no sé", "keine ahnung"). */
const UNSURE_WORDS = [...UNSURE, ...NOT_A_DENIAL].map((phrase) => screenTokens(phrase).words.join(" "));

/**
 * Whether words that ask to skip the question ("idk", "not sure" are read so too) say not knowing
 * rather than declining: told that not being sure is an answer, not how to leave the question open.
 */
export function saysUnsure(text: string): boolean {
  const said = ` ${screenTokens(text).words.join(" ")} `;
  return UNSURE_WORDS.some((phrase) => said.includes(` ${phrase} `));
}

/**
 * How long after the first unclear answer a second one counts as said to the question asked again,
 * not as the rest of the same burst ("not sure" / "idk", typed together before the re-ask arrived).
 */
const SEEN_REASK_MS = 3_000;

/**
 * A second unclear answer to the check-in's own safety question ("skip", then "skip" again; "not
 * sure", then "rather not say"), after it was asked once more: the client has said what they will
 * say. The check-in is never blocked (CLINICAL, risk 5): the words are kept with the first as no
 * clear answer, and the check-in goes on to its next step, so that the summary with everything
 * else reaches the therapist now, saying that the question was left open, rather than at the
 * expiry two days later. Only the safety question: a measure's risk item (the PHQ-9's ninth) is
 * part of its total, which a missing answer would leave unscored. True when the check-in went on.
 */
export async function leaveSafetyOpen(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  text: string,
  therapist: string,
): Promise<boolean> {
  const step = stepOf(checkin);
  if (step.kind !== "item" || step.planItem.instrument !== SAFETY_INSTRUMENT) return false;
  const { instrument, item } = step.planItem;
  const events = await turn.tx.riskEvents(client.personId, { checkinId: checkin.id });
  const first = events.find((e) => isUnclearAnswerOf(e.words, instrument, item));
  if (!first || Date.parse(turn.now) - Date.parse(first.at) < SEEN_REASK_MS) return false;
  await keepUnclearAnswer(turn, client, checkin, step.planItem, text);
  await turn.tx.setCheckinStep(checkin.id, checkin.step + 1);
  const next = await pastAnsweredSafety(turn, client, { ...checkin, step: checkin.step + 1 });
  const w = turn.wording;
  await turn.reply(withLine(stepMessage(w, next, therapist), w.t("safety_left_open", { therapist })));
  return true;
}

/**
 * Whether a check-in went on past its safety question without an answer to it (left open here),
 * rather than closing there at its expiry: its step is past the question's.
 */
export function leftOpen(checkin: Checkin): boolean {
  const at = checkin.plan.findIndex((p) => p.instrument === SAFETY_INSTRUMENT);
  return at >= 0 && checkin.step > at;
}
