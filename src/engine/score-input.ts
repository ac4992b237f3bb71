/**
 * Reads a typed score. Accepts "7", " 7 ", "7.5", "7,5" and "7/10"; anything else (words,
 * out-of-range numbers, more than one decimal, long pastes) is refused so the client is asked again.
 */
export type ScoreInput = { ok: true; value: number } | { ok: false };

const SCORE = /^(\d{1,2})(?:[.,](\d))?(?:\s*\/\s*(\d{1,2}))?$/;

export function parseScore(text: string, min: number, max: number): ScoreInput {
  if (text.length > 20) return { ok: false };
  const match = SCORE.exec(text.trim());
  if (!match) return { ok: false };
  const [, whole, tenth, outOf] = match;
  if (outOf !== undefined && Number(outOf) !== max) return { ok: false };
  const value = Number(whole) + (tenth ? Number(tenth) / 10 : 0);
  if (value < min || value > max) return { ok: false };
  return { ok: true, value };
}

/** Yes/no for consent; the choice values are "yes" and "no". */
export function parseYesNo(text: string): "yes" | "no" | undefined {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  if (["yes", "y", "yes, i agree", "i agree", "agree", "ok", "okay"].includes(word)) return "yes";
  if (["no", "n", "no, thanks", "no thanks", "no thank you"].includes(word)) return "no";
  return undefined;
}
