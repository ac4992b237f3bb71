import { hasQuestionMark } from "./question.js";
import { answerWords, madeOf } from "./yes-no.js";

/**
 * "ok", "thank you so much 🙏", "vale, gracias": a message that only acknowledges what rapport
 * said, in each language it speaks. After a crisis message such a message is kept with the alert
 * but is no reason to send anyone another urgent message; between check-ins "thanks" is a reply,
 * not a request for one.
 *
 * The phrases are whole: "thanks for the numbers" is one, "thanks for everything" is not (it is how
 * goodbyes are written), nor is anything with a word outside them ("ok i will", "ok but").
 */
const THANKS_BASES = [
  "thanks",
  "thank",
  "thank you",
  "thank u",
  "thank ya",
  "thankyou",
  "thanx",
  "thnx",
  "thx",
  "ty",
  "tysm",
  "tyvm",
  "cheers",
  "many thanks",
  "danke",
  "danke schon",
  "dankeschon",
  "danke sehr",
  "danke dir",
  "danke euch",
  "vielen dank",
  "gracias",
  "muchas gracias",
  "muchisimas gracias",
  "mil gracias",
];

/** What may follow a thanks; each base is also a phrase alone. */
const THANKS_TAILS = [
  "so much",
  "very much",
  "a lot",
  "a bunch",
  "again",
  "for that",
  "for this",
  "for the numbers",
  "for the number",
  "for the info",
  "for the information",
  "for the contacts",
  "for the help",
  "for your help",
  "for listening",
];

/** "ok" in its chat forms: with a thanks it is still thanks ("ok thx"). */
const OKS = ["ok", "okay", "okey", "okk", "oki", "k", "kk", "alright", "all right"];

const OK_PHRASES = [
  ...OKS,
  "okkk",
  "okie",
  "kkk",
  "fine",
  "sure",
  "got it",
  "will do",
  "noted",
  "understood",
  "i see",
  "yes",
  "yeah",
  "yep",
  "yup",
  "no",
  "nope",
  "ja",
  "jo",
  "nein",
  "gut",
  "alles klar",
  "verstanden",
  "si",
  "vale",
  "bien",
  "claro",
  "de acuerdo",
  "entendido",
];

const THANKS = THANKS_BASES.flatMap((base) => [base, ...THANKS_TAILS.map((tail) => `${base} ${tail}`)]);
const ACKNOWLEDGING = new Set([...THANKS, ...OK_PHRASES]);
/** Thanks with an "ok" at most: "no thanks" between check-ins may be a refusal, not a reply. */
const THANKING = new Set([...THANKS, ...OKS]);
/** A word that begins a thanks; an "ok" with one of them is thanks ("many" alone is no phrase). */
const THANKS_WORDS = new Set(THANKS_BASES.map((base) => base.split(" ")[0]));

/** Emoji that say thanks or warmth; any other ("ok 😭", "ok 💊") is something to pass on. */
const WARM_EMOJI = /[👍👌🙏❤♥💙💜💚💛🧡🤍🩷💕💗🙂😊☺🤗😌✅]|\p{Emoji_Modifier}|\uFE0F|\u200D/gu;
const OTHER_EMOJI = /\p{Extended_Pictographic}/u;
/** A sad face written with letters (":(", ":'(", ":/") is not a nod. */
const SAD_FACE = /[:;=]'?-?[([/\\|]|\)-?'?[:;=]/u;

function words(text: string): string[] | undefined {
  // A question is not an acknowledgement ("ok?").
  if (hasQuestionMark(text) || SAD_FACE.test(text) || OTHER_EMOJI.test(text.replace(WARM_EMOJI, "")))
    return undefined;
  const said = answerWords(text);
  // An emoji alone (👍, 🙏) nods as much as "ok" does.
  return said === "" ? [] : said.split(" ");
}

/** Whether the message only acknowledges: "ok", "thanks!!", "ok thank u 🙏🏻", "vale, gracias". */
export function isAcknowledgement(text: string): boolean {
  const said = words(text);
  return said !== undefined && madeOf(said, ACKNOWLEDGING);
}

/** Whether the message is thanks, perhaps with an "ok" ("ok thanks", "thank you so much!"). */
export function isThanks(text: string): boolean {
  const said = words(text);
  return said !== undefined && madeOf(said, THANKING) && said.some((word) => THANKS_WORDS.has(word));
}

/** Greetings in each language rapport speaks, alone or one after another ("hey, good morning"). */
const GREETINGS = new Set([
  "hi",
  "hey",
  "hello",
  "hiya",
  "heya",
  "yo",
  "hi there",
  "hey there",
  "hello there",
  "morning",
  "good morning",
  "good afternoon",
  "good evening",
  "evening",
  "hallo",
  "moin",
  "servus",
  "guten morgen",
  "guten tag",
  "guten abend",
  "hola",
  "buenas",
  "buenos dias",
  "buenas tardes",
  "buenas noches",
]);

/** A message's words as greetings are compared: "hey 👋" is "hey". */
function greetingWords(text: string): string {
  return answerWords(text.replace(/\p{Extended_Pictographic}/gu, ""));
}

/** Whether the message only greets: "hi", "Hello!", "hey 👋", "buenos días". */
export function isGreeting(text: string): boolean {
  if (hasQuestionMark(text)) return false;
  const said = greetingWords(text);
  return said !== "" && madeOf(said.split(" "), GREETINGS);
}

/**
 * The words after a greeting that opens a message ("hola! si claro", "hi, yes sure"), so that the
 * answer is read without it; the text as it was when no greeting opens it or nothing follows.
 */
export function afterGreeting(text: string): string {
  if (hasQuestionMark(text)) return text;
  const words = greetingWords(text).split(" ");
  for (let n = words.length - 1; n >= 1; n--) {
    if (madeOf(words.slice(0, n), GREETINGS)) return words.slice(n).join(" ");
  }
  return text;
}

/**
 * A bare apology, as people write one after telling something hard ("sorry", "im so sorry",
 * "tut mir leid", "lo siento"): no new fact, so no reason for another urgent message. Only the
 * apology alone: "sorry for everything" is how goodbyes are written, and is passed on.
 */
const APOLOGIES = new Set([
  ...["sorry", "sry", "soz", "srry", "im sorry", "i'm sorry", "i am sorry", "so sorry", "im so sorry"],
  ...["i'm so sorry", "sorry sorry", "ok sorry", "oh sorry", "sorry about that", "sorry for that"],
  ...["entschuldigung", "sorry dafür", "tut mir leid", "es tut mir leid", "sorry nochmal"],
  ...["perdón", "perdon", "lo siento", "disculpa", "perdona", "lo siento mucho"],
]);

export function isApology(text: string): boolean {
  const said = words(text);
  return said !== undefined && said.length > 0 && madeOf(said, APOLOGIES);
}
