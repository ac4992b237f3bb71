import { wordingFor } from "../../prompts/render.js";
import type { Checkin, Client, RiskEvent } from "../../store/types.js";
import { parseChatWord } from "../chat-words.js";
import { clientConsent } from "../checkin/consent-vars.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { saysMoreThanAnAnswer } from "../checkin/kept-words.js";
import { stepOf } from "../checkin/plan.js";
import { withShippedSafetyWords } from "../checkin/shipped-safety-words.js";
import { looksLikeQuestion } from "../question.js";
import { SAFETY_CHECK_REF } from "../refs.js";
import { asksToStopForGood } from "../stop-request.js";
import { crisisIn, type Turn, therapistName } from "../turn-context.js";
import { afterCrisis } from "./after-crisis.js";
import { raiseRisk } from "./alerts.js";
import { SAFETY_CHECK_LAPSE_MS, tellConcern } from "./concern-notice.js";
import { repeatQuestion } from "./disclosure.js";
import { deniesActing, readSafetyAnswer } from "./safety-answer.js";
import { ownWords, unclearWords } from "./safety-own-words.js";
import { safetyQuestion } from "./safety-question.js";
import { excerpt } from "./screening.js";

/**
 * The answer to the safety question asked about a concern ("whats the point anymore"): a yes is a
 * disclosure, a no is told to the therapist where no summary will carry it (with the words said
 * beside it), an unsure answer is asked once more and kept in the client's words.
 */

/**
 * The answer to a concern's safety question: a yes is a disclosure; a no is thanked and the
 * check-in goes on. Anything else leaves the concern unanswered (the summary says so) and is
 * handled as it would be otherwise. True when the input was the answer.
 */
export async function answerSafetyCheck(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
): Promise<boolean> {
  const pending = await turn.tx.pendingConcern(client.personId);
  if (!pending) return false;
  const input = turn.event.input;
  const stale = questionLapsed(turn.now, pending, open);
  const otherButton = input.kind === "choice" && input.ref !== undefined && input.ref !== SAFETY_CHECK_REF;
  // A chat word ("help", "stop", "my data") is that word, not an unclear answer.
  const word =
    input.kind === "text" && parseChatWord(input.text, turn.wording.pack.messages.words) !== undefined;
  if (unseenValue(turn, pending, open)) return false;
  if (stale || otherButton || word) {
    await turn.tx.answerConcern(pending.id, "none");
    // Lapsed before the timed step told the therapist: told now.
    if (stale) await tellConcern(turn.tx, turn.deps, pending, "none", turn.now);
    return false;
  }
  // The question is asked again in the language it was asked in, and its answer read in it.
  const w = wordingFor(turn.deps.catalog, pending.language);
  const safety = w.instrument(SAFETY_INSTRUMENT);
  const raw = input.kind === "choice" ? input.value : input.text;
  // "nah" from a German client, "nein" from an English one: the other shipped languages' words too.
  const above = safety.riskItem?.above ?? 0;
  const read = withShippedSafetyWords(turn.deps.catalog, w.pack.language, safety.choices ?? [], above);
  const answer = readSafetyAnswer(raw, read, above);
  // "how do i unsubscribe", "wie melde ich mich ab": no answer, and no unsure one either. The
  // question stays open as it was (not closed as answered, nor counted as asked again): the client
  // is told how to stop, and it comes again. The words are kept with it for the therapist.
  if (answer === "unclear" && input.kind === "text" && asksToStopForGood(raw)) {
    const said = unclearWords(pending, ownWords(raw, true, safety.choices ?? []));
    if (said) await turn.tx.keepUnclearAnswer(pending.id, said);
    const therapist = await therapistName(turn.tx, client);
    await turn.send(
      client.personId,
      safetyQuestion(w, (item) => w.t("safety_check_stop", { therapist, item })),
    );
    return true;
  }
  // "what is this", "why are you asking": a question about the question is answered with what it is
  // and why it is asked, and it comes again; it is neither an unsure answer nor the one re-ask. By its
  // question word, not a question mark: "no?" is an unsure answer.
  if (
    answer === "unclear" &&
    input.kind === "text" &&
    looksLikeQuestion(raw.replace(/[?¿]/gu, ""), w.pack.language)
  ) {
    const therapist = await therapistName(turn.tx, client);
    await turn.send(
      client.personId,
      safetyQuestion(w, (item) => w.t("safety_check_explain", { therapist, item })),
    );
    return true;
  }
  if (answer === "unclear") {
    // The unsure words are an answer the therapist follows up ("idk, probably not"), not silence:
    // kept with the concern, so a lapse or the summary says what they said.
    const said = unclearWords(pending, ownWords(raw, input.kind === "text", safety.choices ?? []));
    if (said) await turn.tx.keepUnclearAnswer(pending.id, said);
    if (pending.safetyAnswer === "pending") {
      // Once more, kindly: not being sure is an answer worth giving.
      await turn.tx.answerConcern(pending.id, "reasked");
      // "nah i wouldnt do anything" was sure: told the question is about thoughts.
      const key = deniesActing(raw) ? "safety_check_thoughts" : "safety_check_again";
      await turn.send(
        client.personId,
        safetyQuestion(w, (item) => w.t(key, { item })),
      );
      return true;
    }
    await turn.tx.answerConcern(pending.id, "none");
    // Unclear again after the re-ask: where no check-in summary will carry it (outside a check-in,
    // or after its summary went), the therapist is told as of a question left unanswered; the
    // client was told the therapist would see what they wrote.
    if (open?.id !== pending.checkinId) {
      const told = said ? { ...pending, answerWords: said } : pending;
      await tellConcern(turn.tx, turn.deps, told, "none", turn.now, true);
    }
    // Not "thank you for answering": nothing was recorded as the answer, and the summary says so.
    await turn.reply({
      kind: "info",
      riskPath: true,
      text: turn.wording.t("safety_check_unclear", { crisis: crisisIn(turn.deps, turn.wording) }),
    });
    await repeatWaiting(turn, client, open);
    return true;
  }
  await turn.tx.answerConcern(pending.id, answer);
  // "nicht so richtig, will mir nix antun. nur müde von allem": the no is the answer, and the
  // words with it are kept beside it for the therapist, who would otherwise read only "no".
  const withNo =
    answer === "no" && input.kind === "text" && saysMoreThanAnAnswer(raw)
      ? unclearWords(pending, ownWords(raw, true, safety.choices ?? []))
      : undefined;
  if (withNo) await turn.tx.keepUnclearAnswer(pending.id, withNo);
  // A "no" outside a check-in is in no summary, and nor is one after its check-in's summary went
  // (a concern written as the comment completes it): the therapist is told, as the client was promised.
  if (answer === "no" && open?.id !== pending.checkinId) {
    const told = withNo ? { ...pending, answerWords: withNo } : pending;
    await tellConcern(turn.tx, turn.deps, told, "no", turn.now);
  }
  if (answer === "yes") {
    const said = ownWords(raw, input.kind === "text", safety.choices ?? []);
    await safetyYes(turn, client, pending, pending.checkinId ?? open?.id ?? null, open, said);
    return true;
  }
  await turn.replyText(turn.wording.t("safety_check_no", { crisis: crisisIn(turn.deps, turn.wording) }));
  await repeatWaiting(turn, client, open);
  return true;
}

/** What waits for the client comes again: the check-in's question, or before consent the consent question. */
async function repeatWaiting(turn: Turn, client: Client, open: Checkin | undefined): Promise<void> {
  if (open) return repeatQuestion(turn, client, open);
  if (client.status === "joining") await turn.reply(await clientConsent(turn, turn.wording, client));
}

/** Less than this after the question was sent, the client cannot have read it. */
const QUESTION_UNSEEN_MS = 1_000;

/**
 * A bare number typed (no button's ref) within a second of the concern's question, while a
 * check-in waits at a score: typed in one burst with the concern's words ("8" x4, "everyone would
 * be better off without me", "0"), before the question could be seen. It is the check-in's answer
 * it was meant for, not the question's No; the question stays open. A pressed button carries a ref.
 */
function unseenValue(turn: Turn, pending: RiskEvent, open: Checkin | undefined): boolean {
  const input = turn.event.input;
  const value = input.kind === "text" ? input.text : input.ref === undefined ? input.value : undefined;
  if (value === undefined || !/^\s*\d+\s*$/u.test(value)) return false;
  if (!open || stepOf(open).kind !== "item") return false;
  return Date.parse(turn.now) - Date.parse(pending.at) < QUESTION_UNSEEN_MS;
}

/**
 * A question left unanswered lapses after an hour, or when a check-in opened since: a later "1" is
 * then an answer to the check-in, not a yes to an old question.
 */
export function questionLapsed(now: string, pending: RiskEvent, open: Checkin | undefined): boolean {
  return (
    Date.parse(now) - Date.parse(pending.at) > SAFETY_CHECK_LAPSE_MS || (open?.createdAt ?? "") > pending.at
  );
}

/**
 * A yes to a concern's safety question, in time or late: a disclosure with the concern's words
 * (and the yes in the client's own words, when typed), the crisis message and an urgent alert,
 * then the warm line.
 */
export async function safetyYes(
  turn: Turn,
  client: Client,
  concern: RiskEvent,
  checkinId: number | null,
  open: Checkin | undefined,
  answerWords?: string,
): Promise<void> {
  const { crisisSent } = await raiseRisk(turn, client, checkinId, {
    tier: "disclosure",
    source: "safety_question",
    words: concern.words,
    text: excerpt(concern.text),
    ...(answerWords ? { answerWords } : {}),
    language: concern.language,
  });
  await afterCrisis(turn, client, open, crisisSent, concern.language);
}
