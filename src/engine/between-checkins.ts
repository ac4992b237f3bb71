import type { Client } from "../store/types.js";
import { goesOutAt, zoneOf } from "./commands/schedule.js";
import { formatDate } from "./format.js";
import { crisisIn, type Turn } from "./turn-context.js";

/**
 * What a client gets for a message between check-ins that is no command and no answer. A number
 * or a button is a late answer: there is no check-in open. Words are something the client wanted
 * to say ("rough week, feeling really low"): rapport does not pass messages on, and says so
 * plainly, so that nobody believes their therapist has read it; with the crisis text, as help
 * gives it. Words about a break ("can we take a break from these") get the way to pause.
 */
export async function betweenCheckins(turn: Turn, client: Client, text: string): Promise<void> {
  const w = turn.wording;
  // A paused client gets no check-in, so none is named as coming.
  const when = client.pausedAt ? undefined : await nextCheckinAt(turn, client);
  if (!WORDS.test(text)) {
    if (client.pausedAt) return turn.replyText(w.t("paused_ok"));
    return turn.replyText(when ? w.t("no_open_question_soon", { when }) : w.t("no_open_question"));
  }
  const therapist = (await turn.tx.getPerson(client.therapistId))?.name ?? "";
  const lines = [w.t("between_checkins_words", { therapist, crisis: crisisIn(turn.deps, w) })];
  // Paused, words still get the truth and the crisis text; then how to resume.
  if (client.pausedAt) lines.push(w.t("paused_ok"));
  else {
    if (when) lines.push(w.t("next_checkin_at", { when }));
    if (BREAK.test(text)) lines.push(w.t("between_checkins_break"));
  }
  return turn.replyText(lines.join("\n\n"));
}

/**
 * When the next planned session check-in falls due (one held for the night, say), in the client's
 * zone: "where are the questions?" after an evening session deserves the time. None when none is.
 */
async function nextCheckinAt(turn: Turn, client: Client): Promise<string | undefined> {
  const [at] = await turn.tx.pendingSessionJobs(client.personId);
  if (!at) return undefined;
  const zone = await zoneOf(turn, client);
  return formatDate(goesOutAt(turn, at, zone), turn.wording.pack.language, zone);
}

/** Two letters in a row: a word, not "7", "7/10" or an emoji. */
const WORDS = /\p{L}\p{M}*\p{L}/u;

/**
 * A wish to pause the check-ins, in the languages rapport speaks: about the check-ins, not about
 * life ("I can't stop crying", "I've had enough" are not a wish for fewer questions).
 */
const BREAK =
  /\b(a break|take a break|pause (these|this|them|the check-?ins)|stop (these|this|them|then|the (check-?ins|questions|messages))|no more (check-?ins|questions|of these)|too many (check-?ins|questions|of these)|tired of these|eine pause|keine (check-ins|fragen) mehr|un descanso|una pausa|parar (esto|los cuestionarios)|no más cuestionarios)\b/iu;
