import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importQuestionnaire } from "../../src/instruments/fhir-import.js";
import { readProfiles } from "../../src/instruments/profiles.js";
import { cutNames } from "../../src/instruments/short-names.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";
import { FHIR_FIXTURES, fixture, PHQ9_SKIP } from "../helpers/measures.js";

/**
 * The short name of each imported item, which every summary lists: the shipped profile's name in
 * the instrument's language, else a cut of the item's text at whole words, no two alike.
 */
const shipped = readProfiles(join(PROMPTS_DIR, "profiles"), true).map((e) => ({
  id: e.profile.id,
  shortNames: e.profile.shortNames,
  ...(e.profile.code ? { code: e.profile.code } : {}),
}));

function german(): unknown {
  return JSON.parse(readFileSync(join(FHIR_FIXTURES, "phq9-questionnaire.de.json"), "utf8"));
}

describe("short names of imported items", () => {
  it("takes the PHQ-9's names from its profile, in the questionnaire's language, found by item code", () => {
    const de = importQuestionnaire(german(), { language: "de", skip: PHQ9_SKIP, profiles: shipped });
    expect(de.instrument.items.map((i) => i.short)).toEqual([
      "Interesse",
      "Stimmung",
      "Schlaf",
      "Energie",
      "Appetit",
      "Selbstwert",
      "Konzentration",
      "Psychomotorik",
      "Gedanken an den Tod",
    ]);
    expect(de.shortNamesFrom).toBe("phq9");
    // The items in another order keep their names: the code finds them, not the position.
    const q = fixture("phq9") as { item: { item: unknown[] }[] };
    q.item[0]?.item.reverse();
    const en = importQuestionnaire(q, { skip: PHQ9_SKIP, profiles: shipped });
    expect(en.instrument.items[0]?.short).toBe("Thoughts of death");
    expect(en.instrument.items.at(-1)?.short).toBe("Interest");
    const gad = importQuestionnaire(fixture("gad7"), { language: "es", profiles: shipped });
    expect(gad.instrument.items.map((i) => i.short)).toContain("Preocupación excesiva");
  });

  it("cuts names from the texts without a profile (or without a name in the language): whole words, no two alike", () => {
    const fr = importQuestionnaire(german(), { language: "fr", skip: PHQ9_SKIP, profiles: shipped });
    expect(fr.shortNamesFrom).toBeUndefined();
    expect(fr.instrument.items[0]?.short).toBe("PHQ-Frage 1 (Platzhalter)");
    const names = cutNames([
      "Wenig Interesse oder Freude an Ihren Tätigkeiten",
      "Niedergeschlagenheit, Schwermut oder Hoffnungslosigkeit",
      "Schwierigkeiten, ein- oder durchzuschlafen, oder vermehrter Schlaf",
      "Schwierigkeiten, ein- oder durchzuschlafen am Wochenende",
      "Feeling bad about yourself - or that you are a failure",
      "Same text",
      "Same text",
    ]);
    expect(names).toEqual([
      "Wenig Interesse oder Freude…",
      "Niedergeschlagenheit…",
      "Schwierigkeiten, ein- oder durchzuschlafen, oder…",
      "Schwierigkeiten, ein- oder durchzuschlafen am…",
      "Feeling bad about yourself…",
      "Same text (6)",
      "Same text (7)",
    ]);
    expect(new Set(names).size).toBe(names.length);
  });
});
