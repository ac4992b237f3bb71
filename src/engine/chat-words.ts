/**
 * Reads a chat word and its arguments from a message. The same words work on every platform,
 * with or without a leading slash, and Telegram's "/start@botname CODE" form.
 */
export const THERAPIST_WORDS = [
  "link",
  "invite",
  "checkin",
  "summary",
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
] as const;
export const CLIENT_WORDS = ["start", "stop", "mydata", "forget"] as const;
export const SHARED_WORDS = ["help"] as const;

export type ChatWord =
  | (typeof THERAPIST_WORDS)[number]
  | (typeof CLIENT_WORDS)[number]
  | (typeof SHARED_WORDS)[number];

const ALL_WORDS: ReadonlySet<string> = new Set([...THERAPIST_WORDS, ...CLIENT_WORDS, ...SHARED_WORDS]);

export interface ParsedWord {
  word: ChatWord;
  args: string[];
}

export function parseChatWord(text: string): ParsedWord | undefined {
  const parts = text.trim().split(/\s+/);
  const head = (parts[0] ?? "").replace(/^\//, "").replace(/@\w+$/, "").toLowerCase();
  if (!ALL_WORDS.has(head)) return undefined;
  return { word: head as ChatWord, args: parts.slice(1).filter((p) => p.length > 0) };
}

export function isTherapistWord(word: ChatWord): boolean {
  return (THERAPIST_WORDS as readonly string[]).includes(word);
}

/** An alias is the therapist's own short name for a client: no real names needed. */
// Combining marks (\p{M}) are part of letters in many scripts (Devanagari vowel signs, "İ" lower-cased).
const ALIAS = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]{0,31}$/u;

export function normaliseAlias(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const alias = raw.normalize("NFC").toLowerCase();
  return ALIAS.test(alias) ? alias : undefined;
}
