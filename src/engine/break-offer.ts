import type { BreakOffer, Checkin, Client } from "../store/types.js";
import { offerStands, replyToOffer } from "./break-offer-reply.js";
import { stepMessage, withLine } from "./checkin/messages.js";
import { atRiskItem } from "./checkin/risk-item-answer.js";
import { pauseFromChat } from "./client-break.js";
import { formatDay } from "./format.js";
import { chooseLanguage, languageChoice, languageOffered } from "./language-offer.js";
import { type Turn, therapistName } from "./turn-context.js";

/**
 * A typed yes or no to the pause offered, in a turn: the offer recorded when it is queued, taken by
 * the client's next message, and answered. Which reply counts, and for how long, is in
 * break-offer-reply.ts.
 */

/** Records the offer just queued for the client, so their typed reply to it is read as one. */
export async function recordOffer(turn: Turn, client: Client, until: string | null): Promise<void> {
  await turn.tx.setBreakOffer(client.personId, { at: turn.now, until });
}

/**
 * Takes the client's standing offer at any message of theirs (it answers only the next one);
 * returns it when it still stood.
 */
export async function takeOffer(turn: Turn, client: Client): Promise<BreakOffer | undefined> {
  const offer = client.breakOffer;
  if (!offer) return undefined;
  await turn.tx.setBreakOffer(client.personId, null);
  return offerStands(offer, await turn.tx.lastQueuedAt(client.personId), turn.now) ? offer : undefined;
}

/**
 * A typed yes or no to a standing offer, between check-ins: true when the turn is done. A yes
 * pauses as the button's press does ("stop until 2027-01-04"); a no is acknowledged.
 */
export async function answerOffer(
  turn: Turn,
  client: Client,
  offer: BreakOffer | undefined,
  open: Checkin | undefined,
  text: string,
): Promise<boolean> {
  // A pause begun or a consent asked since: the yes is not to the offer.
  if (!offer || client.pausedAt || client.status !== "active") return false;
  if (turn.event.input.kind !== "text") return false;
  const reply = replyToOffer(text, turn.wording.pack.messages.words);
  if (reply === undefined) return false;
  // A language offered at a risk item ("can we do this in spanish"): "yes please" may be the
  // question's yes or the language's, so the client is asked which, with both sets of buttons.
  // Anywhere else the words are read as ever.
  const language = languageOffered(offer.until);
  if (language !== undefined) {
    // Elsewhere a typed yes takes the language as the button does; anything else is read as ever.
    if (!open || !atRiskItem(turn.wording, open)) {
      return reply === "yes" && (await chooseLanguage(turn, client, language));
    }
    const question = stepMessage(turn.wording, open, await therapistName(turn.tx, client), false);
    const line = turn.wording.t("language_or_answer");
    const choices = [...(question.choices ?? []), languageChoice(turn, language)];
    await turn.reply({ ...withLine(question, line), choices });
    return true;
  }
  // Offered at a question of a check-in (a line and a button beside the question's): at the safety
  // question or another risk item, "yes please" may answer that question, so the client is asked
  // which they meant, and the question stays; elsewhere the yes pauses, the no gets the question again.
  if (open && (reply === "no" || atRiskItem(turn.wording, open))) {
    const therapist = await therapistName(turn.tx, client);
    const question = stepMessage(turn.wording, open, therapist, false);
    if (!atRiskItem(turn.wording, open)) {
      await turn.reply(withLine(question, turn.wording.t("break_offer_declined")));
      return true;
    }
    const line = turn.wording.t("break_or_answer");
    await turn.reply({
      ...withLine(question, line),
      choices: [...(question.choices ?? []), pauseChoice(turn, offer)],
    });
    return true;
  }
  if (reply === "yes") await pauseFromChat(turn, client, offerWords(offer));
  else await turn.replyText(turn.wording.t("break_offer_declined"));
  return true;
}

/**
 * What an offer's yes sets, as `stop` reads it: until its end ("until 2027-01-04"), or its days
 * when it begins later ("2026-12-20..2027-01-05").
 */
function offerWords(offer: BreakOffer): string {
  if (!offer.until) return "";
  return offer.until.includes("..") ? offer.until : `until ${offer.until}`;
}

/** The offer's button again ("Pause until Jan 4"), carrying the end it named. */
function pauseChoice(turn: Turn, offer: BreakOffer): { label: string; value: string } {
  const w = turn.wording;
  if (!offer.until) return { label: w.t("pause_button"), value: "stop" };
  const [first, last] = offer.until.split("..");
  if (first && last) {
    const named = (date: string) => formatDay(`${date}T12:00:00Z`, w.pack.language, "UTC");
    const days = { from: named(first), last: named(last) };
    return { label: w.t("pause_button_range", days), value: `stop ${offer.until}` };
  }
  const day = formatDay(`${offer.until}T12:00:00Z`, w.pack.language, "UTC");
  return { label: w.t("pause_button_until", { date: day }), value: `stop until ${offer.until}` };
}
