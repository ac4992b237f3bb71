import type { Choice } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import type { Instrument } from "../../prompts/schema.js";
import type { Checkin, Client } from "../../store/types.js";
import { isGreeting } from "../acknowledgement.js";
import { recordOffer } from "../break-offer.js";
import { asksForBreak } from "../break-request.js";
import { breakOffer } from "../client-break.js";
import { asksAboutData } from "../data-request.js";
import { looksLikeQuestion, startsAsQuestion } from "../question.js";
import { deniesActing } from "../risk/safety-answer.js";
import { asksToStopForGood } from "../stop-request.js";
import { asksWhereKept } from "../storage-question.js";
import type { Turn } from "../turn-context.js";
import { asksWhenNext } from "../when-next.js";
import { HOW_OFTEN, soundsLikeAnswer } from "./answer-like.js";
import { inBurst } from "./burst.js";
import { choiceHint } from "./choice-hint.js";
import { consentVars, keptAnswer } from "./consent-vars.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { type ItemQuestion, itemQuestion } from "./item-question.js";
import { keepForComment, letterWords, saysMoreThanAnAnswer } from "./kept-words.js";
import { consentParts } from "./messages.js";
import { progressOf } from "./plan.js";
import { atRiskItem } from "./risk-item-answer.js";
import { saysUnsure } from "./safety-left-open.js";
import { hintText, scoreHint } from "./score-hint.js";

/**
 * Why a question comes again, in a line before it: how to stop for a wish to stop for good, how to
 * pause for words about a break, the way to see and erase their data for words about it, a line
 * for asking to skip it, what it means or how many are left, a short answer for any other question
 * ("who sees this", "what happens if i say something bad"), else what an answer looks like (kindly
 * at the safety question, where not being sure is an answer too). More words in a burst after
 * words already kept get a line `alone`, without the question.
 */
export async function reaskReason(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  instrument: Instrument | undefined,
  text: string,
  therapist: string,
  /** Kept as an unclear answer to a risk item (unclear-answer.ts): the therapist reads it so. */
  keptUnclear = false,
): Promise<string | { alone: string } | { line: string; choice: Choice } | { line: string; only: Choice[] }> {
  const w = turn.wording;
  const atSafety = instrument?.id === SAFETY_INSTRUMENT;
  // "i want to stop doing these for good", "how do i unsubscribe": how to stop, end and erase. At
  // the safety question the words are kept for the comment all the same, as such words there may
  // be about the thoughts asked of; the question stays open and comes again.
  if (asksToStopForGood(text)) {
    if (atSafety) await keepForComment(turn, checkin, text);
    return w.t("stop_for_good_at_item", { therapist });
  }
  if (asksForBreak(text)) {
    // At the safety question the words are kept all the same: "i want to stop them" may be about
    // the thoughts it asks of, and the therapist reads them.
    if (atSafety) await keepForComment(turn, checkin, text);
    // The way to pause, dated when they named an end, with its button beside the question's; a
    // typed "yes please" to it is then read as the button (break-offer.ts).
    const offer = await breakOffer(turn, client, text);
    // At a risk item, undated words ("i want to stop them") may be about the thoughts asked of: the
    // line, but no offer, so that the no or yes after it answers the question as ever.
    if (offer.until === null && atRiskItem(w, checkin)) return offer.line;
    await recordOffer(turn, client, offer.until);
    return { line: offer.line, choice: offer.choice };
  }
  // "how long do you keep my answers?": where they are kept and who sees them, not how long the
  // check-in is (its "how long") nor only the brief.
  const kept = asksWhereKept(text);
  if (kept) return keptAnswer(turn, w, client, kept);
  const asked = itemQuestion(text, w.pack.language);
  // Skipping the safety question, or not being sure what it means, is answered as its own re-ask
  // says: "sometimes" is an answer too.
  // So is an unclear answer kept as one ("yeah nah", "maybe not"); one that says more ("not sure,
  // nights are hard lately") is kept for the comment too, where it stays if a clear no follows.
  // Asked to skip it: it may be left open, by saying so again (safety-left-open.ts).
  if (atSafety && asked === "skip" && !saysUnsure(text)) return w.t("safety_reask_skip", { therapist });
  if (atSafety && asked === "skip") return w.t("safety_reask");
  if (atSafety && asked === "meaning") return w.t("safety_reask");
  // A number there ("5", a score typed once too often) is no sign of being unsure: the question
  // wants a yes or a no, and says so.
  if (atSafety && /^\s*\d{1,2}(?:[.,]\d)?\s*$/u.test(text)) return w.t("safety_reask_number");
  // "nah i wouldnt do anything" is sure of what they would do: told the question is about
  // thoughts, not that it is all right not to be sure.
  const unsureLine = deniesActing(text) ? w.t("safety_reask_thoughts") : w.t("safety_reask");
  if (atSafety && keptUnclear) {
    if (saysMoreThanAnAnswer(text)) await keepForComment(turn, checkin, text);
    return unsureLine;
  }
  if (asked) return answerAtItem(w, checkin, asked, therapist);
  // "sorry been a mess lately. when is my next check in?" with one open: this is it, and where they
  // are in it, not who sees the answers; what they said beside the question is kept for the comment.
  if (asksWhenNext(text)) {
    const kept = letterWords(text) >= WORDS_BESIDE_A_NUMBER && (await keepForComment(turn, checkin, text));
    const line = `${w.t("question_open_now")} ${answerAtItem(w, checkin, "length", therapist)}`;
    return kept ? `${w.t("words_kept", { therapist })} ${line}` : line;
  }
  // "hola?", "hello??": someone checking that rapport is there, greeted back before the question,
  // not told who sees their answers.
  if (isGreeting(text.replace(/[?？¿]/gu, ""))) return w.t("hello");
  // "kinda? like half the time", "maybe 6?", "no?": an answer said unsure, asked again as one; a
  // question to rapport ("who sees this?", "anonymous?") gets who sees the answers.
  const language = w.pack.language;
  const unsureAnswer =
    !startsAsQuestion(text, language) && soundsLikeAnswer(text, instrument, w.pack.messages.words);
  if (looksLikeQuestion(text, language) && !unsureAnswer) return questionAtItem(turn, w, client);
  // "delete my data": the way to see and erase it, never kept as a comment for the therapist.
  if (asksAboutData(text)) return w.t("data_request", { therapist });
  if (atSafety) {
    // Words at the safety question are kept for the comment, so the therapist reads them: "idk,
    // probably not" (an unsure answer, asked again as one) and "work is insane rn" (something
    // else, thanked and told where it went, as at any other question).
    const kept = saysSomething(text) && (await keepForComment(turn, checkin, text));
    return kept && !unsureAnswer ? w.t("safety_reask_words_kept", { therapist }) : unsureLine;
  }
  if (instrument?.choices) {
    // "2-3" between two options, "gar nich" for "gar nicht": asked about, as a number would be.
    const near = choiceHint(w, instrument, text);
    if (near) return near.only ? { line: near.line, only: near.only } : near.line;
    // Only a capital that begins a sentence is lowered: "Not at all" reads as typed, while German
    // nouns ("an manchen Tagen") and a name ("PHQ") keep theirs.
    const options = instrument.choices.map((c) =>
      /^\p{Lu}\p{Ll}/u.test(c.label) ? c.label.charAt(0).toLowerCase() + c.label.slice(1) : c.label,
    );
    // "often", "like half the time": a real answer that lies between two options, asked about as
    // such, not met with "didn't get that".
    const key = HOW_OFTEN.test(text) ? "choice_reask_between" : "choice_reask";
    return w.t(key, { options: options.join(" / ") });
  }
  const scale = { min: instrument?.scale.min ?? 0, max: instrument?.scale.max ?? 10 };
  // "6-7", "vier bis fünf" or "sevn" come close to a score: asked about, not in general.
  const hint = scoreHint(text, scale.min, scale.max, w.pack.messages.words);
  // "…my mum was in hospital and work was crazy… so yeah maybe a 3 or 4": asked for one number,
  // and what was said around the two is kept for the therapist, not thrown away with them.
  if (hint && letterWords(text) >= WORDS_BESIDE_A_NUMBER && (await keepForComment(turn, checkin, text)))
    return `${w.t("words_kept", { therapist })} ${hintText(w, hint)}`;
  if (hint) return hintText(w, hint);
  // "was a rough one tbh" says something: thanked, and told where it can be said, before the number.
  if (saysSomething(text)) {
    // More words in a burst, after words already kept: a short line, the question being right above.
    const more = inBurst(turn) && (checkin.comment ?? "") !== "";
    const kept = await keepForComment(turn, checkin, text);
    if (kept && more) return { alone: w.t("words_kept_more") };
    return w.t(kept ? "answer_reask_words_kept" : "answer_reask_words", { therapist, ...scale });
  }
  return w.t("answer_reask", scale);
}

/**
 * Words that say something: two or more and no digit ("was a rough one tbh"), not a mistyped
 * number ("sevn", "8.25"); with a digit, a long message ("so like honestly this week was a lot,
 * my mum was in hospital… maybe a 3 or 4"), which a number only weighs on.
 */
function saysSomething(text: string): boolean {
  const words = letterWords(text);
  return /\p{N}/u.test(text) ? words >= WORDS_BESIDE_A_NUMBER : words >= 2;
}

/**
 * Words beside a number that make a message of their own ("maybe a 3 or 4 i guess" has six, "vier
 * bis fünf" three): kept for the comment as well as asked about.
 */
const WORDS_BESIDE_A_NUMBER = 7;

/** Skipping, a question's meaning, what is left: each answered in a line, before the question again. */
function answerAtItem(w: Wording, checkin: Checkin, asked: ItemQuestion, therapist: string): string {
  if (asked === "length") {
    const left = checkin.plan.length - checkin.step - 1;
    return left <= 0
      ? w.t("question_length_last")
      : w.t("question_length", { where: progressOf(w, checkin), left });
  }
  return w.t(asked === "skip" ? "question_skip" : "question_meaning", { therapist });
}

async function questionAtItem(turn: Turn, w: Wording, client: Client): Promise<string> {
  const vars = await consentVars(turn, w, client);
  return w.t("question_at_item", { therapist: vars.therapist, urgent: consentParts(w, vars).brief });
}
