import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ConfigError } from "../../src/errors.js";
import { importQuestionnaire } from "../../src/instruments/fhir-import.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { FHIR_FIXTURES, PHQ9_SKIP, phqGadPrompts } from "../helpers/measures.js";

/**
 * The profiles' everyday words for the PHQ-9's and GAD-7's answers, added at start-up to the choice
 * whose LOINC answer code they were written for, in each language's copy.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function prompts(): string {
  const dir = phqGadPrompts();
  dirs.push(dir);
  return dir;
}

function wordsOf(dir: string, language: string, id: string): Record<number, string[]> {
  const choices = loadPrompts(dir).languages.get(language)?.instruments.get(id)?.choices ?? [];
  return Object.fromEntries(choices.map((c) => [c.value, c.words]));
}

function edit(file: string, change: (doc: Record<string, unknown>) => void): void {
  const doc = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(doc);
  writeFileSync(file, stringify(doc));
}

describe("everyday words for a measure's answers", () => {
  it("go to the answer of their code, for the PHQ-9 and the GAD-7 alike", () => {
    const dir = prompts();
    for (const id of ["phq9", "gad7"]) {
      const words = wordsOf(dir, "en", id);
      expect(words[0]).toContain("never");
      expect(words[1]).toContain("sometimes");
      expect(words[2]).toContain("most days");
      expect(words[3]).toContain("every day");
      expect(words[2]).not.toContain("every day");
    }
  });

  it("are the language's own in a German copy, and leave out what its labels already say", () => {
    const dir = prompts();
    const de = JSON.parse(readFileSync(join(FHIR_FIXTURES, "phq9-questionnaire.de.json"), "utf8"));
    const { instrument } = importQuestionnaire(de, { id: "phq9", language: "de", skip: PHQ9_SKIP });
    writeFileSync(join(dir, "de", "phq9.yaml"), stringify(instrument));
    const words = wordsOf(dir, "de", "phq9");
    expect(words[2]).toContain("meistens");
    expect(words[3]).toContain("jeden tag");
    expect(words[3]).not.toContain("every day");
    // "an den meisten Tagen" is this questionnaire's own label for 2: not added again as a word.
    expect(words[2]).not.toContain("an den meisten tagen");
  });

  it("leave a word the clinic gave another answer to that answer", () => {
    const dir = prompts();
    edit(join(dir, "en", "phq9.yaml"), (doc) => {
      const choices = doc.choices as { value: number; words?: string[] }[];
      const top = choices.find((c) => c.value === 3);
      if (top) top.words = ["most days"];
    });
    const words = wordsOf(dir, "en", "phq9");
    expect(words[3]).toContain("most days");
    expect(words[2]).not.toContain("most days");
    expect(words[2]).toContain("more than half");
  });

  it("are the client's language's own, beside the fallback's, where that language has no copy", () => {
    const dir = prompts();
    edit(join(dir, "en", "gad7.yaml"), (doc) => {
      const choices = doc.choices as { value: number; words?: string[] }[];
      const top = choices.find((c) => c.value === 3);
      if (top) top.words = ["a veces"];
    });
    const catalog = loadPrompts(dir);
    expect(catalog.languages.get("es")?.instruments.has("gad7")).toBe(false);
    const borrowed = catalog.languages.get("es")?.borrowed.get("gad7");
    const words = Object.fromEntries((borrowed?.choices ?? []).map((c) => [c.value, c.words]));
    expect(words[0]).toEqual(expect.arrayContaining(["never", "nunca"]));
    expect(words[2]).toContain("la mayoría de los días");
    // A word the fallback's copy gives one answer is not taken for another.
    expect(words[3]).toContain("a veces");
    expect(words[1]).not.toContain("a veces");
    expect(words[1]).toContain("varios días");
    // The questions and options are the fallback's, and so is the scoring.
    expect(borrowed?.items).toEqual(catalog.languages.get("en")?.instruments.get("gad7")?.items);
    expect(borrowed?.profile?.id).toBe("gad7");
  });

  it("are not given to a questionnaire whose answers carry other codes", () => {
    const dir = prompts();
    edit(join(dir, "en", "phq9.yaml"), (doc) => {
      const fhir = doc.fhir as { answers: { code: string }[] };
      for (const answer of fhir.answers) answer.code = `X-${answer.code}`;
    });
    expect(Object.values(wordsOf(dir, "en", "phq9")).flat()).toEqual([]);
  });

  it("stop start-up when one word is given to two answers, naming the profile and the field", () => {
    const dir = prompts();
    edit(join(dir, "profiles", "phq9.yaml"), (doc) => {
      const words = doc.answerWords as Record<string, Record<string, string[]>>;
      words["LA6568-5"]?.en?.push("most days");
    });
    let message = "";
    try {
      loadPrompts(dir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      message = error.message;
    }
    expect(message).toMatch(/phq9\.yaml/);
    expect(message).toMatch(/answerWords/);
    expect(message).toMatch(/"most days" is a word of answer/);
  });
});
