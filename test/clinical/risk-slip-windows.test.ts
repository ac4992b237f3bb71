import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { slipWindows, slipWithin } from "../../src/clinical/risk-slip-windows.js";
import { riskMessages, shippedLists } from "./corpus.js";

/**
 * The second reading with typing slips corrected reads only the words around each slip
 * (risk-slip-windows.ts). What it finds in a message must not depend on how far the text runs
 * around it: the message between one harmless sentence on each side, and between thousands of
 * words of the same, gives the same hits.
 */
const screen = riskScreen(["en", "de", "es"].map(shippedLists));

/** A harmless sentence with slips of its own ("wrok", "lovley"), so that every text is read twice. */
const prose = "Work was a long week at wrok and the kids were lovley, we went to the park on sunday. ";
/** Over two thousand words: the sentence, then the same without slips, so a slip's stretch is far from either end. */
const pad =
  prose +
  "Work was a long week at work and the kids were lovely, we went to the park on sunday. ".repeat(120);

/** Two letters inside the message's longest word swapped, as a hurried thumb does. */
function slipped(text: string): string {
  const longest = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), "");
  if (longest.length < 5) return text;
  const swapped = longest.charAt(0) + longest.charAt(2) + longest.charAt(1) + longest.slice(3);
  return text.replace(longest, swapped);
}

const hitsOf = (text: string) => {
  const found = screen.screen(text);
  return found && { tier: found.tier, acute: found.acute, hits: found.hits, words: found.words };
};

describe("the second reading around slips", () => {
  it("the padding alone raises nothing", () => {
    expect(screen.screen(pad)).toBeUndefined();
  });

  const messages = ["en", "de", "es"].flatMap((language) =>
    riskMessages(`${language}-risk.tsv`).flatMap((m) => [m.text, slipped(m.text)]),
  );

  it(`finds the same in ${messages.length} risk messages, as typed and with a slip, far inside a long text`, () => {
    const differ = messages.filter((text) => {
      const near = JSON.stringify(hitsOf(`${prose}${text} ${prose}`));
      return JSON.stringify(hitsOf(`${pad}${text} ${pad}`)) !== near;
    });
    expect(differ).toEqual([]);
  });

  it("finds a misspelt phrase at the end of a long text, with the words as typed", () => {
    expect(screen.screen(`${pad}honestly i cant do it anymroe`)?.words).toEqual(["cant do it anymroe"]);
  });

  it("counts only written words with a letter or digit: emoji between a phrase's words stretch nothing", () => {
    const emoji = " 😩".repeat(70);
    const text = `${pad}honestly i cant do it${emoji} anymroe ${pad}`;
    expect(screen.screen(text)?.hits.map((h) => h.phrase)).toEqual([
      "{can not|cannot|cant} {do|take|handle|cope with} {this|it|any of this|life|this life} {anymore|any more|much longer|for much longer}",
    ]);
  });

  it("reads from as far before a slip as an exception may start: one that clears a match through it still does", () => {
    // "if i didnt eixst" is a concern only through the slip; "as if i didnt exist" clears it, from a word before.
    expect(screen.screen(`${pad}i wish i didnt eixst ${pad}`)?.words).toEqual(["wish i didnt eixst"]);
    expect(screen.screen(`${pad}they act as if i didnt eixst ${pad}`)).toBeUndefined();
    expect(screen.screen(`${pad}they act as if i didnt eixst, i wish i didnt eixst ${pad}`)?.words).toEqual([
      "wish i didnt eixst",
    ]);
  });
});

describe("slipWindows", () => {
  const text = "one two three four five six seven eight nine ten";
  const at = (word: string) => text.indexOf(word);

  it("takes the given number of written words on each side, starting and ending between words", () => {
    const [w] = slipWindows(text, [at("five")], 2);
    expect(text.slice(w?.from, w?.to)).toBe("three four five six seven");
  });

  it("does not count a written word without a letter or a digit", () => {
    const spaced = "one two 😩 three ... four five six";
    const [w] = slipWindows(spaced, [spaced.indexOf("four")], 2);
    expect(spaced.slice(w?.from, w?.to)).toBe("two 😩 three ... four five six");
  });

  it("joins stretches that overlap, and keeps every slip", () => {
    const windows = slipWindows(text, [at("two"), at("four"), at("ten")], 1);
    expect(windows.map((w) => text.slice(w.from, w.to))).toEqual(["one two three four five", "nine ten"]);
    expect(windows[0]?.slips).toEqual([at("two"), at("four")]);
  });

  it("says whether a slip begins inside a stretch", () => {
    const slips = [3, 40, 900];
    expect(slipWithin(slips, 0, 4)).toBe(true);
    expect(slipWithin(slips, 4, 40)).toBe(false);
    expect(slipWithin(slips, 41, 901)).toBe(true);
    expect(slipWithin(slips, 901, 2000)).toBe(false);
  });
});
