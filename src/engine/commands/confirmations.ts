import type { Wording } from "../../prompts/render.js";
import type { Client } from "../../store/types.js";
import { parseChatWord } from "../chat-words.js";
import { plainWords } from "../checkin/score-input.js";
import { hasQuestionMark } from "../question.js";
import type { Turn } from "../turn-context.js";
import { answerWords, parseYesNo } from "../yes-no.js";

/** A confirmation (forget, discharge --erase) waits this long for its answer. */
const CONFIRM_WINDOW_MS = 15 * 60_000;

/**
 * What an answer to an erase question says, pure: the button's value or label, or the language's
 * yes and no words, read as consent is (yes-no.ts); anything else is neither (and cancels:
 * nothing is erased on a guess).
 */
export function eraseAnswer(
  raw: string,
  w: Wording,
  buttons: { erase: readonly string[]; keep: readonly string[] },
): "erase" | "keep" | undefined {
  const answer = parseYesNo(raw, w.pack.messages.words, { yes: buttons.erase, no: buttons.keep });
  return answer === "yes" ? "erase" : answer === "no" ? "keep" : undefined;
}

/** Words that draw back from an erase, in any of the languages, beside each language's own no words. */
const BACKING_OFF = new Set(
  ["nvm", "nevermind", "dont", "cancel", "keep", "nicht", "abbrechen", "behalten", "cancelar"].map(
    answerWords,
  ),
);

/**
 * Whether an answer that is neither clear yes nor clear no to an erase question draws back from it
 * ("wait no", "no nvm dont", "no dont erase it"): a no word among its words, no yes word and no
 * question. Told that nothing was erased, not how to erase after all. Reading a no too loosely
 * erases nothing; a yes is never read loosely.
 */
export function backsOff(raw: string, w: Wording): boolean {
  const single = (phrases: readonly string[]) =>
    phrases.map(answerWords).filter((p) => p !== "" && !p.includes(" "));
  const no = new Set(single(w.pack.messages.words.no));
  const yes = new Set(single(w.pack.messages.words.yes));
  const words = answerWords(raw).split(" ");
  if (hasQuestionMark(raw) || words.some((t) => yes.has(t))) return false;
  return words.some((t) => no.has(t) || BACKING_OFF.has(t));
}

/** Whether a request made at `requested` still waits for its answer at `now`. */
export function stillWaiting(requested: string | null, now: string): requested is string {
  return requested !== null && Date.parse(now) - Date.parse(requested) <= CONFIRM_WINDOW_MS;
}

/**
 * A therapist's answer to "erase ALIAS?": the button, "Erase", yes; no or anything else cancels,
 * said in one line. Returns true when the input was taken as the answer (erase or keep); false
 * lets the input go on as what it is (a command, for example) after the cancel line.
 */
export async function answerTherapistErase(
  turn: Turn,
  therapistId: number,
  erase: (client: Client) => Promise<void>,
): Promise<boolean> {
  const pending = await turn.tx.eraseRequestOf(therapistId);
  if (!pending) return false;
  await turn.tx.setEraseRequested(pending.clientId, null);
  const client = await turn.tx.getClient(pending.clientId);
  if (!client || !stillWaiting(pending.at, turn.now)) return false;
  const w = turn.wording;
  const input = turn.event.input;
  const raw = input.kind === "choice" ? input.value : input.text;
  const button = `discharge ${client.alias} --erase --confirm`;
  // The typed command with --confirm is the command itself: it erases on its own route.
  if (plainWords(raw) === plainWords(button)) return false;
  const answer = eraseAnswer(raw, w, { erase: [w.t("erase_confirm_button")], keep: [] });
  turn.concerning(client.personId);
  if (answer === "erase") {
    await erase(client);
    return true;
  }
  await turn.replyText(w.t("erase_cancelled", { alias: client.alias }));
  // A command goes on as itself; anything else was only the (cancelling) answer.
  return answer === "keep" || parseChatWord(raw, w.pack.messages.words) === undefined;
}
