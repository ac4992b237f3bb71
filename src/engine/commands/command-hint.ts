import { editDistance } from "../../edit-distance.js";
import { THERAPIST_WORDS } from "../chat-words.js";
import { ENGLISH_SYNONYMS, LEADING_FILLER, plainWord, TRANSLATED_SYNONYMS } from "./command-synonyms.js";
import { PAUSE_USAGE } from "./pause-usage.js";

// Shared with the clinic config's hints; exported here too, where the engine and its tests take it.
export { editDistance };

type Command = (typeof THERAPIST_WORDS)[number];

/**
 * What a therapist probably meant by a message that is no command: a typo of one ("summry alex",
 * "chekin alex"), a word from other tools ("erase alex", "resume alex", "ack 3") or the command
 * in German or Spanish ("zusammenfassung jonas", "resumen de lucia"; command-synonyms.ts). The hint is
 * the command written out with what they typed after it, so the reply can be copied as it is.
 * Nothing is run on a guess: erasing or sending a check-in on a misread word would be worse.
 */

/** What every command needs after it, for a hint built from a typo. */
const FORMS: Readonly<Record<Command, string>> = {
  link: "link CODE",
  invite: "invite ALIAS",
  checkin: "checkin ALIAS",
  summary: "summary ALIAS",
  chart: "chart ALIAS",
  clients: "clients",
  schedule: "schedule ALIAS weekly tue 17:00 50m",
  discharge: "discharge ALIAS",
  age: "age ALIAS N",
  seen: "seen N",
  session: "session ALIAS now",
  timezone: "timezone ALIAS ZONE",
  pause: PAUSE_USAGE,
  contact: "contact ALIAS TEXT",
  summaries: "summaries compact|full",
  instruments: "instruments ALIAS LIST",
  language: "language ALIAS CODE",
};

interface Hint {
  /** The command written out, to copy as it is. */
  suggestion: string;
  /** Whether the word typed was the command in German or Spanish ("zusammenfassung", "resumen"). */
  translated: boolean;
}

export function commandHint(text: string): string | undefined {
  return commandHintOf(text)?.suggestion;
}

export function commandHintOf(text: string): Hint | undefined {
  const [rawHead = "", ...rest] = text.trim().split(/\s+/);
  const head = rawHead.replace(/^\//, "").toLowerCase();
  if (head.length < 2 || head.length > 20) return undefined;
  const synonym = ENGLISH_SYNONYMS[head];
  if (synonym) return { suggestion: fill(synonym, rest), translated: false };
  const translated = TRANSLATED_SYNONYMS[plainWord(head)];
  if (translated) return { suggestion: translatedHint(translated, rest), translated: true };
  // A command split in two, as phones' autocorrect writes it: "check in jordan", "time zone alex".
  const [second = "", ...after] = rest;
  const joined = `${head}${second.toLowerCase()}`;
  if (second && isCommand(joined)) {
    return { suggestion: after.length > 0 ? [joined, ...after].join(" ") : FORMS[joined], translated: false };
  }
  const command = typoOf(head);
  if (!command) return undefined;
  // A typo's arguments were meant for that command: kept as typed, or its form when there are none.
  return { suggestion: rest.length > 0 ? [command, ...rest].join(" ") : FORMS[command], translated: false };
}

/** Commands that take an alias and options, no more: "resumen lucia porfa" is `summary lucia`. */
const ALIAS_ONLY: ReadonlySet<string> = new Set(["summary", "chart", "checkin", "invite", "discharge"]);

/**
 * The hint for a German or Spanish word: its form filled, or the command with what followed it
 * ("termin jonas di 17:00" is `schedule jonas di 17:00`), the sentence's "de", "von" before the
 * alias left out.
 */
function translatedHint(meant: string, rest: readonly string[]): string {
  const firstKept = rest.findIndex((word) => !LEADING_FILLER.has(plainWord(word)));
  const typed = firstKept < 0 ? [] : rest.slice(firstKept);
  if (meant.includes(" ")) return fill(meant, typed);
  // `clients` and `help` take nothing after them.
  if (meant === "clients" || !isCommand(meant)) return meant;
  if (typed.length === 0) return FORMS[meant];
  if (!ALIAS_ONLY.has(meant)) return [meant, ...typed].join(" ");
  return [meant, typed[0], ...typed.slice(1).filter((word) => word.startsWith("-"))].join(" ");
}

function isCommand(word: string): word is Command {
  return (THERAPIST_WORDS as readonly string[]).includes(word);
}

/** The command a word is one slip away from: a letter missing, extra, wrong or two swapped. */
function typoOf(head: string): Command | undefined {
  // Short words are one letter from too much ("age"/"ace"); they need the word itself.
  if (head.length < 4) return undefined;
  const close = THERAPIST_WORDS.filter((word) => word.length >= 4 && editDistance(head, word) <= 1);
  return close.length === 1 ? close[0] : undefined;
}

/**
 * The form with what the therapist typed in place of its placeholders (an alias, a number), in
 * order; a pause's days take all the words left ("holiday alex dec 24 - jan 2", "vacation alex 2 weeks").
 */
function fill(form: string, typed: readonly string[]): string {
  const [command = "", ...slots] = form.split(" ");
  const out = [command];
  let next = 0;
  for (const slot of slots) {
    const value = typed[next];
    const placeholder = /^[A-Z.|]+$/.test(slot);
    if (placeholder && value !== undefined) {
      const words = slot.includes("..") ? typed.slice(next) : [value];
      out.push(...words);
      next += words.length;
    } else out.push(slot);
  }
  return out.join(" ");
}
