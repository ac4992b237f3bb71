import type { ChatWords, Instrument } from "../../prompts/schema.js";
import type { Checkin, Client, PlanItem } from "../../store/types.js";
import { isGreeting } from "../acknowledgement.js";
import { asksForBreak } from "../break-request.js";
import { startsAsQuestion } from "../question.js";
import { isUnclearAnswerOf, unclearAnswerWords } from "../risk/event-marks.js";
import { unclearWords } from "../risk/safety-own-words.js";
import { excerpt } from "../risk/screening.js";
import type { Turn } from "../turn-context.js";
import { soundsLikeAnswer } from "./answer-like.js";
import { itemQuestion } from "./item-question.js";

/** How much of one unclear answer is kept, and of all of one question's together. */
const ONE_MAX = 120;
const ALL_MAX = 400;

/**
 * Whether a message that did not answer a risk item (the safety question, the PHQ-9's ninth) was
 * still an answer to it, said unclearly: "not sure", "idk", "rather not say", "maybe no", "yeah
 * nah", "0?". Such words must reach the therapist (an unsure answer to thoughts of self-harm is
 * never no answer, and never a no). Not a request for a break, a question about the question
 * ("what does that mean", "how many left"), a greeting, or a question to rapport ("who sees
 * this?"), nor a bare number, which answers nothing about risk. Pure.
 */
export function isUnclearAnswer(
  text: string,
  language: string,
  choices: readonly NonNullable<Instrument["choices"]>[number][],
  words: Pick<ChatWords, "numbers"> | undefined,
): boolean {
  if (/^\s*\p{N}+\s*$/u.test(text) || asksForBreak(text)) return false;
  const asked = itemQuestion(text, language);
  if (asked === "length" || asked === "meaning") return false;
  if (isGreeting(text.replace(/[?？¿]/gu, ""))) return false;
  if (asked === "skip") return true;
  return !startsAsQuestion(text, language) && soundsLikeAnswer(text, { choices: [...choices] }, words);
}

/**
 * Keeps an unclear answer to a risk item as a concern of the check-in, in the client's words (one
 * per question, its words added to as the client answers unclearly again): a check-in left there
 * reports "no clear answer ("not sure")" in its summary, in `summary ALIAS` and in the digest,
 * where it would otherwise read "not answered", or nothing at all. No alert: the question is asked
 * again, and a yes to it raises one. Returns whether the words were kept.
 */
export async function keepUnclearAnswer(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  question: PlanItem,
  text: string,
): Promise<boolean> {
  const said = excerpt(text.trim(), ONE_MAX);
  if (said === "") return false;
  const mark = unclearAnswerWords(question.instrument, question.item);
  const events = await turn.tx.riskEvents(client.personId, { checkinId: checkin.id });
  const known = events.find((e) => isUnclearAnswerOf(e.words, question.instrument, question.item));
  if (known) {
    const all = unclearWords(known, said) ?? said;
    if ([...all].length <= ALL_MAX) await turn.tx.keepUnclearAnswer(known.id, all);
    return true;
  }
  await turn.tx.addRiskEvent({
    clientId: client.personId,
    alertId: null,
    checkinId: checkin.id,
    tier: "concern",
    source: "safety_question",
    words: mark,
    text: said,
    answerWords: said,
    language: turn.wording.pack.language,
    safetyAnswer: null,
    at: turn.now,
  });
  return true;
}
