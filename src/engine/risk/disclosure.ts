import type { RiskFinding } from "../../clinical/risk-finding.js";
import type { ChatWords } from "../../prompts/schema.js";
import type { Checkin, Client } from "../../store/types.js";
import { mayCorrect } from "../checkin/correction.js";
import { isSkip, namedChoice } from "../checkin/input.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { completedComment } from "../checkin/kept-words.js";
import { stepMessage } from "../checkin/messages.js";
import { stepOf } from "../checkin/plan.js";
import { afterCompletion } from "../checkin/report.js";
import { isRiskItem } from "../checkin/risk-item-answer.js";
import { isSafetyQuestion, pastAnsweredSafety } from "../checkin/safety-asked.js";
import { parseScore } from "../checkin/score-input.js";
import { type Turn, therapistName } from "../turn-context.js";
import { openAlertIsAcute } from "./acute-alert.js";
import { afterCrisis } from "./after-crisis.js";
import { disclosureOf, raiseRisk } from "./alerts.js";
import { concernAnswersSafety, disclosureAnswersSafety } from "./concern-at-safety.js";
import { concernWhileAsked } from "./concern-while-asked.js";
import { followUp } from "./follow-up.js";
import { safetyQuestion } from "./safety-question.js";
import { takesYesBack } from "./yes-taken-back.js";

/**
 * What a client's turn does when what they wrote matched the risk lists, and what they write while
 * an alert is open (the answer to a concern's safety question is in concern-answer.ts). After a
 * crisis message nothing procedural follows in the same turn: one warm line, and the open
 * check-in's question waits for the client's next message.
 */

/** A disclosure (or a concern while an alert is open): the whole risk path, then a warm line. */
export async function disclosureTurn(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<void> {
  // Typed at the check-in's safety question, the disclosure is its answer: a yes, in their words.
  if (finding.tier === "disclosure" && (await disclosureAnswersSafety(turn, client, open, finding, text)))
    return;
  const { crisisSent } = await raiseRisk(turn, client, open?.id ?? null, disclosureOf(finding, text));
  const stillOpen = await keepAsComment(turn, client, open, text);
  // Added to an open alert that is acute ("i took a bunch of pills", then "i want to die"): the
  // line to get emergency help now stays, whatever these words alone would get.
  const alert = finding.acute ? undefined : await turn.tx.openRiskAlert(client.personId);
  const acute = finding.acute || (alert !== undefined && (await openAlertIsAcute(turn.tx, turn.deps, alert)));
  await afterCrisis(turn, client, stillOpen, crisisSent, finding.language, acute);
}

/**
 * A concern (hopelessness, "can't go on"): the client is asked the safety question at once, in
 * the language of their own words. The therapist's summary lists the concern either way.
 */
export async function concernTurn(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<void> {
  if (await turn.tx.openRiskAlert(client.personId)) return disclosureTurn(turn, client, open, finding, text);
  if (await concernAnswersSafety(turn, client, open, finding, text)) return;
  // While its question waits, more words of concern go with the concern, and it is not asked twice.
  if (await concernWhileAsked(turn, client, open, finding, text)) return;
  const pending = await turn.tx.pendingConcern(client.personId);
  if (pending) await turn.tx.answerConcern(pending.id, "none");
  const w = turn.spokenWording(finding.language);
  // The language the question is asked in: its answer is read in it, later or at once.
  const d = { ...disclosureOf(finding, text), language: w.pack.language };
  await turn.tx.addRiskEvent({
    clientId: client.personId,
    alertId: null,
    checkinId: open?.id ?? null,
    tier: "concern",
    source: "free_text",
    words: d.words,
    text: d.text,
    language: d.language,
    safetyAnswer: "pending",
    at: turn.now,
  });
  // Written as the comment, the check-in's own safety question was answered a moment ago: asked
  // again as if it had not been, it reads as not listening.
  const step = open ? stepOf(open) : undefined;
  const justAsked =
    step?.kind === "comment" && open?.plan.some((p) => p.instrument === SAFETY_INSTRUMENT) === true;
  // Written at the safety question itself, it is that question the client is answering.
  const atIt = step !== undefined && isSafetyQuestion(step);
  await keepAsComment(turn, client, open, text);
  const key = atIt ? "safety_check_at_question" : justAsked ? "safety_check_once_more" : "safety_check";
  // To the client's own conversation: in a group, the question is asked privately.
  await turn.send(
    client.personId,
    safetyQuestion(w, (item) => w.t(key, { item })),
  );
}

/**
 * Words typed at the comment step are the comment: kept, and the check-in completes (its summary
 * shows the risk). Returns the check-in if it is still open.
 */
export async function keepAsComment(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  text: string,
): Promise<Checkin | undefined> {
  if (!open || stepOf(open).kind !== "comment") return open;
  // Right after a crisis message the comment question was not on screen: the words go to the
  // alert, and the question comes back at the next message rather than the check-in closing.
  if (client.resumeQuestion === true) return open;
  const max = turn.deps.config.checkin.commentMaxLength;
  const comment = [...text.trim()].slice(0, max).join("");
  await turn.tx.completeCheckin(open.id, completedComment(open, comment), turn.now);
  await afterCompletion(turn, client);
  return undefined;
}

/**
 * While an alert is open, what the client writes goes to it, unless it answers the open question.
 * At the comment it is the comment too, except right after a crisis message, when the question
 * comes back first. True when the turn is done.
 */
export async function passOnToAlert(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  text: string,
  resume: boolean,
): Promise<boolean> {
  if (turn.event.input.kind !== "text") return false;
  const alert = await turn.tx.openRiskAlert(client.personId);
  if (!alert) return false;
  const atComment = open !== undefined && stepOf(open).kind === "comment";
  const skip = isSkip(text, turn.wording.t("comment_skip"));
  // "skip" with no check-in open skips nothing and says nothing: answered as a nod is, not with
  // "I don't pass messages on" under an alert whose every word does reach the therapist.
  if (skip && !open) {
    await followUp(turn, client, alert, "", true, "crisis_acknowledged");
    return true;
  }
  if (skip) return false;
  // "i meant no" after a tapped Yes: passed on, and the client told that the yes stands; at the
  // comment it is not the comment, which would complete the check-in without a word about it.
  const yesStands =
    mayCorrect(text) &&
    takesYesBack(turn.wording, await turn.tx.firstRiskEvent(client.personId, alert.id), text);
  if (atComment && !resume && !yesStands) {
    await followUp(turn, client, alert, text, false);
    return false;
  }
  if (open && !atComment && !yesStands) {
    const words = turn.wording.pack.messages.words;
    if (answersQuestion(text, words)) return false;
    // An option of the question on screen named in words ("several days") answers it too: no
    // words for the alert, nor another urgent message about them.
    const step = stepOf(open);
    const choices =
      step.kind === "item" ? turn.wording.instrument(step.planItem.instrument).choices : undefined;
    if (choices && namedChoice(text, choices) !== undefined) return false;
    // "sorry. 4": an answer with a few words of excuse before it. The answer is stored and the
    // words are kept with the alert (its next update and the summary show them), without another
    // urgent message about nothing new. Words that say something ("not safe. 1") are not a hedge.
    // At a risk item only the hedges it reads itself: "ngl 0" or "def 0" there is no answer (the
    // check-in asks again), so it reaches the alert as other words do.
    const atRisk = choices !== undefined && step.kind === "item" && isRiskItem(turn.wording, step.planItem);
    if (parseScore(text, 0, 10, words, atRisk ? "hedges" : "sayings").ok) {
      await followUp(turn, client, alert, text, false);
      return false;
    }
  }
  await followUp(turn, client, alert, text, true, yesStands ? "risk_yes_stands" : "crisis_again");
  if ((resume || yesStands) && open) await repeatQuestion(turn, client, open);
  return true;
}

/** A typed score or yes/no: an answer to the open question, not words for the alert. */
function answersQuestion(text: string, words: ChatWords): boolean {
  // Only a plain yes or no counts: "ok" or "thanks" after a crisis message is a reply to it.
  const said = text.trim().toLowerCase();
  return parseScore(text, 0, 10, words, "none").ok || [words.yes[0], words.no[0], "y", "n"].includes(said);
}

export async function repeatQuestion(turn: Turn, client: Client, open: Checkin): Promise<void> {
  const therapist = await therapistName(turn.tx, client);
  // The safety question itself, just answered after a concern, is not asked again.
  const checkin = await pastAnsweredSafety(turn, client, open);
  await turn.reply(stepMessage(turn.wording, checkin, therapist));
}
