import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { oneSlip } from "../../src/clinical/risk-typos.js";
import { shippedLists } from "./corpus.js";

/**
 * Typing slips in risk messages (risk-typos.ts): a word the lists do not know that is one slip
 * from one word of theirs is read as that word in a second reading, and what either reading flags
 * counts.
 */
const screen = riskScreen(["en", "de", "es"].map(shippedLists));

describe("typing slips", () => {
  it.each([
    ["cant do ths anymore", "concern"],
    ["cnat do this anymore", "concern"],
    ["i cant do it anymroe", "concern"],
    ["everyone wud be better off", "concern"],
    ["what if i just didnt wake up", "concern"],
    ["i want to kil mself", "disclosure"],
    ["whats the ponit anymore", "concern"],
    ["ich kann nciht mehr", "concern"],
    ["quiero moirme", "disclosure"],
    ["me quiero mtar", "disclosure"],
  ])("flags %j", (text, tier) => {
    expect(screen.screen(text)?.tier).toBe(tier);
  });

  it("shows the client's words as typed", () => {
    expect(screen.screen("cnat do this anymore")?.words).toEqual(["cnat do this anymore"]);
  });

  it("reads a missing letter, swapped neighbours, or a letter too many inside a longer word", () => {
    expect(oneSlip("evryone", "everyone")).toBe(true);
    expect(oneSlip("cnat", "cant")).toBe(true);
    expect(oneSlip("anymoree", "anymore")).toBe(true);
  });

  it("does not read a letter for another, a first letter more or less, or a letter too many on a short word", () => {
    expect(oneSlip("bills", "pills")).toBe(false);
    expect(oneSlip("sending", "ending")).toBe(false);
    expect(oneSlip("early", "nearly")).toBe(false);
    expect(oneSlip("diet", "die")).toBe(false);
  });

  it.each([
    "i took my bills to the post office",
    "i want to diet before the summer",
    "i will be sending it tonight",
    "we are changing ourselves for the better",
  ])("leaves everyday words alone: %j", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });

  it("lets an exception clear only the reading it matches in", () => {
    // Both readings hold the idiom: nothing is flagged, though "evryone" made a second reading.
    expect(screen.screen("evryone was killing myself laughing")).toBeUndefined();
    // As written, "laughign" leaves "killing myself" uncovered: that reading's match stands.
    expect(screen.screen("i was killing myself laughign")?.tier).toBe("disclosure");
  });
});
