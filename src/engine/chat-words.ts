import type { ChatWords } from "../prompts/schema.js";
import { plainWords } from "./checkin/score-input.js";

/**
 * Reads a chat word and its arguments from a message. The same words work on every platform,
 * with or without a leading slash, and Telegram's "/start@botname CODE" form.
 */
export const THERAPIST_WORDS = [
  "link",
  "invite",
  "checkin",
  "summary",
  "chart",
  "clients",
  "schedule",
  "discharge",
  "age",
  "seen",
  "session",
  "timezone",
  "pause",
  "contact",
  "summaries",
  "instruments",
  "language",
] as const;
export const CLIENT_WORDS = ["start", "stop", "mydata", "forget"] as const;
export const SHARED_WORDS = ["help"] as const;

type ChatWord =
  | (typeof THERAPIST_WORDS)[number]
  | (typeof CLIENT_WORDS)[number]
  | (typeof SHARED_WORDS)[number];

const ALL_WORDS: ReadonlySet<string> = new Set([...THERAPIST_WORDS, ...CLIENT_WORDS, ...SHARED_WORDS]);

export interface ParsedWord {
  word: ChatWord;
  args: string[];
}

/** The client words a language pack names in its own words ("pause", "my data", "stopp"). */
const LOCAL_WORDS = ["stop", "start", "help", "mydata", "forget"] as const;

/**
 * The chat word of a message: rapport's own words (with or without a slash) with their
 * arguments, or a whole message that is one of the language's own control words ("my data",
 * "pause", "/pause") with none.
 */
export function parseChatWord(text: string, words?: ChatWords): ParsedWord | undefined {
  const parts = text.trim().split(/\s+/);
  const head = (parts[0] ?? "").replace(/^\//, "").replace(/@\w+$/, "").toLowerCase();
  // A phone turns "--" into a dash ("—erase"): read as the option it was typed as.
  const args = parts
    .slice(1)
    .filter((p) => p.length > 0)
    .map((p) => p.replace(/^[\u2013\u2014\u2212](?=\p{L})/u, "--"));
  if (ALL_WORDS.has(head)) return { word: head as ChatWord, args };
  return words ? localWord(text, words) : undefined;
}

/** A whole message that is one of the language's control words ("pause" is stop, for a client). */
export function localWord(text: string, words: ChatWords): ParsedWord | undefined {
  const said = plainWords(text.trim().replace(/^\//, "").replace(/@\w+$/, ""));
  const word = LOCAL_WORDS.find((w) => words[w].some((phrase) => phrase.toLowerCase() === said));
  return word ? { word, args: [] } : undefined;
}

export function isTherapistWord(word: ChatWord): boolean {
  return (THERAPIST_WORDS as readonly string[]).includes(word);
}
