import { MASK } from "./risk-tokens.js";

/** Masked words ("k*ll", "s#icide") as patterns for the walk of the risk tree (risk-tree.ts). */

const maskPatterns = new Map<string, RegExp>();

/**
 * A masked word as a pattern, each hidden run standing for one to three letters. Against a
 * whole word it must match all of it; against a prefix ("suicid*"), the prefix must be the
 * start of something the masked word could be ("s*icidal"), so every element after the first
 * is optional at the end.
 */
export function maskPattern(word: string, whole: boolean): RegExp {
  const key = `${whole ? "w" : "p"}${word}`;
  let pattern = maskPatterns.get(key);
  if (!pattern) {
    const elements = [...word].map((ch) =>
      ch === MASK ? "\\p{L}{1,3}" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
    const body = whole ? elements.join("") : elements.reduceRight((rest, el) => `(?:${el}${rest})?`, "");
    pattern = new RegExp(`^${body}$`, "u");
    if (maskPatterns.size > 10_000) maskPatterns.clear();
    maskPatterns.set(key, pattern);
  }
  return pattern;
}
