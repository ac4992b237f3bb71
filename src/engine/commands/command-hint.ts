import { editDistance } from "../../edit-distance.js";
import { THERAPIST_WORDS } from "../chat-words.js";

// Shared with the clinic config's hints; exported here too, where the engine and its tests take it.
export { editDistance };

type Command = (typeof THERAPIST_WORDS)[number];

/**
 * What a therapist probably meant by a message that is no command: a typo of one ("summry alex",
 * "chekin alex") or a word from other tools ("erase alex", "resume alex", "ack 3"). The hint is
 * the command written out with what they typed after it, so the reply can be copied as it is.
 * Nothing is run on a guess: erasing or sending a check-in on a misread word would be worse.
 */

/** Words people reach for, and the command that does it; ALIAS and N are filled from the message. */
const SYNONYMS: Readonly<Record<string, string>> = {
  erase: "discharge ALIAS --erase",
  delete: "discharge ALIAS --erase",
  remove: "discharge ALIAS --erase",
  resume: "pause ALIAS off",
  unpause: "pause ALIAS off",
  holiday: "pause ALIAS FROM..TO",
  vacation: "pause ALIAS FROM..TO",
  ack: "seen N",
  acknowledge: "seen N",
  list: "clients",
  caseload: "clients",
  status: "clients",
  overview: "clients",
  // The weekly digest and a client's export come from the clinic's server (rapport export); in
  // the chat, the caseload and a client's whole history are what is there.
  digest: "clients",
  export: "summary ALIAS --all",
  download: "summary ALIAS --all",
  graph: "chart ALIAS",
  plot: "chart ALIAS",
  send: "checkin ALIAS",
  ask: "checkin ALIAS",
  "check-in": "checkin ALIAS",
  add: "invite ALIAS",
  enrol: "invite ALIAS",
  enroll: "invite ALIAS",
  report: "summary ALIAS",
  scores: "summary ALIAS",
  history: "summary ALIAS --all",
  tz: "timezone ALIAS ZONE",
  lang: "language ALIAS CODE",
};

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
  pause: "pause ALIAS FROM..TO",
  contact: "contact ALIAS TEXT",
  summaries: "summaries compact|full",
  instruments: "instruments ALIAS LIST",
  language: "language ALIAS CODE",
};

export function commandHint(text: string): string | undefined {
  const [rawHead = "", ...rest] = text.trim().split(/\s+/);
  const head = rawHead.replace(/^\//, "").toLowerCase();
  if (head.length < 2 || head.length > 20) return undefined;
  const synonym = SYNONYMS[head];
  if (synonym) return fill(synonym, rest);
  // A command split in two, as phones' autocorrect writes it: "check in jordan", "time zone alex".
  const [second = "", ...after] = rest;
  const joined = `${head}${second.toLowerCase()}`;
  if (second && isCommand(joined)) return after.length > 0 ? [joined, ...after].join(" ") : FORMS[joined];
  const command = typoOf(head);
  if (!command) return undefined;
  // A typo's arguments were meant for that command: kept as typed, or its form when there are none.
  return rest.length > 0 ? [command, ...rest].join(" ") : FORMS[command];
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

/** The form with what the therapist typed in place of its placeholders (an alias, a number), in order. */
function fill(form: string, typed: readonly string[]): string {
  const [command = "", ...slots] = form.split(" ");
  const out = [command];
  let next = 0;
  for (const slot of slots) {
    const value = typed[next];
    const placeholder = /^[A-Z.]+$/.test(slot);
    if (placeholder && value !== undefined) {
      out.push(value);
      next++;
    } else out.push(slot);
  }
  return out.join(" ");
}
