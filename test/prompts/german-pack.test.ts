import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { localWord } from "../../src/engine/chat-words.js";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import { parseYesNo } from "../../src/engine/yes-no.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";

// How the shipped German pack (prompts/de) reads what German-speaking clients type, and which
// platform locales get it. Its keys and placeholders against English: the completeness test.
const catalog = loadPrompts();
const german = wordingFor(catalog, "de");
const words = german.pack.messages.words;

describe("the German pack", () => {
  it.each(["de", "de-DE", "de-AT", "de-CH", "de_AT", "DE-ch", "de-LI"])(
    "is picked for the locale %s",
    (locale) => {
      expect(wordingFor(catalog, locale).pack.language).toBe("de");
    },
  );

  it("is picked for a clinic set to German when the platform says nothing or names a language without a pack", () => {
    expect(wordingFor(catalog, null, "de").pack.language).toBe("de");
    expect(wordingFor(catalog, "xx-YY", "de").pack.language).toBe("de");
    expect(wordingFor(catalog, "en-GB", "de").pack.language).toBe("en");
  });

  it("keeps to its terms: Befinden for the progress measure, Risikoworte for worrying words", () => {
    // The header of prompts/de/messages.yaml names the terms; "Fortschritt" in the caseload beside
    // "Befinden" in the summary read as two measures.
    const text = readFileSync(new URL("../../prompts/de/messages.yaml", import.meta.url), "utf8");
    expect(text).not.toMatch(/Fortschritt|Risikowörter/u);
    expect(german.t("clients_flag_deteriorated", { first: 19, total: 7 })).toBe(
      "verschlechtert (Befinden 19 → 7)",
    );
  });

  it("says dringende Meldung for an urgent alert, and Hinweise for warnings: never Warnung", () => {
    // The digest said "dringende Warnung 2" where everything else says "dringende Meldung 2".
    const text = readFileSync(new URL("../../prompts/de/messages.yaml", import.meta.url), "utf8");
    const messages = text.split("\n").filter((line) => !line.trimStart().startsWith("#"));
    expect(messages.filter((line) => /Warnung/u.test(line))).toEqual([]);
    expect(german.t("digest_risk_alert", { id: 2, date: "3. Dez. 2026" })).toBe(
      "dringende Meldung 2 am 3. Dez. 2026, bestätigt",
    );
  });

  it("reads naturally: the caseload chart's opening, a comment skipped", () => {
    expect(german.t("digest_chart", { count: 3, max: 12 })).toBe(
      "Personen mit offenem Hinweis: 3, als Grafik mit einem Feld pro Person (bis zu 12); in Worten stehen sie in der Wochenübersicht oben.",
    );
    expect(german.t("summary_no_comment")).toBe("Kein Kommentar");
  });

  it("has its own wording for both check-ins and the safety question", () => {
    for (const id of ["alliance", "progress", "safety"]) {
      expect(german.instrument(id).language, id).toBe("de");
    }
  });

  it.each([
    ["sieben", 7],
    ["Sieben", 7],
    ["null", 0],
    ["zehn", 10],
    ["7 von 10", 7],
    ["sieben von zehn", 7],
    ["7,5", 7.5],
    ["8/10", 8],
  ])("reads the score %s", (typed, value) => {
    expect(parseScore(typed, 0, 10, words)).toEqual({ ok: true, value });
  });

  it("refuses a score out of another scale", () => {
    expect(parseScore("7 von 8", 0, 10, words).ok).toBe(false);
  });

  it.each([
    ["stopp", "stop"],
    ["Pause", "stop"],
    ["hör auf", "stop"],
    ["hoer auf", "stop"],
    ["/stopp", "stop"],
    ["start", "start"],
    ["fortsetzen", "start"],
    ["Hilfe!", "help"],
    ["meine daten", "mydata"],
    ["Vergiss mich", "forget"],
    ["lösch meine daten", "forget"],
    ["loesche meine daten", "forget"],
  ])("reads %s as the control word %s", (typed, word) => {
    expect(localWord(typed, words)?.word).toBe(word);
  });

  it("does not take a sentence with a control word in it for the word", () => {
    expect(localWord("ich brauche hilfe bei der frage", words)).toBeUndefined();
    expect(localWord("weiter", words)).toBeUndefined();
  });

  it.each([
    ["ja", "yes"],
    ["Jo", "yes"],
    ["ja, ich bin einverstanden", "yes"],
    ["nein", "no"],
    ["nö", "no"],
    ["nee", "no"],
    ["nein, danke", "no"],
  ])("reads %s as %s", (typed, answer) => {
    expect(parseYesNo(typed, words)).toBe(answer);
  });

  describe("answers to the safety question after a concern", () => {
    const safety = german.instrument("safety");
    const read = (typed: string) =>
      readSafetyAnswer(typed, safety.choices ?? [], safety.riskItem?.above ?? 0);

    it.each([
      "ja",
      "Ja leider",
      "manchmal",
      "ein bisschen",
      "ab und zu",
      "jein",
      "ich glaube schon",
      "öfter",
      "oefter",
    ])("%s is a yes", (typed) => {
      expect(read(typed)).toBe("yes");
    });

    it.each(["nein", "nö", "nicht wirklich", "eigentlich nicht", "nie", "überhaupt nicht", "kein bisschen"])(
      "%s is a no",
      (typed) => {
        expect(read(typed)).toBe("no");
      },
    );

    it("is unclear about anything else", () => {
      expect(read("weiß nicht")).toBe("unclear");
      // Not knowing beside a no is not sure either: asked again, never a plain no.
      for (const typed of ["weiß nicht, eher nein", "keine ahnung, eher nicht", "bin mir nicht sicher, nein"])
        expect(read(typed), typed).toBe("unclear");
    });
  });
});
