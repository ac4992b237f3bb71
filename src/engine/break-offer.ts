import type { ChatWords } from "../prompts/schema.js";
import type { BreakOffer, Checkin, Client } from "../store/types.js";
import { stepMessage, withLine } from "./checkin/messages.js";
import { atRiskItem } from "./checkin/risk-item-answer.js";
import { pauseFromChat } from "./client-break.js";
import { formatDay } from "./format.js";
import { chooseLanguage, languageChoice, languageOffered } from "./language-offer.js";
import { type Turn, therapistName } from "./turn-context.js";
import { answerWords, parseYesNo } from "./yes-no.js";

/**
 * A typed yes or no to the way to pause that rapport offered ("Pause until Jan 4", a line and a
 * button, in answer to "can we take a break till january"). Many people type instead of tapping:
 * "yes please", "ja gerne", "sí porfa" does what the button does, with the end the offer named; "no
 * thanks" is acknowledged and changes nothing.
 *
 * Only a reply to the offer counts: the offer is recorded on the client (schema 9, so a restart
 * keeps it) and taken by their next message, whatever it says; it stands only while it is the last
 * thing rapport queued for them (a check-in, a consent question or anything else sent since is what
 * a yes then answers) and for OFFER_HOURS. A day, because a yes typed later is no longer plainly
 * about a button the client may have scrolled past; they can still tap it, or type stop.
 */
export const OFFER_HOURS = 24;

/** Whether an offer still stands: not older than OFFER_HOURS, and nothing queued for the client since. */
export function offerStands(offer: BreakOffer, lastQueuedAt: string | undefined, now: string): boolean {
  const age = Date.parse(now) - Date.parse(offer.at);
  if (!(age >= 0 && age <= OFFER_HOURS * 3_600_000)) return false;
  return lastQueuedAt === undefined || Date.parse(lastQueuedAt) <= Date.parse(offer.at);
}

/**
 * Words of politeness set aside before a reply is read ("yes pls", "ja bitte", "sí porfa"): alone
 * they are no answer ("thanks" is thanked back as ever), and "no thanks" stays a no.
 */
const FILLERS = [
  "please",
  "pls",
  "plz",
  "plez",
  "thanks",
  "thank you",
  "thx",
  "ty",
  "bitte",
  "danke",
  "danke dir",
  "por favor",
  "porfa",
  "porfis",
  "porfavor",
  "gracias",
];

/**
 * Yes to a pause offer as people type it, beyond the consent yes of their language: the offer is
 * to do something, so "do that", "go for it", "mach das", "hazlo" accept it. Each language's, for
 * a client whose prompts are in another.
 */
const OFFER_YES = [
  "yes",
  "yea",
  "ya",
  "yess",
  "yesss",
  "ok",
  "okk",
  "k",
  "do that",
  "do it",
  "please do",
  "go for it",
  "lets do that",
  "lets do it",
  "that works",
  "works for me",
  "sounds great",
  "great",
  "perfect",
  "pause",
  "pause them",
  "pause it",
  // Agreeing as people type it in chat: "sure thing", "ja schon", "klar doch", "si claro".
  "sure",
  "sure thing",
  "of course",
  "ofc",
  "yeah",
  "yep",
  "yup",
  "alright",
  "sounds good",
  "why not",
  "ja",
  "jaa",
  "jo",
  "gerne",
  "gern",
  "mach das",
  "mach mal",
  "machen wir",
  "machen wir so",
  "klingt gut",
  "pausieren",
  "schon",
  "klar",
  "na klar",
  "klar doch",
  "gerne doch",
  "passt",
  "ok passt",
  "einverstanden",
  "si",
  "sii",
  "vale",
  "dale",
  "venga",
  "hazlo",
  "genial",
  "perfecto",
  "pausar",
  "pausa",
  "claro",
  "claro que si",
  "por supuesto",
  "obvio",
  "sale",
  "va",
  "bueno",
  "esta bien",
  "de acuerdo",
];

/** No to a pause offer beyond the consent no: "im good", "lieber nicht", "mejor no". */
const OFFER_NO = [
  "no",
  "nah",
  "nope",
  "dont",
  "no dont",
  "im good",
  "im ok",
  "im fine",
  "not needed",
  "never mind",
  "nevermind",
  "keep them",
  "keep going",
  "nein",
  "nee",
  "ne",
  "lieber nicht",
  "lass mal",
  "nicht nötig",
  "nicht noetig",
  "no hace falta",
  "dejalo",
  "mejor no",
];

const FILLER_PATTERN = new RegExp(
  `(?:^| )(?:${FILLERS.map(answerWords)
    .sort((a, b) => b.length - a.length)
    .join("|")})(?= |$)`,
  "gu",
);

/** Yes or no to the offer, or undefined when the message is neither (then it is read as ever). */
export function replyToOffer(text: string, words: Pick<ChatWords, "yes" | "no">): "yes" | "no" | undefined {
  const said = answerWords(text).replace(FILLER_PATTERN, " ").replace(/\s+/gu, " ").trim();
  if (said === "") return undefined;
  // A question mark ("yes?") is no answer: parseYesNo sees the text as typed for that.
  const marks = /[?？¿]/u.test(text) ? "?" : "";
  return parseYesNo(`${said}${marks}`, words, { yes: OFFER_YES, no: OFFER_NO });
}

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
