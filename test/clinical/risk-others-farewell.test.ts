import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { shippedLists } from "./corpus.js";

/**
 * Disclosures a trial typed as a client and got the ordinary reply for (or only the safety
 * question): a lethal dose asked, violence towards another person ("danger from or to others"),
 * a method researched unnamed, a farewell, and jumping as the method. CLINICAL.md makes each a
 * disclosure (method, intent, harm to others, preparations such as goodbyes); over-triggering is
 * acceptable, so the everyday uses of the same words are exceptions, never narrower phrases.
 * Screened as rapport runs, every shipped language at once; the same sentences are in
 * test/fixtures/risk-corpus/{en,de,es}-{risk,harmless}.tsv.
 */
const screen = riskScreen([shippedLists("en"), shippedLists("de"), shippedLists("es")]);

describe("disclosures once missed: a dose asked, harm to others, a method researched, a farewell, jumping", () => {
  it.each([
    "how many pills would it take",
    "i'm going to beat the shit out of him",
    "gonna beat the crap out of him",
    "i'm going to smash his face in",
    "i want him dead",
    "i wish he was dead",
    "i've been researching ways",
    "bye everyone",
    "i'm saying goodbye",
    "i'm thinking of jumping",
    "gonna jump",
    // As people type them
    "how many pils wud it take",
    "i wanna beat the shit outta him",
    "he beat the crap out of me again last night",
    "bye evryone",
    "bye everyone see you in the next life",
    "ich schlag ihn tot",
    "ich hau ihm die fresse ein",
    "ich wünschte er wär tot",
    "wie viele tabletten würde es brauchen",
    "ich recherchiere methoden",
    "tschüss an alle",
    "ich verabschiede mich",
    "ich will springen",
    "le voy a partir la cara",
    "lo kiero muerto",
    "ojala q se muera",
    "cuantas pastillas tendria que tomarme",
    "he estado investigando formas",
    "chao a todos",
    "me estoy despidiendo",
    "quiero tirarme",
  ])("disclosure: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("disclosure");
  });
});

describe("everyday uses of the same words (exceptions)", () => {
  it.each([
    "beat him at chess again last night",
    "i could kill for a coffee right now",
    "bye everyone see you monday",
    "im researching ways to save money for the holiday",
    "researching methods for my dissertation",
    "thinking of jumping on a call with my manager",
    "wanna jump on a call tomorrow",
    "i want him dead quiet during the exam so he can focus",
    "the wasps are back in the loft and i want them dead",
    "that workout kicked the crap out of me",
    "how much insulin does it take to bring my sugar down",
    "im saying goodbye to my old flat this weekend",
    "wir mussten am bahnhof die zeit totschlagen",
    "ich recherchiere methoden für meine bachelorarbeit",
    "tschüss zusammen, bis morgen",
    "ich verabschiede mich ins wochenende",
    "le voy a dar una paliza al fifa esta noche",
    "ojala se muera de envidia cuando me vea",
    "estoy investigando formas de ahorrar para el viaje",
    "me despido atentamente",
    "quiero saltar en paracaidas este verano",
  ])("not flagged: %s", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });
});
