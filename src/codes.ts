import { createHash, randomInt } from "node:crypto";

/**
 * One-time link and invite codes: 12 characters of Crockford base32 (60 bits), shown in groups
 * of four. Only a hash is stored, so a copy of the database does not hand out working codes.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 12;

export function newCode(pick: (n: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[pick(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Tolerates the mistakes people make when typing a code: case, spaces, dashes, I/L for 1, O for 0. */
export function normaliseCode(raw: string): string | undefined {
  const code = raw.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (code.length !== LENGTH) return undefined;
  for (const ch of code) if (!ALPHABET.includes(ch)) return undefined;
  return code;
}

/**
 * The code among a command's words: a code typed in its groups with spaces ("start TBV0 QY2P
 * YSRX") is one code; otherwise the first word is.
 */
export function codeArgument(args: readonly string[]): string | undefined {
  const words = codeWordCount(args);
  return words > 0 ? args.slice(0, words).join(" ") : undefined;
}

/** How many of a command's first words are its code: all of them when typed in groups, else one. */
export function codeWordCount(args: readonly string[]): number {
  if (args.length > 1 && normaliseCode(args.join(" "))) return args.length;
  return Math.min(args.length, 1);
}

/**
 * A code inside a message from someone rapport does not know yet ("hi start K7QM-2XRD-9HWP",
 * "Dr Rivera asked me to send this: start K7QM-2XRD-9HWP", the code alone): as shown, in dashed
 * groups, or in groups or one word with a digit in it, and a letter, so that "have been very",
 * "appointments" (letters a code may have) or a phone number is no code.
 */
export function codeInText(text: string): string | undefined {
  const grouped =
    /(?<![\p{L}\p{N}])([\p{L}\p{N}]{4})([-\s])([\p{L}\p{N}]{4})\2([\p{L}\p{N}]{4})(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(grouped)) {
    if ((m[2] === "-" || /\d/u.test(m[0])) && /\p{L}/u.test(m[0])) {
      const code = normaliseCode(m[0]);
      if (code) return m[0];
    }
  }
  for (const word of text.split(/[\s,.!?:;()"']+/u)) {
    if (/\d/u.test(word) && /\p{L}/u.test(word) && normaliseCode(word)) return word;
  }
  return undefined;
}

export function hashCode(normalised: string): string {
  return createHash("sha256").update(`rapport-code:${normalised}`).digest("hex");
}
