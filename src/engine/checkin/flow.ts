import type { InboundInput, OutboundMessage } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import { type Instrument, riskItemsOf } from "../../prompts/schema.js";
import type { Checkin, Client } from "../../store/types.js";
import { isGreeting, isThanks } from "../acknowledgement.js";
import { asksForBreak } from "../break-request.js";
import { looksLikeQuestion } from "../question.js";
import { afterCrisis, raiseRisk } from "../risk/alerts.js";
import { ownWords } from "../risk/safety-answer.js";
import { riskItemWords } from "../risk/text.js";
import { crisisIn, type Turn, therapistName } from "../turn-context.js";
import { correctAnswer } from "./correct-answer.js";
import { decideCheckinInput } from "./input.js";
import { type CheckinPart, checkinInstruments, SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { type ItemQuestion, itemQuestion } from "./item-question.js";
import { completedComment, keepForComment } from "./kept-words.js";
import { type ConsentVars, consentMessage, consentParts, stepMessage, withLine } from "./messages.js";
import { buildPlan, progressOf, stepOf } from "./plan.js";
import { afterCompletion } from "./report.js";
import { pastAnsweredSafety } from "./safety-asked.js";
import { hintText, scoreHint } from "./score-hint.js";

/**
 * Opens a check-in and sends the first question, or, when the consent text changed since the
 * client agreed, asks for consent again first (undefined: no check-in yet). Every check-in, sent
 * by hand or by the schedule, gets its reminder and its expiry, so none stays open for weeks.
 * `by`: who asked, as the intro says it (the therapist by hand, or the schedule). `instruments`:
 * what this check-in asks (a split schedule's part), else the client's plan or the clinic's.
 */
export async function sendCheckin(
  turn: Turn,
  client: Client,
  instruments?: readonly string[],
  by: "therapist" | "schedule" | "before session" = "therapist",
): Promise<Checkin | undefined> {
  const w = await turn.wordingOf(client.personId);
  const { config } = turn.deps;
  const consent = await turn.tx.latestConsent(client.personId);
  if (!consent || consent.version < w.consent.version) {
    await turn.tx.setClientStatus(client.personId, "joining");
    await turn.send(client.personId, await clientConsent(turn, w, client));
    return undefined;
  }
  // The plan is stored with the check-in: a plan changed later applies from the next one.
  const ids = instruments ?? clientInstruments(turn, client, "whole");
  const checkin = await turn.tx.createCheckin(
    client.personId,
    buildPlan(ids.map((id) => w.instrument(id))),
    turn.now,
  );
  const therapist = await therapistName(turn.tx, client);
  const intro =
    by === "schedule"
      ? "checkin_intro_scheduled"
      : by === "before session"
        ? "checkin_intro_before"
        : "checkin_intro";
  await turn.send(client.personId, {
    kind: "info",
    text: w.t(intro, { therapist, count: checkin.plan.length }),
  });
  await turn.send(client.personId, stepMessage(w, checkin, therapist));
  const at = (hours: number) => new Date(Date.parse(turn.now) + hours * 3_600_000).toISOString();
  const { reminderAfterHours, expireAfterHours } = config.schedule;
  await turn.tx.addJob("reminder", client.personId, at(reminderAfterHours), turn.now, checkin.id);
  await turn.tx.addJob("expire", client.personId, at(expireAfterHours), turn.now, checkin.id);
  return checkin;
}

/** The consent question for one client in wording `w`: their therapist, their check-in's questions. */
export async function clientConsent(turn: Turn, w: Wording, client: Client): Promise<OutboundMessage> {
  return consentMessage(w, await consentVars(turn, w, client));
}

/**
 * Why a question comes again, in a line before it: how to pause for words about a break, a line
 * for asking to skip it, what it means or how many are left, a short answer for any other question
 * ("who sees this", "what happens if i say something bad"), else what an answer looks like (kindly
 * at the safety question, where not being sure is an answer too).
 */
async function reaskReason(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  instrument: Instrument | undefined,
  text: string,
  therapist: string,
): Promise<string> {
  const w = turn.wording;
  if (asksForBreak(text)) return w.t("between_checkins_break");
  const asked = itemQuestion(text, w.pack.language);
  const atSafety = instrument?.id === SAFETY_INSTRUMENT;
  // Skipping the safety question, or not being sure what it means, is answered as its own re-ask
  // says: "sometimes" is an answer too.
  if (atSafety && (asked === "skip" || asked === "meaning")) return w.t("safety_reask");
  if (asked) return answerAtItem(w, checkin, asked, therapist);
  if (looksLikeQuestion(text, w.pack.language)) return questionAtItem(turn, w, client);
  if (atSafety) return w.t("safety_reask");
  if (instrument?.choices) {
    return w.t("choice_reask", { options: instrument.choices.map((c) => c.label.toLowerCase()).join(" / ") });
  }
  const scale = { min: instrument?.scale.min ?? 0, max: instrument?.scale.max ?? 10 };
  // "6-7", "vier bis fünf" or "sevn" come close to a score: asked about, not in general.
  const hint = scoreHint(text, scale.min, scale.max, w.pack.messages.words);
  if (hint) return hintText(w, hint);
  // "was a rough one tbh" says something: thanked, and told where it can be said, before the number.
  if (saysSomething(text)) {
    const kept = await keepForComment(turn, checkin, text);
    return w.t(kept ? "answer_reask_words_kept" : "answer_reask_words", { therapist, ...scale });
  }
  return w.t("answer_reask", scale);
}

/** Two words or more and no digit: a message, not a mistyped number ("sevn", "8.25"). */
function saysSomething(text: string): boolean {
  return (
    !/\p{N}/u.test(text) &&
    text
      .trim()
      .split(/\s+/u)
      .filter((word) => /\p{L}/u.test(word)).length >= 2
  );
}

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

/** What the consent names for one client: the questions of their plan, as their next check-in asks them. */
export async function consentVars(turn: Turn, w: Wording, client: Client): Promise<ConsentVars> {
  const { config } = turn.deps;
  const therapist = await therapistName(turn.tx, client);
  return {
    therapist,
    clinic: config.clinic.name ?? w.t("clinic_unnamed"),
    crisis: crisisIn(turn.deps, w),
    instruments: clientInstruments(turn, client, "whole").map((id) => w.instrument(id)),
    onCall: config.risk.onCall ? { minutes: config.risk.escalateAfterMinutes } : undefined,
  };
}

/** The instruments of the client's check-in, or of one part of it (instrument-plan.ts). */
export function clientInstruments(turn: Pick<Turn, "deps">, client: Client, part: CheckinPart): string[] {
  const { catalog, config } = turn.deps;
  const known = catalog.languages.get(catalog.fallback)?.instruments;
  return checkinInstruments(
    client.instruments,
    part,
    { clinic: config.checkin.instruments, safetyQuestion: config.risk.safetyQuestion },
    (id) => known?.has(id) ?? false,
  );
}

/** One input from a client with an open check-in: store it and move on, or ask again. */
export async function continueCheckin(
  turn: Turn,
  client: Client,
  open: Checkin,
  input: InboundInput,
  /** After a crisis message: a message that is not an answer gets the question itself again. */
  resume = false,
): Promise<void> {
  const w = turn.wording;
  // Answered after a concern while it was the question waiting (a yes, and the crisis message since).
  const checkin = await pastAnsweredSafety(turn, client, open);
  const step = stepOf(checkin);
  const instrument = step.kind === "item" ? w.instrument(step.planItem.instrument) : undefined;
  // The comment step has no scale; the current item's instrument decides what a valid answer is.
  const decision = decideCheckinInput(checkin, input, {
    scale: instrument?.scale ?? { min: 0, max: 10 },
    choices: instrument?.choices,
    commentMaxLength: turn.deps.config.checkin.commentMaxLength,
    words: w.pack.messages.words,
    skipLabel: w.t("comment_skip"),
    safetyAbove: instrument?.id === SAFETY_INSTRUMENT ? instrument.riskItem?.above : undefined,
  });
  const therapist = await therapistName(turn.tx, client);
  // "wait I meant 5": the answer before is corrected, and this question comes again.
  if (input.kind === "text" && (await correctAnswer(turn, client, checkin, input.text, therapist))) return;
  // The first message after a crisis message is not taken as the comment: the client sees the
  // question again and decides what to write (a Skip still skips).
  if (resume && step.kind === "comment" && decision.type === "complete" && decision.comment !== null) {
    return turn.reply(stepMessage(w, checkin, therapist));
  }
  switch (decision.type) {
    case "old_button":
      return turn.pressNotice(w.t("old_button"));
    case "reask": {
      const question = stepMessage(w, checkin, therapist, false);
      const text = input.kind === "text" ? input.text : "";
      // "thanks" (after "Thank you for answering", say) needs no "sorry, a number": the question is
      // simply there again.
      if (step.kind === "comment" || resume || isThanks(text) || isGreeting(text))
        return turn.reply(question);
      // Said kindly, with the question and its buttons again, so the client need not scroll up.
      const why = await reaskReason(turn, client, checkin, instrument, text, therapist);
      return turn.reply(withLine(question, why));
    }
    case "too_long":
      return turn.replyText(w.t("comment_too_long", { max: turn.deps.config.checkin.commentMaxLength }));
    case "answer": {
      const answered = stepMessage(w, checkin, therapist);
      await turn.tx.saveAnswer(checkin.id, decision.answer, turn.now);
      await turn.tx.setCheckinStep(checkin.id, decision.nextStep);
      const { instrument: id, item, value } = decision.answer;
      const risk = instrument ? riskItemsOf(instrument).find((r) => r.item === item) : undefined;
      if (risk && value > risk.above) {
        // The answer is kept and the check-in can go on, after the crisis message and a warm line:
        // the next question waits for the client's next message.
        await turn.showAnswer(answered);
        const safety = id === SAFETY_INSTRUMENT;
        const said =
          safety && input.kind === "text" ? ownWords(input.text, true, instrument?.choices ?? []) : undefined;
        const { crisisSent } = await raiseRisk(turn, client, checkin.id, {
          tier: "disclosure",
          source: "safety_question",
          // The safety question says itself; another risk item (PHQ-9 item 9) is named with its answer.
          words: safety ? [] : riskItemWords(id, item, value),
          text: "",
          ...(said ? { answerWords: said } : {}),
          language: w.pack.language,
        });
        return afterCrisis(turn, client, { ...checkin, step: decision.nextStep }, crisisSent);
      }
      // The next question is queued before the answered one is updated to show the answer: it is
      // what the client waits for, and the two go to the same person in the order queued.
      const next = await pastAnsweredSafety(turn, client, { ...checkin, step: decision.nextStep });
      await turn.reply(stepMessage(w, next, therapist));
      return turn.showAnswer(answered);
    }
    case "complete":
      await turn.showAnswer(stepMessage(w, checkin, therapist));
      await turn.tx.completeCheckin(checkin.id, completedComment(checkin, decision.comment), turn.now);
      await turn.replyText(w.t("checkin_thanks", { therapist }));
      return afterCompletion(turn, client);
  }
}
