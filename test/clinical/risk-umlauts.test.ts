import { describe, expect, it } from "vitest";
import { compilePhrase } from "../../src/clinical/risk-phrases.js";
import { riskScreen } from "../../src/clinical/risk-screen.js";

// German is typed with umlauts, with ae/oe/ue for them, or with the plain vowel; ß as ss or s.
// The text cannot be folded from "ae" to "a" (Mauer, blue, puedo), so a list entry with an
// umlaut offers the ae spelling too (risk-phrases.ts); the plain vowel and ß the folding reads.
function screenOf(entry: string) {
  return riskScreen([{ language: "de", disclosure: [entry], concern: [], exceptions: [] }]);
}

describe("umlauts in list entries", () => {
  it.each([
    "ich möchte nicht mehr",
    "ich moechte nicht mehr",
    "ich mochte nicht mehr",
    "ICH MÖCHTE NICHT MEHR",
    "Ich Moechte nicht mehr",
  ])("möchte nicht mehr matches %s", (text) => {
    expect(screenOf("möchte nicht mehr").screen(text)?.words).toHaveLength(1);
  });

  it("matches every umlaut of a run in one spelling, inside braces and outside", () => {
    const screen = screenOf("{würde|will} mich .. {töten|umbringen} für {dich|euch} über alles");
    expect(screen.screen("ich wuerde mich gern toeten fuer dich ueber alles")).toBeDefined();
    expect(screen.screen("ich würde mich gern töten für dich über alles")).toBeDefined();
    expect(screen.screen("ich wurde mich gern toten fur dich uber alles")).toBeDefined();
  });

  it("reads ß, ss and s alike, without a second spelling", () => {
    const screen = screenOf("schluss mit allem");
    for (const text of ["Schluß mit allem", "schluss mit allem", "schlus mit allem"]) {
      expect(screen.screen(text), text).toBeDefined();
    }
    expect(compilePhrase("schluss mit allem").slots[0]).toHaveLength(1);
  });

  it("leaves entries without umlauts as they were", () => {
    const plain = compilePhrase("{kill|killing} myself");
    expect(plain.slots.map((slot) => slot.length)).toEqual([2, 1]);
    const german = compilePhrase("{tödlich|sicher} dosis");
    expect(german.slots.map((slot) => slot.length)).toEqual([3, 1]);
  });

  it("does not read ae in a text as an umlaut where the entry has none", () => {
    // No spelling with the plain vowel is added to "mauer" or "blue". The screen still flags "maur
    // springen": a letter missing is a typing slip, read as "mauer" (risk-typos.ts), not as an umlaut.
    expect(compilePhrase("mauer springen").slots.map((slot) => slot.length)).toEqual([1]);
    expect(compilePhrase("blue whale").slots.map((slot) => slot.length)).toEqual([1]);
    expect(screenOf("mauer springen").screen("mar springen")).toBeUndefined();
  });
});
