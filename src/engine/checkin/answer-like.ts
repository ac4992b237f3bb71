import type { ChatWords, Instrument } from "../../prompts/schema.js";
import { answerWords } from "../yes-no.js";

/** Words of how often that no single option names, in the languages rapport speaks. */
export const HOW_OFTEN =
  /(?<!\p{L})(?:often|a lot|lots|usually|half the time|half|frequently|regularly|rarely|hardly|seldom|mostly|oft|häufig|haeufig|selten|regelmäßig|die hälfte|a menudo|muchas veces|frecuentemente|casi nunca|la mitad|normalmente)(?!\p{L})/iu;

/**
 * Words that soften an answer, in the languages rapport speaks: "kinda?", "vlt 5?", "quizás?". Not
 * words that as often begin a question ("like", "about", "como").
 */
const HEDGES = [
  ...["kinda", "kind of", "sorta", "sort of", "maybe", "probably", "prob", "prolly", "perhaps"],
  ...["idk", "dunno", "i guess", "i think", "roughly", "a bit", "a little", "ish"],
  ...["vielleicht", "vlt", "vllt", "eher", "etwa", "ungefahr", "irgendwie", "ein bisschen"],
  ...["keine ahnung", "weiss nicht", "weis nicht", "glaube", "denke"],
  ...["quizas", "quiza", "tal vez", "creo", "no se", "mas o menos", "un poco", "algo"],
  // Not knowing, as people say it: "who knows", "wer weiß", "quién sabe", "ni idea".
  ...["not sure", "unsure", "who knows", "nicht sicher", "wer weiss", "wer weiß", "ni idea", "quien sabe"],
].map(answerWords);

/**
 * Whether a message that was not read as an answer still holds the makings of one: a number, a word
 * of how often, one of the item's answer words, or a hedge ("kinda? like half the time", "maybe
 * 6?", "no?"). With a question mark such a message is an unsure answer, to be asked again in the
 * ordinary way, not a question to rapport about who sees the answers. Pure.
 */
export function soundsLikeAnswer(
  text: string,
  instrument: Pick<Instrument, "choices"> | undefined,
  words: Pick<ChatWords, "numbers"> | undefined,
): boolean {
  if (/\p{N}/u.test(text) || HOW_OFTEN.test(text)) return true;
  const said = ` ${answerWords(text)} `;
  if (said.trim() === "") return false;
  const has = (phrase: string) => {
    const plain = answerWords(phrase);
    return plain !== "" && said.includes(` ${plain} `);
  };
  const choiceWords = (instrument?.choices ?? []).flatMap((c) => [c.label, ...c.words]);
  return [...HEDGES, ...choiceWords, ...(words?.numbers ?? [])].some(has);
}
