import type { ChatWords } from "../prompts/schema.js";
import type { BreakOffer } from "../store/types.js";
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
const OFFER_HOURS = 24;

/** Whether an offer still stands: not older than OFFER_HOURS, and nothing queued for the client since. */
export function offerStands(offer: BreakOffer, lastQueuedAt: string | undefined, now: string): boolean {
  const age = Date.parse(now) - Date.parse(offer.at);
  if (!(age >= 0 && age <= OFFER_HOURS * 3_600_000)) return false;
  return lastQueuedAt === undefined || Date.parse(lastQueuedAt) <= Date.parse(offer.at);
}

/**
 * Words of politeness set aside before a reply is read ("yes pls", "ja bitte", "sí porfa"): alone
 * they are no answer ("thanks" alone goes on to be thanked back), and "no thanks" stays a no.
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

/** Yes or no to the offer, or undefined when the message is neither (then it is read as any other message). */
export function replyToOffer(text: string, words: Pick<ChatWords, "yes" | "no">): "yes" | "no" | undefined {
  const said = answerWords(text).replace(FILLER_PATTERN, " ").replace(/\s+/gu, " ").trim();
  if (said === "") return undefined;
  // A question mark ("yes?") is no answer: parseYesNo sees the text as typed for that.
  const marks = /[?？¿]/u.test(text) ? "?" : "";
  return parseYesNo(`${said}${marks}`, words, { yes: OFFER_YES, no: OFFER_NO });
}
