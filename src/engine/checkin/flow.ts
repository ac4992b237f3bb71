import type { InboundInput } from "../../model.js";
import { riskItemsOf } from "../../prompts/schema.js";
import type { Checkin, Client } from "../../store/types.js";
import { isGreeting, isThanks } from "../acknowledgement.js";
import { recordOffer } from "../break-offer.js";
import { pauseOffer } from "../client-break.js";
import { offerLanguage } from "../language-offer.js";
import { languageAsked } from "../language-request.js";
import { asksWhoSees } from "../privacy-question.js";
import { afterCrisis } from "../risk/after-crisis.js";
import { raiseRisk } from "../risk/alerts.js";
import { riskItemWords } from "../risk/event-marks.js";
import { ownWords } from "../risk/safety-own-words.js";
import { asksWhereKept } from "../storage-question.js";
import { type Turn, therapistName } from "../turn-context.js";
import { inBurst, isFiller } from "./burst.js";
import { keptAnswer, privacyAnswer } from "./consent-vars.js";
import { correctAnswer } from "./correct-answer.js";
import { decideCheckinInput } from "./input.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { completedComment, keepForComment, saysMoreThanAnAnswer } from "./kept-words.js";
import { stepMessage, withLine } from "./messages.js";
import { navigationIn } from "./navigation.js";
import { stepOf } from "./plan.js";
import { reaskReason } from "./reask-reason.js";
import { afterCompletion } from "./report.js";
import { breakNotAnswer, riskItemRules } from "./risk-item-answer.js";
import { pastAnsweredSafety } from "./safety-asked.js";
import { leaveSafetyOpen } from "./safety-left-open.js";
import { scoreAndRemark } from "./score-remark.js";
import { isUnclearAnswer, keepUnclearAnswer } from "./unclear-answer.js";

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
  // At a risk item (the safety question, the PHQ-9's ninth) a yes or no in a sentence answers it.
  const atRisk = riskItemRules(
    w,
    instrument,
    step.kind === "item" ? step.planItem.item : undefined,
    turn.deps.catalog,
  );
  let decision = decideCheckinInput(checkin, input, {
    scale: instrument?.scale ?? { min: 0, max: 10 },
    choices: atRisk?.choices ?? instrument?.choices,
    commentMaxLength: turn.deps.config.checkin.commentMaxLength,
    words: w.pack.messages.words,
    skipLabel: w.t("comment_skip"),
    safetyAbove: atRisk?.safetyAbove,
  });
  // "no check ins dec 20 - jan 5 pls" at the safety question: a break asked for, not its no.
  if (
    decision.type === "answer" &&
    input.kind === "text" &&
    breakNotAnswer(input.text, decision.answer.value, atRisk)
  )
    decision = { type: "reask" };
  const therapist = await therapistName(turn.tx, client);
  // "wait I meant 5": the answer before is corrected, and this question comes again.
  if (input.kind === "text" && (await correctAnswer(turn, client, checkin, input.text, therapist))) return;
  // Words that ask something of the check-in itself, only where nothing was read as an answer (a
  // message that reads as an answer is always that answer), and never kept as the comment. "go back", "undo", "where were
  // we": how to correct an answer, or the open question again.
  const unread =
    input.kind === "text" &&
    (decision.type === "reask" || (decision.type === "complete" && decision.comment));
  // "can we do this in spanish", "prefiero español porfa": the language offered, or said unavailable.
  const language = unread && !resume ? languageAsked(input.text) : undefined;
  if (language) return offerLanguage(turn, client, language, checkin);
  const move = unread ? navigationIn(input.text) : undefined;
  if (move) {
    const line = w.t(move === "back" ? "correction_help" : "where_we_were");
    return turn.reply(withLine(stepMessage(w, checkin, therapist), line));
  }
  // "is this encrypted?" at the comment: answered, and the comment is still asked (it was kept as it).
  const kept = unread && step.kind === "comment" ? asksWhereKept(input.text) : undefined;
  if (kept)
    return turn.reply(withLine(stepMessage(w, checkin, therapist), await keptAnswer(turn, w, client, kept)));
  // "6. the session felt rushed tbh": the number answers, the remark is kept for the comment.
  const remark =
    step.kind === "item" &&
    decision.type === "reask" &&
    input.kind === "text" &&
    !instrument?.choices &&
    !resume
      ? scoreAndRemark(
          input.text,
          instrument?.scale.min ?? 0,
          instrument?.scale.max ?? 10,
          w.pack.messages.words,
        )
      : undefined;
  const taken =
    remark && (remark.remark === "" || (await keepForComment(turn, checkin, remark.remark)))
      ? remark.value
      : undefined;
  if (taken !== undefined && step.kind === "item") {
    decision = { type: "answer", answer: { ...step.planItem, value: taken }, nextStep: checkin.step + 1 };
  }
  // The first message after a crisis message is not taken as the comment: the client sees the
  // question again and decides what to write (a Skip still skips).
  if (resume && step.kind === "comment" && decision.type === "complete" && decision.comment !== null) {
    return turn.reply(stepMessage(w, checkin, therapist));
  }
  // After a risk item's yes (the PHQ-9's ninth) the crisis message came in place of the next
  // question: a number now cannot answer a question the client has not seen, so it is shown.
  if (resume && decision.type === "answer" && (await afterRiskItem(turn, checkin))) {
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
      // "ok so", "um": a fragment of a burst gets no reply, the question being right above; alone,
      // the question again. Not at a risk item, where every message is answered.
      if (atRisk === undefined && isFiller(text)) return inBurst(turn) ? undefined : turn.reply(question);
      // An unclear answer at a risk item ("not sure", "yeah nah") is kept for the therapist as one.
      const unsure =
        atRisk !== undefined &&
        step.kind === "item" &&
        isUnclearAnswer(text, w.pack.language, atRisk.choices, w.pack.messages.words);
      // Said unclearly again after the question came again ("skip", then "skip"): left open.
      if (unsure && (await leaveSafetyOpen(turn, client, checkin, text, therapist))) return;
      const unclear =
        unsure &&
        step.kind === "item" &&
        (await keepUnclearAnswer(turn, client, checkin, step.planItem, text));
      // Said kindly, with the question and its buttons again, so the client need not scroll up.
      const why = await reaskReason(turn, client, checkin, instrument, text, therapist, unclear);
      if (typeof why === "string") return turn.reply(withLine(question, why));
      if ("alone" in why) return turn.replyText(why.alone);
      // Between two options ("2-3"): those two as the buttons.
      if ("only" in why) return turn.reply({ ...withLine(question, why.line), choices: why.only });
      // A break asked for: its button beside the question's.
      const choices = [...(question.choices ?? []), why.choice];
      return turn.reply({ ...withLine(question, why.line), choices });
    }
    case "comment_number":
      // Asked once, with the comment question again; the same sent again is the comment.
      await turn.tx.setCommentNumberAsked(checkin.id, turn.now);
      return turn.reply(withLine(stepMessage(w, checkin, therapist), w.t("comment_number_asked")));
    case "too_long":
      return turn.replyText(w.t("comment_too_long", { max: turn.deps.config.checkin.commentMaxLength }));
    case "answer": {
      const answered = stepMessage(w, checkin, therapist);
      await turn.tx.saveAnswer(checkin.id, decision.answer, turn.now);
      await turn.tx.setCheckinStep(checkin.id, decision.nextStep);
      const { instrument: id, item, value } = decision.answer;
      const risk = instrument ? riskItemsOf(instrument).find((r) => r.item === item) : undefined;
      // "not really i guess", "no, just exhausted from everything": a no at a risk item said in more
      // words than a no reaches the therapist in them, with the comment, not as a bare "no".
      if (risk && value <= risk.above && input.kind === "text" && saysMoreThanAnAnswer(input.text))
        await keepForComment(turn, checkin, input.text);
      if (risk && value > risk.above) {
        // The answer is kept and the check-in can go on, after the crisis message and a warm line:
        // the next question waits for the client's next message.
        await turn.showAnswer(answered);
        const safety = id === SAFETY_INSTRUMENT;
        // Typed in their own words ("yeah sometimes"), the therapist reads them as they were written.
        const said =
          input.kind === "text" ? ownWords(input.text, true, instrument?.choices ?? []) : undefined;
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
      const nextMessage = stepMessage(w, next, therapist);
      // Said only where words were kept: a score with a filler ("8. la verdad") is simply taken.
      const takenText = remark && remark.remark !== "" ? taken?.toLocaleString(w.pack.language) : undefined;
      const line = takenText && w.t("answer_with_remark", { value: takenText, therapist });
      await turn.reply(line ? withLine(nextMessage, line) : nextMessage);
      return turn.showAnswer(answered);
    }
    case "complete": {
      await turn.showAnswer(stepMessage(w, checkin, therapist));
      await turn.tx.completeCheckin(checkin.id, completedComment(checkin, decision.comment), turn.now);
      // A comment asking for a break ("bitte bis februar keine check-ins mehr") is kept as the
      // comment, and gets the way to pause: the therapist reads comments, rapport does not act on them.
      // So does a comment asking to stop for good ("i dont want to do these anymore"), with how to end them.
      const offer =
        decision.comment && !client.pausedAt ? await pauseOffer(turn, client, decision.comment) : undefined;
      // "also can my mom see this??" as the comment: kept for the therapist, and answered now.
      const whoSees =
        decision.comment && !offer && asksWhoSees(decision.comment)
          ? await privacyAnswer(turn, w, client)
          : undefined;
      if (offer) {
        const text = `${w.t("checkin_thanks", { therapist })}\n\n${offer.line}`;
        await turn.reply({ kind: "question", text, choices: [offer.choice] });
        // A typed "yes please" to it does what the button does (break-offer.ts).
        await recordOffer(turn, client, offer.until);
      } else
        await turn.replyText([w.t("checkin_thanks", { therapist }), whoSees].filter(Boolean).join("\n\n"));
      return afterCompletion(turn, client);
    }
  }
}

/** Whether the item before this step is a risk item answered above its threshold. */
async function afterRiskItem(turn: Turn, checkin: Checkin): Promise<boolean> {
  if (checkin.step === 0) return false;
  const before = stepOf({ ...checkin, step: checkin.step - 1 });
  if (before.kind !== "item") return false;
  const { instrument, item } = before.planItem;
  const risk = riskItemsOf(turn.wording.instrument(instrument)).find((r) => r.item === item);
  const value = risk && (await turn.tx.answerOf(checkin.id, before.planItem));
  return risk !== undefined && value !== undefined && value > risk.above;
}
