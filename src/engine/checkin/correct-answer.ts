import { riskItemsOf } from "../../prompts/schema.js";
import type { Checkin, Client, PlanItem } from "../../store/types.js";
import { afterCrisis } from "../risk/after-crisis.js";
import { raiseRisk } from "../risk/alerts.js";
import { riskItemWords } from "../risk/event-marks.js";
import { excerpt } from "../risk/screening.js";
import type { Turn } from "../turn-context.js";
import {
  changesSafetyToYes,
  hasMarker,
  mayCorrect,
  plain,
  readCorrection,
  saysInstead,
} from "./correction.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { stepMessage, withLine } from "./messages.js";
import { questionReference } from "./question-reference.js";
import { atRiskItem } from "./risk-item-answer.js";

/**
 * "wait I meant 5" at the next question, "I meant 5 for the first question", or "sorry wrong
 * button, i meant yes" at the comment: the answer to the question before (or the one named) is
 * corrected, the client is told what it is now, and the question they are at comes again. A
 * correction that makes a risk item's answer a yes (the safety question, PHQ-9's ninth item) is a
 * disclosure, as the answer would have been. One that takes such a yes
 * back is not made here: the alert has gone, the therapist follows it up, and the words reach them
 * as the comment or with the alert. False when the text corrects nothing.
 */
export async function correctAnswer(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  text: string,
  therapist: string,
): Promise<boolean> {
  const w = turn.wording;
  // "actually yes" at the comment right after a No to the safety question takes the no back.
  if (await safetyChangedToYes(turn, client, checkin, text, therapist)) return true;
  // Most messages are no correction: those are known without reading the store.
  if (checkin.step === 0 || !mayCorrect(text)) return false;
  const { position, rest } = questionReference(plain(text));
  const at = position ?? checkin.step;
  const item = at >= 1 && at <= checkin.step ? checkin.plan[at - 1] : undefined;
  const atComment = checkin.step >= checkin.plan.length;
  // Words of correction that name no answer this can change ("ugh wrong one", "i meant 50", a
  // question not answered yet) get how to write one, and the question again. At the comment only
  // when they name a question, or are a few words with a number ("wait i meant 6"): anything else
  // there is the comment ("I made a mistake today", "made a mistake at work, 3 days off").
  const help = async () => {
    const short = /\p{N}/u.test(text) && text.trim().split(/\s+/u).length <= 5;
    if (atComment && position === undefined && !short) return false;
    // At the safety question or another risk item, "i mean yeah sometimes" answers it: words that
    // correct nothing are read as its answer, and screened, never set aside as a failed correction.
    if (position === undefined && atRiskItem(w, checkin)) return false;
    await turn.reply(withLine(stepMessage(w, checkin, therapist), w.t("correction_help")));
    return true;
  };
  // "wait 8 not 3" with no word of correction: only a number put in place of another on a numeric
  // scale, never at or of a risk item (their answers are read as they always were); and where it
  // changes nothing, the message goes its ordinary way.
  const instead = !hasMarker(text);
  if (instead && (!item || w.instrument(item.instrument).choices || atRiskItem(w, checkin))) return false;
  if (!item) return help();
  const instrument = w.instrument(item.instrument);
  const atSafety = instrument.id === SAFETY_INSTRUMENT;
  const risk = riskItemsOf(instrument).find((r) => r.item === item.item);
  const before = await turn.tx.answerOf(checkin.id, item);
  // A question moved past without an answer (the safety question answered after words) has none.
  if (before === undefined) return instead ? false : help();
  const after = readCorrection(rest, {
    value: before,
    scale: instrument.scale,
    choices: instrument.choices,
    safetyAbove: atSafety ? instrument.riskItem?.above : undefined,
    words: w.pack.messages.words,
  });
  // "wait 8 not 3" after a 4: neither number is the answer it replaces, so how to correct one.
  if (after === undefined) return instead && !saysInstead(rest) ? false : help();
  // At the comment, words that name the answer already given ("i meant what i said, yes") are the
  // comment, not a correction; at a question, "oops I meant 8" for an 8 is simply confirmed.
  if (after === before && atComment && position === undefined) return false;
  if (risk && before > risk.above && after <= risk.above) return false;
  await corrected(turn, client, checkin, { at, item, before, after, text }, therapist);
  return true;
}

/** A correction read: stored, told, and a risk item's answer made a yes raised as a disclosure. */
async function corrected(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  change: { at: number; item: PlanItem; before: number; after: number; text: string },
  therapist: string,
): Promise<void> {
  const { at, item, before, after, text } = change;
  const w = turn.wording;
  const instrument = w.instrument(item.instrument);
  const atSafety = instrument.id === SAFETY_INSTRUMENT;
  const risk = riskItemsOf(instrument).find((r) => r.item === item.item);
  await turn.tx.correctAnswer(checkin.id, { ...item, value: after });
  const answer =
    instrument.choices?.find((c) => c.value === after)?.label ?? after.toLocaleString(w.pack.language);
  await turn.replyText(w.t("answer_corrected", { number: at, answer }));
  if (risk && after > risk.above && before <= risk.above) {
    const { crisisSent } = await raiseRisk(turn, client, checkin.id, {
      tier: "disclosure",
      source: "safety_question",
      words: atSafety ? [] : riskItemWords(instrument.id, item.item, after),
      text: excerpt(text),
      language: w.pack.language,
    });
    await afterCrisis(turn, client, checkin, crisisSent);
    return;
  }
  await turn.reply(stepMessage(w, checkin, therapist));
}

/**
 * "actually yes", "sorry, yes", "i clicked no but its yes" at the comment right after a No to the
 * check-in's own safety question: a correction to yes, with the urgent alert a yes raises, not a
 * comment under "Safety question: no". False when the check-in is elsewhere or the words are none.
 */
async function safetyChangedToYes(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  text: string,
  therapist: string,
): Promise<boolean> {
  const item = checkin.plan[checkin.step - 1];
  if (checkin.step < checkin.plan.length || item?.instrument !== SAFETY_INSTRUMENT) return false;
  const safety = turn.wording.instrument(SAFETY_INSTRUMENT);
  const above = safety.riskItem?.above ?? 0;
  if (!changesSafetyToYes(text, safety.choices ?? [], above)) return false;
  const before = await turn.tx.answerOf(checkin.id, item);
  const yes = safety.choices?.find((c) => c.value > above)?.value;
  if (before === undefined || before > above || yes === undefined) return false;
  await corrected(turn, client, checkin, { at: checkin.step, item, before, after: yes, text }, therapist);
  return true;
}
