import type { RiskFinding } from "../../clinical/risk-finding.js";
import type { Checkin, Client } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { stepMessage } from "../checkin/messages.js";
import { stepOf } from "../checkin/plan.js";
import { isSafetyQuestion } from "../checkin/safety-asked.js";
import { type Turn, therapistName } from "../turn-context.js";
import { afterCrisis } from "./after-crisis.js";
import { disclosureOf, raiseRisk } from "./alerts.js";
import { readSafetyAnswer } from "./safety-answer.js";
import { excerpt } from "./screening.js";

/**
 * Words of concern typed at the check-in's own safety question that carry a yes ("only passive
 * thoughts", "sometimes, i just want to sleep and not wake up") answer it: a yes, with the
 * client's words in the alert. Words without one ("honestly i dont feel safe") are asked about as
 * a concern is, in words that say it is this question (concernTurn). False when the check-in is
 * at another step or the words carry no yes.
 */
export async function concernAnswersSafety(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<boolean> {
  if (!open) return false;
  const step = stepOf(open);
  if (!isSafetyQuestion(step)) return false;
  const safety = turn.wording.instrument(SAFETY_INSTRUMENT);
  const above = safety.riskItem?.above ?? 0;
  if (readSafetyAnswer(text, safety.choices ?? [], above) !== "yes") return false;
  await safetyAnsweredYes(turn, client, open, finding, text);
  return true;
}

/**
 * A disclosure typed at the check-in's own safety question ("no lol kms") answers it: a yes, with
 * the client's words quoted. The question is not asked again after the crisis message, and the
 * check-in goes on past it. False when the check-in is at another step.
 */
export async function disclosureAnswersSafety(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<boolean> {
  if (!open || !isSafetyQuestion(stepOf(open))) return false;
  await safetyAnsweredYes(turn, client, open, finding, text);
  return true;
}

async function safetyAnsweredYes(
  turn: Turn,
  client: Client,
  open: Checkin,
  finding: RiskFinding,
  text: string,
): Promise<void> {
  const step = stepOf(open);
  if (!isSafetyQuestion(step)) return;
  const safety = turn.wording.instrument(SAFETY_INSTRUMENT);
  const above = safety.riskItem?.above ?? 0;
  const yes = safety.choices?.find((c) => c.value > above)?.value ?? above + 1;
  const therapist = await therapistName(turn.tx, client);
  await turn.tx.saveAnswer(open.id, { ...step.planItem, value: yes }, turn.now);
  await turn.tx.setCheckinStep(open.id, open.step + 1);
  await turn.showAnswer(stepMessage(turn.wording, open, therapist));
  // The message is the answer: the therapist reads it as what they answered, read as a yes ("no but
  // sometimes i wonder whats the point" is no plain yes), not as a yes given after those words.
  const { crisisSent } = await raiseRisk(turn, client, open.id, {
    ...disclosureOf(finding, text),
    tier: "disclosure",
    source: "safety_question",
    text: "",
    answerWords: excerpt(text),
  });
  await afterCrisis(
    turn,
    client,
    { ...open, step: open.step + 1 },
    crisisSent,
    finding.language,
    finding.acute,
  );
}
