import type { Turn } from "../turn-context.js";

/**
 * Words typed in a burst, as people do on phones: "ok so" / "this week" / "was honestly pretty
 * bad" / "like" / "3". In a burst the question is still right above, so sending it again for each
 * fragment would fill the screen with copies of it, and "ok so" is no comment worth keeping: a
 * fragment that says nothing gets no reply, and words after words already kept get one short line.
 */

/** How soon after the sender's previous message a message is part of the same burst. */
export const BURST_MS = 60_000;

/** Whether the sender's previous message, handled by this process, came less than BURST_MS ago. */
export function inBurst(turn: Pick<Turn, "sincePrevious">): boolean {
  return turn.sincePrevious !== undefined && turn.sincePrevious >= 0 && turn.sincePrevious < BURST_MS;
}

/**
 * Words that only lead in or fill, in the languages rapport speaks. Not a yes ("yeah"), a no or a word of
 * how things are ("ja", "gut", "fine"): those are answers said in words, asked about as such.
 */
const FILLERS = new Set([
  ..."ok okay k so um umm uhm uh hmm hm mm erm like well and anyway anyways lol also actually basically then wait oh".split(
    " ",
  ),
  ..."äh ähm hmm naja na und halt tja ach nun eben".split(" "),
  ..."bueno pues o sea este eh y entonces a ver".split(" "),
]);

/** Whether a message is only filler ("ok so", "um", "like", "pues"), with its punctuation and dots. */
export function isFiller(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[\s,.!…:;-]+/u)
    .filter((w) => w !== "");
  return words.length > 0 && words.every((w) => FILLERS.has(w));
}
