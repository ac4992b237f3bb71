import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { shippedLists } from "./corpus.js";

/**
 * Messages as clients type them (test/fixtures/risk-corpus/en-risk.tsv, last
 * block), each missed before or read too softly: means at hand without "myself", looking up how
 * many pills, cutting and "sh" as verbs, an overdose said as "them", a plan, and harm to or from
 * others. CLINICAL.md makes each a disclosure; over-triggering is acceptable, so the everyday uses
 * of the same words are exceptions, never narrower phrases. Screened as rapport runs, every
 * shipped language at once.
 */
const screen = riskScreen([shippedLists("en"), shippedLists("de"), shippedLists("es")]);

describe("English disclosures once missed", () => {
  it.each([
    // Means at hand, stockpiled, looked up
    "i have the pills here",
    "got the pills ready",
    "pills are in front of me",
    "i have the pills",
    "i have a knife",
    "the razor is next to me",
    "my dad's gun is in the closet",
    "theres a gun in my dads closet",
    "i looked up how many pills",
    "googled how to tie a noose",
    // Self-harm without "myself"
    "i cut last night",
    "im cutting",
    "i want to cut",
    "i sh'd again",
    "been sh-ing every night",
    "im scared of what i might do",
    // A plan: CLINICAL.md lists it among disclosures
    "i have a plan",
    // Harm to others, and from them
    "i'm going to hit her",
    "im scared i'll hurt the baby",
    "he's going to kill me",
    "she hurts me",
    "if he finds out i told you hes going to kill me",
    "my husband is going to hurt me",
  ])("disclosure: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("disclosure");
  });

  it.each([
    "i took a bunch of them",
    "i just took everything in the cabinet",
    "i took 30 pills just now",
    "i swallowed them all",
    "took as many as i could find",
  ])("an overdose under way, a disclosure with the acute line: %s", (text) => {
    const found = screen.screen(text);
    expect(found?.tier).toBe("disclosure");
    expect(found?.acute).toBe(true);
  });

  it("an overdose said as them, in the past, is a disclosure but not acute", () => {
    const found = screen.screen("i took a bunch of them last year");
    expect(found?.tier).toBe("disclosure");
    expect(found?.acute).toBe(false);
  });
});

describe("everyday uses of the same words (exceptions)", () => {
  it.each([
    "i'm going to shoot him a message",
    "shoot me a text when you land",
    "ill shoot her an email tomorrow",
    "i'm going to hit her up later",
    "she beat me at chess again",
    "if mum finds out i dented the car shes going to kill me",
    "i have the pills for my headache",
    "my pills are ready for pickup at the pharmacy",
    "i bought a new knife for the kitchen",
    "I need to buy a razor",
    "i jumped the gun on that email",
    "i need to cut my hair",
    "im cutting carbs this month",
    "i cut class yesterday",
    "i'm going to cut him off, he's toxic",
    "the cat shed again all over the sofa",
    "i took a bunch of them to the park",
    "i took 2 of them with food",
    "i have a plan for the weekend",
    "i think i overdosed on christmas films this weekend haha",
  ])("not flagged: %s", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });
});
