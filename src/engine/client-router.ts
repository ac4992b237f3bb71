import { codeArgument, normaliseCode } from "../codes.js";
import type { Checkin, Client } from "../store/types.js";
import { isAcknowledgement, isThanks } from "./acknowledgement.js";
import { betweenCheckins, nothingPlanned } from "./between-checkins.js";
import { answerOffer, takeOffer } from "./break-offer.js";
import { isTherapistWord, localWord, type ParsedWord } from "./chat-words.js";
import { continueCheckin } from "./checkin/flow.js";
import { stepMessage } from "./checkin/messages.js";
import { expiresAt, stepOf } from "./checkin/plan.js";
import { pausedLine, pauseFromChat } from "./client-break.js";
import { zoneOf } from "./client-time.js";
import { answerConsent, askConsent, startEnrolment } from "./commands/enrolment.js";
import { answerForget, myData, requestForget } from "./commands/privacy.js";
import { datedStopWord } from "./dated-stop.js";
import { formatDate } from "./format.js";
import { switchLanguage } from "./language-offer.js";
import { nextCheckinWhen } from "./next-checkin.js";
import { CONSENT_REF } from "./refs.js";
import { answerSafetyCheck } from "./risk/concern-answer.js";
import { concernTurn, disclosureTurn, passOnToAlert } from "./risk/disclosure.js";
import { answerLateSafetyCheck } from "./risk/late-safety-answer.js";
import { screenInput } from "./risk/screening.js";
import { asksToStopForGood } from "./stop-request.js";
import { crisisIn, type Turn, therapistName } from "./turn-context.js";

/** Everything an enrolled (or enrolling) client can type or press. */
export async function routeClient(turn: Turn, client: Client, word: ParsedWord | undefined): Promise<void> {
  const w = turn.wording;
  const input = turn.event.input;
  // A therapist word alone ("pause") may be a client's control word in their language. Such a
  // word with more words after it ("pause for 2 weeks pls") is the client's own words, not a
  // command they cannot use: read as words (a wish for a break gets the way to pause).
  const words = w.pack.messages.words;
  const local =
    word && isTherapistWord(word.word)
      ? localWord(input.kind === "text" ? input.text : input.value, words)
      : undefined;
  const ownWords =
    word !== undefined && word.args.length > 0 && isTherapistWord(word.word) && !!localWord(word.word, words);
  // "pause from dec 20 to jan 5", "stopp vom 20.12. bis 5.1.": the stop word with days is stop.
  const typed = input.kind === "text" ? input.text : "";
  const dated = local || (word && !ownWords) ? undefined : await datedStopWord(turn, client, typed);
  const parsed = local ?? dated ?? (ownWords ? undefined : word);
  const open = client.status === "active" ? await turn.tx.openCheckin(client.personId) : undefined;
  // The question waiting since a crisis message is shown again at this message, unless it answers it.
  const resume = client.resumeQuestion === true;
  // A break offered (a "Pause until Jan 4" button) answers only the client's next message, whatever
  // it is: taken now, so risk words and anything else leave it behind.
  const offer = await takeOffer(turn, client);
  if (resume) await turn.tx.setResumeQuestion(client.personId, false);
  // Whatever a client writes is screened first, chat words included ("help me, I want to die"),
  // so the crisis message goes before any reply, and nothing procedural after it.
  // An issued code is left out of the screen for any word that carries one ("link CODE" too).
  const finding = await screenInput(turn, local ?? word);
  const text = input.kind === "text" ? input.text : input.value;
  if (finding?.tier === "disclosure") return disclosureTurn(turn, client, open, finding, text);
  if (finding?.tier === "concern") return concernTurn(turn, client, open, finding, text);
  if (await answerSafetyCheck(turn, client, open)) return;
  // The answer to "forget" is not words for an alert; then an open alert takes what follows.
  const forget = await answerForget(turn, client);
  if (forget === "cancelled") return repeatPending(turn, client);
  if (forget) return;
  // The button of a language offered ("Cambiar a español"), or its value typed.
  if (await switchLanguage(turn, client)) return;
  if (client.status !== "joining" && !parsed && (await passOnToAlert(turn, client, open, text, resume)))
    return;
  // At the comment, only a bare chat word is a command: "help is what I needed" is a comment.
  const atComment = open !== undefined && stepOf(open).kind === "comment";
  if (parsed && !(atComment && parsed.args.length > 0)) return clientWord(turn, client, parsed);
  if (client.status === "joining") {
    // After a crisis message, "ok" answers the crisis message, not the consent question, which was
    // not on screen: the question is shown again, and only an answer to it as shown counts.
    const consentButton = input.kind === "choice" && input.ref === CONSENT_REF;
    if (resume && !consentButton) return consentAfterCrisis(turn, client, text);
    return answerConsent(turn, client, input);
  }
  // "yes please", "ja gerne", "no thanks" typed in reply to a break offered: as its button, or not.
  if (await answerOffer(turn, client, offer, open, text)) return;
  // "thanks" after "stop" is a reply to it, not an answer nor a message to pass on.
  if (client.pausedAt && isThanks(text)) return turn.replyText(await pausedLine(turn, client, true));
  // Paused: the open check-in is kept as it is, not answered further, until "start".
  if (open && client.pausedAt) {
    // "i want to stop for good": already paused, so how to end them for good, or erase everything.
    if (asksToStopForGood(text))
      return turn.replyText(w.t("stop_for_good_paused", { therapist: await therapistName(turn.tx, client) }));
    return turn.replyText(w.t("paused_hold", { when: await closesAt(turn, client, open) }));
  }
  if (open) return continueCheckin(turn, client, open, input, resume);
  // A safety question that lapsed unanswered may be answered now, when nothing else waits.
  if (await answerLateSafetyCheck(turn, client)) return;
  // A press on a button of a finished check-in, or text between check-ins.
  if (input.kind === "choice" && input.ref !== undefined) return turn.pressNotice(w.t("old_button"));
  // "thanks" after a conversation is a reply to it, not a request for a check-in.
  if (isThanks(text)) {
    const when = await nextCheckinWhen(turn, client);
    return turn.replyText(
      when ? w.t("thanks_reply_soon", { when }) : await nothingPlanned(turn, client, true),
    );
  }
  return betweenCheckins(turn, client, text);
}

/**
 * The first message after a crisis message, before consent. Nothing a person who has not agreed
 * writes is kept unless it has risk words (screened before this): "ok" or "hi" is not passed on to
 * the therapist. A nod is answered as a nod to the crisis message is, and the consent question
 * comes again in full.
 */
async function consentAfterCrisis(turn: Turn, client: Client, text: string): Promise<void> {
  if (isAcknowledgement(text)) await turn.replyText(turn.wording.t("crisis_acknowledged"));
  return askConsent(turn, client);
}

/** When an open check-in closes (its expiry, set when it was sent), in the client's zone. */
async function closesAt(turn: Turn, client: Client, open: Checkin): Promise<string> {
  const at = expiresAt(open, turn.deps.config.schedule.expireAfterHours);
  const zone = await zoneOf(turn, client);
  return formatDate(new Date(at).toISOString(), turn.wording.pack.language, zone);
}

async function clientWord(turn: Turn, client: Client, parsed: ParsedWord): Promise<void> {
  const w = turn.wording;
  if (isTherapistWord(parsed.word)) return turn.replyText(w.t("therapist_only"));
  switch (parsed.word) {
    case "help":
      await turn.replyText(w.t("client_help", { crisis: crisisIn(turn.deps, w) }));
      return repeatPending(turn, client);
    case "start":
      if (client.status === "active") {
        // "start" resumes paused check-ins, alone or with words ("start again", "start pls"), not
        // with a code (an invite opened again); the therapist hears of it once.
        const withCode = normaliseCode(codeArgument(parsed.args) ?? "") !== undefined;
        if (!withCode && (await turn.tx.setPaused(client.personId, null))) {
          await turn.replyText(w.t("resumed_ok"));
          await tellTherapist(turn, client, "client_resumed");
          // A check-in the pause interrupted goes on where it stopped.
          return repeatPending(turn, { ...client, pausedAt: null });
        }
        return turn.replyText(w.t("already_enrolled", { therapist: await therapistName(turn.tx, client) }));
      }
      if (client.status === "joining") return askConsent(turn, client);
      return startEnrolment(turn, codeArgument(parsed.args));
    case "stop":
      // Before agreeing, there is nothing to pause: what "stop" means there is the consent's no.
      if (client.status === "joining") return turn.replyText(w.t("consent_stop"));
      if (client.status !== "active") return turn.replyText(w.t("no_open_question"));
      // "stop for 2 weeks": a break with an end, lifted by itself then.
      return pauseFromChat(turn, client, parsed.args.join(" "));
    case "mydata":
      await myData(turn, client);
      // As after help: what rapport waits for comes again, so the client can simply go on.
      return repeatPending(turn, client);
    case "forget":
      return requestForget(turn, client);
    default:
      return turn.replyText(w.t("unknown_command"));
  }
}

/** After help, the client sees again what rapport is waiting for, so they can simply answer it. */
async function repeatPending(turn: Turn, client: Client): Promise<void> {
  if (client.status === "joining") return askConsent(turn, client);
  const open = client.status === "active" ? await turn.tx.openCheckin(client.personId) : undefined;
  if (!open) return;
  const therapist = await therapistName(turn.tx, client);
  await turn.reply(stepMessage(turn.wording, open, therapist));
}

async function tellTherapist(turn: Turn, client: Client, key: "client_resumed"): Promise<void> {
  const tw = await turn.wordingOf(client.therapistId);
  await turn.send(
    client.therapistId,
    { kind: "info", text: tw.t(key, { alias: client.alias }) },
    client.personId,
  );
}
