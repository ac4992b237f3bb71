import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type RiskLists, riskScreen } from "../../src/clinical/risk-screen.js";
import { riskListsSchema } from "../../src/prompts/schema.js";

// A disclosure that says an overdose or attempt is under way or just happened ("acute") gets an
// alert that says act now and a client line that says get emergency help now. an acute phrase said of the past is an ordinary disclosure.
const promptsDir = new URL("../../prompts/", import.meta.url);
const languages = ["en", "de", "es"];
const screen = riskScreen(
  languages.map(
    (language) =>
      riskListsSchema.parse(
        parse(readFileSync(new URL(`${language}/risk.yaml`, promptsDir), "utf8")),
      ) as RiskLists,
  ),
);

describe("acute disclosures", () => {
  it.each([
    "i took all my pills",
    "I've taken 30 pills tonight",
    "I cannot go on, I've taken a bottle of pills",
    "just swallowed a whole bottle of paracetamol",
    "swallowed the whole packet",
    "i just overdosed",
    "im on the bridge",
    "i cut too deep",
    "i cut myself and its bleeding a lot and i dont know what to do",
    "hab mich selbst geritzt, ich blute stark",
    "me corto y estoy sangrando mucho",
    "ich hab heut nacht so viele tabletten genommen wie ich gefunden hab",
    "hab alle meine tabletten geschluckt",
    "hab gerade eine überdosis genommen",
    "me tomé todas las pastillas",
    "me tome 20 pastillas",
    "acabo de tomarme un bote de pastillas",
    "acabo de tomar una sobredosis",
  ])("%s: a disclosure, happening now", (text) => {
    const found = screen.screen(text);
    expect(found?.tier).toBe("disclosure");
    expect(found?.acute).toBe(true);
  });

  it.each([
    // Past attempts are disclosures, not happening now.
    "i tried to overdose last year",
    "i took all my pills last year",
    "years ago i took all my pills",
    "i have overdosed before",
    "ich hab letztes jahr alle tabletten genommen",
    "hace dos años me tomé todas las pastillas",
    "me tomé todas las pastillas el año pasado",
    // Ordinary disclosures.
    "i want to kill myself",
    "ich will nicht mehr leben",
    "quiero suicidarme",
  ])("%s: a disclosure, not acute", (text) => {
    const found = screen.screen(text);
    expect(found?.tier).toBe("disclosure");
    expect(found?.acute).toBe(false);
  });

  // Taking one's medication is not a disclosure at all; the amount is what makes it one, and now.
  it.each([
    ["i took my meds", "i took all my meds"],
    ["i just took my pills", "i just took loads of pills"],
    ["took my tablets tonight", "took the whole bottle tonight"],
    ["ich hab gerade meine tabletten genommen", "ich hab gerade alle meine tabletten genommen"],
    ["me tomé mis pastillas", "me tomé todas mis pastillas"],
    ["acabo de tomar mis pastillas", "acabo de tomar todas mis pastillas"],
  ])("%s: not flagged; %s: acute", (harmless, acute) => {
    expect(screen.screen(harmless)).toBeUndefined();
    expect(screen.screen(acute)?.acute).toBe(true);
  });

  // Alone, words of bleeding or of a place say nothing of harm (a nosebleed, a period, a long
  // weekend: "puente"): an acute phrase only says how urgent a disclosure beside it is.
  it.each([
    "its bleeding a lot",
    "ich blute stark",
    "ich stehe auf der brücke",
    "estoy sangrando mucho",
    "estoy en el puente",
  ])("%s alone raises nothing", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });

  it("rejects a broken acute phrase at load, naming it", () => {
    const broken = { language: "en", disclosure: ["kill myself"], acute: ["took .."] };
    expect(() => riskListsSchema.parse(broken)).toThrow(/took \.\.\\" ?: must end with a word/);
  });
});
