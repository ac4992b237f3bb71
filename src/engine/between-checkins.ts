import type { Client } from "../store/types.js";
import { isAcknowledgement, isGreeting } from "./acknowledgement.js";
import { recordOffer } from "./break-offer.js";
import { asksForBreak, speaksOfBeingAway } from "./break-request.js";
import { addToComment } from "./checkin/comment-addition.js";
import { keptAnswer, privacyAnswer } from "./checkin/consent-vars.js";
import { isSkip } from "./checkin/input.js";
import { parseScore, plainWords } from "./checkin/score-input.js";
import { pausedLine, pauseOffer } from "./client-break.js";
import { asksAboutData, asksToSeeOwn, keepsData } from "./data-request.js";
import { formatDay } from "./format.js";
import { offerLanguage } from "./language-offer.js";
import { languageAsked } from "./language-request.js";
import { nextCheckinWhen } from "./next-checkin.js";
import { asksWhoSees } from "./privacy-question.js";
import { asksToStopForGood } from "./stop-request.js";
import { asksWhereKept } from "./storage-question.js";
import { crisisIn, type Turn, therapistName } from "./turn-context.js";
import { asksWhenNext } from "./when-next.js";

/**
 * What a client gets for a message between check-ins that is no command and no answer. A number
 * or a button is a late answer: there is no check-in open. Words are something the client wanted
 * to say ("rough week, feeling really low"): rapport does not pass messages on, and says so
 * plainly, so that nobody believes their therapist has read it; with the crisis text, as help
 * gives it. Words about a break ("can we take a break from these") get the way to pause; a wish to
 * stop for good ("i want to quit") that too, with how to end them and erase everything. Words
 * soon after a check-in's comment are the rest of it (comment-addition.ts).
 */
export async function betweenCheckins(turn: Turn, client: Client, text: string): Promise<void> {
  const w = turn.wording;
  // "ok im back. sorry been a mess", "hola! ya estoy de vuelta 😊": a paused client's return in a
  // sentence gets the way back, a button that resumes as typing start does.
  if (client.pausedAt && saysBack(text, w.pack.messages.words.start)) {
    const choices = [{ label: w.t("resume_button"), value: "start" }];
    return turn.reply({ kind: "question", text: w.t("paused_welcome_back"), choices });
  }
  // A paused client gets no check-in, so none is named as coming.
  const when = client.pausedAt ? undefined : await nextCheckinWhen(turn, client);
  // "hi" is a greeting, not something to pass on: greeted back, with what comes next, and no
  // crisis text (which, in reply to a hello, reads as alarming).
  const greeting = isGreeting(text);
  // A bare "no" or "ok" (after the last answer, say) and "when is my next check-in?" get what comes
  // next, not the crisis text.
  // A "skip" sent after the comment (two taps, or typed late) skips nothing: not a comment to add.
  const skip = isSkip(text, w.t("comment_skip"));
  // "sorry was away. 2": a number after words that only excuse the delay is a late answer too, when
  // a check-in closed unfinished lately; it is not kept, and the client is told that it closed.
  const closed = await closedLately(turn, client);
  const lateInWords =
    closed !== undefined && WORDS.test(text) && parseScore(text, 0, 10, w.pack.messages.words).ok;
  if (!WORDS.test(text) || lateInWords || greeting || isAcknowledgement(text) || asksWhenNext(text) || skip) {
    const reply = client.pausedAt
      ? await pausedLine(turn, client)
      : when
        ? w.t("no_open_question_soon", { when })
        : await nothingPlanned(turn, client);
    // A number after the check-in closed unfinished is a late answer: the client is told it closed,
    // not only that none is open; "hi" or "ok" that it closed. Once: the numbers after it get the
    // short reply, not the paragraph again.
    const number = lateInWords || (!WORDS.test(text) && !skip);
    const late = closed?.untold
      ? w.t(number ? "checkin_closed_late" : "checkin_closed_missed", closed)
      : undefined;
    const lines = [late, greeting ? `${w.t("hello")} ${reply}` : reply].filter((x) => x !== undefined);
    return turn.replyText(lines.join(" "));
  }
  // "i want to stop doing these", "ich möchte aufhören": how to stop (below), before the words about
  // data it may hold ("i want to stop for good, delete my data"): that answer names forget too.
  const stopping = asksToStopForGood(text);
  // "is this anonymous?", "can my boss see this?": who sees the answers, as at consent and mid
  // check-in, with the way to see and erase them; not "I don't pass messages on".
  // "do you speak spanish": the language offered where the clinic has it, else said kindly.
  const language = stopping ? undefined : languageAsked(text);
  if (language) return offerLanguage(turn, client, language);
  // "how long do you keep my answers?", "is this encrypted": where they are kept, and who sees them.
  const kept = stopping ? undefined : asksWhereKept(text);
  if (kept) return turn.replyText(await keptAnswer(turn, w, client, kept));
  // "can i see what i wrote": the way to see it, not who sees it.
  if (!stopping && asksToSeeOwn(text)) return turn.replyText(w.t("data_see_own"));
  if (!stopping && asksWhoSees(text)) return turn.replyText(await privacyAnswer(turn, w, client));
  // "what do you store about me", "delete everything": the way to see and erase their data, not a
  // comment for the therapist, nor words that nobody reads.
  if (!stopping && asksAboutData(text)) {
    return turn.replyText(w.t("data_request", { therapist: await therapistName(turn.tx, client) }));
  }
  // "actually keep it" after that reply: nothing was erased, and it is no comment either.
  if (keepsData(text)) return turn.replyText(w.t("data_kept"));
  // Words soon after the comment are the rest of it ("ok so", then what they meant to say).
  // A wish to stop or for a break is no addition to the comment: it gets the way to pause.
  // Being away on days named ("im on holiday dec 20 to jan 5") may be such a wish: pauseOffer reads the days.
  const toPause = stopping || asksForBreak(text) || (speaksOfBeingAway(text) && /\d/u.test(text));
  if (!client.pausedAt && !toPause && (await addToComment(turn, client, text))) return;
  const therapist = await therapistName(turn.tx, client);
  const lines = [w.t("between_checkins_words", { therapist, crisis: crisisIn(turn.deps, w) })];
  // "sorry was away", the first words after a check-in closed unfinished: told that it closed, once.
  if (closed?.untold) lines.unshift(w.t("checkin_closed_missed", closed));
  // Paused, words still get the truth and the crisis text; then how to resume, or, to a wish to
  // stop for good, that nothing comes until start, and how to end them or erase everything.
  if (client.pausedAt) {
    const after = stopping ? w.t("stop_for_good_paused", { therapist }) : await pausedLine(turn, client);
    return turn.replyText([...lines, after].join("\n\n"));
  }
  // Who asks to stop is not told when the next one comes, but how to stop it.
  if (when && !stopping) lines.push(w.t("next_checkin_at", { when }));
  const offer = toPause ? await pauseOffer(turn, client, text) : undefined;
  if (!offer) return turn.replyText(lines.join("\n\n"));
  lines.push(offer.line);
  await turn.reply({ kind: "question", text: lines.join("\n\n"), choices: [offer.choice] });
  // A typed "yes please" to it does what the button does (break-offer.ts).
  return recordOffer(turn, client, offer.until);
}

/**
 * No check-in open and none planned: after a discharge, the round has closed, and "after your next
 * session" would promise one that is not coming; else the therapist sends them by hand.
 */
export async function nothingPlanned(turn: Turn, client: Client, thanks = false): Promise<string> {
  const w = turn.wording;
  const latest = (await turn.tx.episodesOf(client.personId)).at(-1);
  if (!latest?.endedAt) return w.t(thanks ? "thanks_reply" : "no_open_question");
  const therapist = await therapistName(turn.tx, client);
  return w.t(thanks ? "thanks_reply_ended" : "no_open_question_ended", { therapist });
}

/** Two letters in a row: a word, not "7", "7/10" or an emoji. */
const WORDS = /\p{L}\p{M}*\p{L}/u;

/** How long after a check-in closed unfinished a late answer is told that it closed. */
const LATE_DAYS = 7;

/**
 * The latest check-in, when it closed unfinished within LATE_DAYS and none was finished since: the
 * days it was sent and closed, and whether the client has yet to hear of it. They have once anything
 * was sent to them after it closed (the reply that told them, at their first message after it),
 * so "Your check-in of Dec 4 closed on Dec 6…" is said once, not at each number that follows.
 */
async function closedLately(
  turn: Turn,
  client: Client,
): Promise<{ sent: string; closed: string; untold: boolean } | undefined> {
  const closed = (await turn.tx.unansweredCheckins(client.personId)).at(-1);
  if (closed?.status !== "expired" || !closed.completedAt) return undefined;
  const completed = await turn.tx.lastCompletedCheckin(client.personId);
  if (completed && completed.id > closed.id) return undefined;
  if (Date.parse(turn.now) - Date.parse(closed.completedAt) > LATE_DAYS * 86_400_000) return undefined;
  const zone = turn.deps.config.clinic.timeZone;
  const day = (iso: string) => formatDay(iso, turn.wording.pack.language, zone);
  const last = await turn.tx.lastQueuedAt(client.personId);
  const untold = last === undefined || Date.parse(last) <= Date.parse(closed.completedAt);
  return { sent: day(closed.createdAt), closed: day(closed.completedAt), untold };
}

/** Whether the words hold one of the language's words for coming back ("im back"), not alone. */
function saysBack(text: string, start: readonly string[]): boolean {
  // "i'm back" and "im back" alike: apostrophes dropped, other marks read as spaces.
  const plain = (t: string) =>
    plainWords(t)
      .replace(/['’]/gu, "")
      .replace(/[^\p{L}\p{N}\s]/gu, " ")
      .replace(/\s+/gu, " ")
      .trim();
  const said = ` ${plain(text)} `;
  return start
    .map(plain)
    .filter((phrase) => phrase.includes(" "))
    .some((phrase) => said.includes(` ${phrase} `));
}
