import { squeeze } from "./risk-canonical.js";
import { canonicalWords, MASK } from "./risk-tokens.js";

/**
 * The small pattern language of the risk lists (prompts/<language>/risk.yaml). A clinic's
 * clinician can read and extend it without knowing regular expressions:
 *
 * - words are compared after the same canonical steps as the text (risk-tokens.ts), so
 *   "don't want to live" also matches "dont wanna live" and "do not want to live";
 * - `word*` matches any word that starts with word ("suicid*": suicide, suicidal);
 * - `{a|b|c}` is one of the alternatives, each one or more words, or nothing (`{really|}`);
 * - `..` stands for up to three other words ("took .. pills": "took all my pills");
 * - `#` stands for a number written in digits ("took # pills": "took 30 pills");
 * - an ä, ö or ü also matches ae, oe or ue, as people type without the keys ("möchte":
 *   "moechte"; "mochte" reads the same as "möchte" already, since the folding drops the dots);
 * - a word of one of the pack's `spellings` groups matches every word of its group (German
 *   "nicht" also "nich", "eine" also "ne"): chat forms one language writes and another would misread
 *   ("is" is "ist" only in German), so they are the pack's, not the text's (risk-spellings.ts).
 *
 * A phrase compiles to slots: each slot is a list of alternatives, each alternative a run of
 * parts. Alternatives are not multiplied out, so a phrase with many of them stays small.
 */

export type PhrasePart =
  | { kind: "word"; word: string }
  | { kind: "prefix"; prefix: string }
  | { kind: "number" }
  | { kind: "gap"; max: number };

export type Slot = PhrasePart[][];

export interface CompiledPhrase {
  /** As written in the list, for the alert and the tests. */
  phrase: string;
  slots: Slot[];
}

export class PhraseError extends Error {}

/** A pack's ways of writing one word, each canonical word to every word of its group. */
export type Spellings = ReadonlyMap<string, readonly string[]>;

const NO_SPELLINGS: Spellings = new Map();
/** Words of a run with other spellings multiply its forms: past this, a list is better written out. */
const MAX_FORMS = 64;

/**
 * A pack's `spellings` groups ("nicht, nich, net") as a look-up, groups that share a word joined
 * into one; throws on a group word that is not one word.
 */
export function spellingsOf(groups: readonly (readonly string[])[]): Spellings {
  const map = new Map<string, string[]>();
  for (const group of groups) {
    const words = group.map((written) => {
      const canonical = canonicalWords(written);
      if (canonical.length !== 1) throw new PhraseError(`spelling "${written}" must be one word`);
      return canonical[0] as string;
    });
    const all = [...new Set(words.flatMap((word) => map.get(word) ?? [word]))];
    for (const word of all) map.set(word, all);
  }
  return map;
}

const GAP = "..";
const NUMBER = "#";
const GAP_WORDS = 3;
const MIN_PREFIX = 3;
/** Words too common to make a phrase on their own, in canonical form. */
const FUNCTION_WORDS = new Set([
  "i",
  "a",
  "an",
  "the",
  "to",
  "of",
  "in",
  "on",
  "at",
  "and",
  "or",
  "it",
  "is",
  "you",
  "my",
]);

/**
 * One phrase of a list; throws PhraseError saying what is wrong. The pack's spellings are added
 * after the phrase is checked as written, so another spelling never makes a phrase invalid.
 */
export function compilePhrase(phrase: string, spellings: Spellings = NO_SPELLINGS): CompiledPhrase {
  const slots: Slot[] = [];
  let rest = phrase.trim();
  while (rest.length > 0) {
    const open = rest.indexOf("{");
    const plain = open < 0 ? rest : rest.slice(0, open);
    if (plain.includes("}") || plain.includes("|")) throw new PhraseError("a } or | without its {");
    if (plain.trim()) slots.push(umlautSpellings(plain).map(compileRun));
    if (open < 0) break;
    const close = rest.indexOf("}", open);
    if (close < 0) throw new PhraseError("a { without its }");
    const inner = rest.slice(open + 1, close);
    if (inner.includes("{")) throw new PhraseError("alternatives cannot be nested");
    const alternatives = inner.split("|").flatMap(umlautSpellings).map(compileRun);
    if (alternatives.every((a) => a.length === 0)) throw new PhraseError("{} needs at least one alternative");
    slots.push(alternatives);
    rest = rest.slice(close + 1);
  }
  check(slots);
  return {
    phrase,
    slots: spellings.size === 0 ? slots : slots.map((slot) => withSpellings(slot, spellings)),
  };
}

/** A slot's alternatives with every other spelling of their words, each distinct run once. */
function withSpellings(slot: Slot, spellings: Spellings): Slot {
  const runs = new Map<string, PhrasePart[]>();
  for (const alternative of slot) {
    let forms: PhrasePart[][] = [[]];
    for (const part of alternative) {
      const others = part.kind === "word" ? spellings.get(part.word) : undefined;
      const choices: PhrasePart[] = others ? others.map((word) => ({ kind: "word", word })) : [part];
      forms = forms.flatMap((form) => choices.map((choice) => [...form, choice]));
      if (forms.length > MAX_FORMS) throw new PhraseError("too many words with other spellings in one run");
    }
    for (const form of forms) runs.set(JSON.stringify(form), form);
  }
  return [...runs.values()];
}

const UMLAUT = /[äöüÄÖÜ]/g;
const DIGRAPH: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue" };

/**
 * A run of a list entry as written, and with ae, oe, ue for its umlauts when it has any: the text
 * "moechte" cannot be folded to "mochte" (in "Mauer" or "blue" the letters are no umlaut), so
 * the list entry offers both spellings instead. ß needs nothing: it folds to ss, as typed.
 */
function umlautSpellings(run: string): string[] {
  const composed = run.normalize("NFC");
  if (!composed.match(UMLAUT)) return [run];
  return [run, composed.replace(UMLAUT, (c) => DIGRAPH[c] ?? c)];
}

/**
 * A phrase must begin and end with a word: a ".." at either end, reachable past optional
 * alternatives, would let it match anything around it; nor may it match no word at all.
 */
function check(slots: readonly Slot[]): void {
  const optional = (slot: Slot) => slot.some((alt) => alt.length === 0);
  if (slots.every(optional)) throw new PhraseError("has no word that must be there");
  // "#", "i" or "{the|to}" would match nearly every message: a phrase needs a word of substance.
  const substantial = (alt: PhrasePart[]) =>
    alt.some((p) => p.kind === "prefix" || (p.kind === "word" && !FUNCTION_WORDS.has(p.word)));
  // Only a phrase some form of which is nothing but small words (every slot offering one) is refused.
  if (slots.every((slot) => slot.some((alt) => !substantial(alt)))) {
    throw new PhraseError("needs a word that is not a number or a small word like i, the or to");
  }
  for (const slot of slots) {
    if (slot.some((alt) => alt[0]?.kind === "gap")) throw new PhraseError(`must start with a word, not ".."`);
    if (!optional(slot)) break;
  }
  for (const slot of [...slots].reverse()) {
    if (slot.some((alt) => alt.at(-1)?.kind === "gap"))
      throw new PhraseError(`must end with a word, not ".."`);
    if (!optional(slot)) break;
  }
}

/** Words between braces or outside them, canonicalised together ("my self" joins as in a text). */
function compileRun(run: string): PhrasePart[] {
  const parts: PhrasePart[] = [];
  let plain: string[] = [];
  const flush = () => {
    for (const word of canonicalWords(plain.join(" "))) {
      if (word.includes(MASK)) throw new PhraseError("a phrase cannot contain a masked word");
      parts.push({ kind: "word", word });
    }
    plain = [];
  };
  for (const word of run.split(" ").filter(Boolean)) {
    if (word === GAP) {
      flush();
      parts.push({ kind: "gap", max: GAP_WORDS });
    } else if (word === NUMBER) {
      flush();
      parts.push({ kind: "number" });
    } else if (word.endsWith("*")) {
      flush();
      const stem = [...canonicalWords(word.slice(0, -1))];
      const prefix = stem.pop();
      if (!prefix || squeeze(prefix).length < MIN_PREFIX) {
        throw new PhraseError(`"${word}": a word ending in * needs at least ${MIN_PREFIX} letters before it`);
      }
      for (const w of stem) parts.push({ kind: "word", word: w });
      parts.push({ kind: "prefix", prefix });
    } else {
      plain.push(word);
    }
  }
  flush();
  return parts;
}
