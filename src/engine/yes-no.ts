import { madeOnce } from "../made-once.js";
import type { ChatWords } from "../prompts/schema.js";
import { plainWords } from "./checkin/score-input.js";
import { hasQuestionMark } from "./question.js";

/**
 * Yes or no typed in answer to a question whose answer weighs: consent, and the confirmations
 * that erase (forget, discharge --erase). People type the button's words loosely ("yes i agree",
 * "Yes, I agree :)", "no, thank you"), so case, punctuation, emoji, smileys and accents are set
 * aside; what is left must then be one of the language's phrases or a button's label or value as
 * a whole, or several of them in a row ("ok sure"). No word is looked for inside a longer
 * message: "yes but what is this" and "no I agree" are neither, and a question ("yes?", "¿sí?") is not an answer. A false yes is worse than
 * asking again.
 */
interface YesNoButtons {
  yes: readonly string[];
  no: readonly string[];
}

/** Smileys written with letters or digits (":D", ":-p", "xD", "<3"), which punctuation alone would leave. */
const LETTER_SMILEY = /^(?:[:;=8][-'^o]?[dpo3]+|x-?d+|<\/?3+)$/u;
const APOSTROPHES = /['\u2018\u2019\u02BC`\u00B4]/gu;

/** A message as it is compared with a list of phrases: "Yes, I agree :)" and "yes i agree" alike. */
export function answerWords(text: string): string {
  return plainWords(text)
    .split(" ")
    .filter((token) => !LETTER_SMILEY.test(token))
    .join(" ")
    .replace(APOSTROPHES, "")
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * The word count of a set's longest phrase. The sets are fixed lists (the thanks phrases have
 * hundreds), asked about at every message typed in a check-in: counted once per set.
 */
const longestOf = new WeakMap<ReadonlySet<string>, number>();
const countLongest = (phrases: ReadonlySet<string>) =>
  Math.max(0, ...[...phrases].map((p) => p.split(" ").length));
function longestPhrase(phrases: ReadonlySet<string>): number {
  return madeOnce(longestOf, phrases, countLongest);
}

/** A language's or a button's phrases as compared, made once per list (the lists do not change). */
const phraseSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const comparedSet = (phrases: readonly string[]): ReadonlySet<string> => new Set(phrases.map(answerWords));
function phraseSet(phrases: readonly string[]): ReadonlySet<string> {
  return madeOnce(phraseSets, phrases, comparedSet);
}

/**
 * Whether the words are one listed phrase, or several one after another: "yep sounds good", "ok
 * sure" and "yes ok" are yes, as "yep", "sounds good", "ok", "sure" and "yes" each are. A word that
 * is in no phrase ("yes but what is this") makes it neither.
 */
export function madeOf(words: readonly string[], phrases: ReadonlySet<string>): boolean {
  // reach[i]: the first i words are whole phrases. A button's label may be a long phrase.
  const longest = longestPhrase(phrases);
  const reach = [true, ...words.map(() => false)];
  for (let i = 0; i < words.length; i++) {
    if (!reach[i]) continue;
    for (let n = 1; n <= longest && i + n <= words.length; n++) {
      if (phrases.has(words.slice(i, i + n).join(" "))) reach[i + n] = true;
    }
  }
  return reach[words.length] === true;
}

/**
 * Yes or no in the words of the client's language, or a button's label or value; undefined when
 * the message is neither, is a question, or is (in a pack that lists it twice) both.
 */
export function parseYesNo(
  text: string,
  words: Pick<ChatWords, "yes" | "no">,
  buttons: YesNoButtons = { yes: [], no: [] },
): "yes" | "no" | undefined {
  if (hasQuestionMark(text)) return undefined;
  const said = answerWords(text);
  if (said === "") return undefined;
  const saidWords = said.split(" ");
  const listed = (phrases: readonly string[]) => madeOf(saidWords, phraseSet(phrases));
  const yes = listed(words.yes) || listed(buttons.yes);
  const no = listed(words.no) || listed(buttons.no);
  if (yes === no) return undefined;
  return yes ? "yes" : "no";
}

/**
 * Whether a message begins with a yes and then hedges it ("yes i guess", "ok sure why not", "ja
 * schon irgendwie"): not a clear answer to consent, which is asked again, but kindly, since a
 * hesitant yes is common and is not a refusal.
 */
export function leansYes(text: string, words: Pick<ChatWords, "yes">): boolean {
  const said = answerWords(text);
  return words.yes.some((phrase) => {
    const yes = answerWords(phrase);
    return yes !== "" && said.startsWith(`${yes} `);
  });
}
