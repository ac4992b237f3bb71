import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { slipsNeeded } from "../../src/clinical/risk-slip-needed.js";
import { tokenize } from "../../src/clinical/risk-tokens.js";
import { PhraseTree, type TerminalKind } from "../../src/clinical/risk-tree.js";
import { typoCorrector } from "../../src/clinical/risk-typos.js";
import { harmlessMessages, riskMessages, shippedLists } from "./corpus.js";

/**
 * A slip whose corrected word no phrase can read beside its neighbours is not read again
 * (risk-slip-needed.ts). The hits must be those of reading again around every slip: on every
 * corpus message with each of its longer words slipped in three ways, alone and inside prose.
 */
const lists = ["en", "de", "es"].map(shippedLists);
const screen = riskScreen(lists);
const everySlip = riskScreen(lists, { everySlip: true });

const tree = new PhraseTree();
for (const list of lists) {
  tree.setForms(list.language, list);
  const kinds: [readonly string[] | undefined, TerminalKind][] = [
    [list.disclosure, "disclosure"],
    [list.acute, "acute"],
    [list.acute_exceptions, "acute_exception"],
    [list.concern, "concern"],
    [list.exceptions, "exception"],
  ];
  for (const [phrases, kind] of kinds) for (const p of phrases ?? []) tree.add(kind, list.language, p);
}
const corrector = typoCorrector(tree.root);
const needed = slipsNeeded(tree.root, corrector);

/** The slips of a text, as the first reading finds them, and those the rule keeps. */
function slipsOf(text: string): { all: number[]; kept: readonly number[] } {
  const all: number[] = [];
  tokenize(
    text,
    () => true,
    (word, start) => {
      if (corrector.correct(word) !== word) all.push(start);
      return word;
    },
  );
  return { all, kept: needed(text, all) };
}

/** Each word of four letters or more with two letters swapped, one left out, one added. */
function slipped(text: string): string[] {
  const words = text.split(" ");
  return words.flatMap((w, i) => {
    if (w.length < 4) return [];
    const at = (form: string) => [...words.slice(0, i), form, ...words.slice(i + 1)].join(" ");
    return [
      at(w.charAt(0) + w.charAt(2) + w.charAt(1) + w.slice(3)),
      at(w.slice(0, 2) + w.slice(3)),
      at(`${w.slice(0, 2)}e${w.slice(2)}`),
    ];
  });
}

const prose = "Work was a long week at wrok and the kids were lovley, we went to the park on sunday. ";

describe("slips a phrase cannot read", () => {
  it("are passed over where the word meant has no phrase with its neighbours", () => {
    // "friend" is read as "friends", which the lists have only after "my".
    expect(slipsOf("i saw a friend today").kept).toEqual([]);
    const text = "all my friend would be better off";
    expect(slipsOf(text).kept).toEqual([text.indexOf("friend")]);
  });

  it("are read where a phrase goes on through a meeting point of its alternatives", () => {
    const text = "i could just step out in front of smoething";
    expect(slipsOf(text).kept).toEqual([text.indexOf("smoething")]);
  });

  it("are all read again when one correction changes the words' count", () => {
    const text = "i saw a friend today and i cnat go on";
    const { all, kept } = slipsOf(text);
    expect(all).toHaveLength(2);
    expect(kept).toEqual(all);
  });

  const texts = ["en", "de", "es"].flatMap((language) => [
    ...riskMessages(`${language}-risk.tsv`).map((m) => m.text),
    ...harmlessMessages(`${language}-harmless.tsv`).map((m) => m.text),
  ]);
  const variants = texts.flatMap(slipped);

  it(`change no hit in ${variants.length} corpus messages with a slip, alone and inside prose`, () => {
    const hits = (s: typeof screen, text: string) => JSON.stringify(s.screen(text));
    const differ = variants.filter(
      (text) =>
        hits(screen, text) !== hits(everySlip, text) ||
        hits(screen, `${prose}${text} ${prose}`) !== hits(everySlip, `${prose}${text} ${prose}`),
    );
    expect(differ).toEqual([]);
  });

  it("pass over most of the harmless corpus's slips", () => {
    const { all, kept } = slipsOf(
      harmlessMessages("en-harmless.tsv")
        .map((m) => m.text)
        .join(". "),
    );
    expect(all.length).toBeGreaterThan(15);
    expect(kept.length).toBeLessThan(all.length / 2);
  });
});
