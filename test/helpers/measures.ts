import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { type ImportOptions, importQuestionnaire } from "../../src/instruments/fhir-import.js";
import { Conversation, PROMPTS_DIR } from "./conversation.js";

/** The FHIR Questionnaire fixtures: PHQ-9- and GAD-7-shaped, with the project's placeholder texts. */
export const FHIR_FIXTURES = fileURLToPath(new URL("../fixtures/fhir/", import.meta.url));

export function fixture(name: "phq9" | "gad7" | "bad"): unknown {
  return JSON.parse(readFileSync(join(FHIR_FIXTURES, `${name}-questionnaire.json`), "utf8"));
}

/** The PHQ-9 fixture's unscored difficulty question, left out as a clinic would. */
export const PHQ9_SKIP = ["/69722-7"];

/**
 * A clinic's prompts folder: a copy of the shipped one with the fixtures imported into it, as
 * `rapport instrument import` would write them.
 */
export function clinicPrompts(imports: { name: "phq9" | "gad7"; options: ImportOptions }[]): string {
  const dir = mkdtempSync(join(tmpdir(), "rapport-prompts-"));
  cpSync(PROMPTS_DIR, dir, { recursive: true });
  for (const { name, options } of imports) {
    const { instrument } = importQuestionnaire(fixture(name), options);
    writeFileSync(join(dir, instrument.language, `${instrument.id}.yaml`), stringify(instrument));
  }
  return dir;
}

/** PHQ-9 and GAD-7 imported under their usual ids. */
export function phqGadPrompts(): string {
  return clinicPrompts([
    { name: "phq9", options: { id: "phq9", skip: PHQ9_SKIP } },
    { name: "gad7", options: { id: "gad7" } },
  ]);
}

/** The PHQ-9 in German too (the fixture's German copy), as a clinic with a German translation has it. */
export function addGermanPhq9(dir: string): void {
  const de = JSON.parse(readFileSync(join(FHIR_FIXTURES, "phq9-questionnaire.de.json"), "utf8"));
  const { instrument } = importQuestionnaire(de, { id: "phq9", language: "de", skip: PHQ9_SKIP });
  writeFileSync(join(dir, "de", "phq9.yaml"), stringify(instrument));
}

/**
 * Alex enrolled in a clinic asking `instruments` (the PHQ-9 first) from the prompts in `dir`, in a
 * check-in at the PHQ-9's ninth item, the eight before answered 1.
 */
export async function atPhqItemNine(dir: string, instruments = ["phq9"]): Promise<Conversation> {
  const c = new Conversation({ checkin: { instruments } }, "console", [], dir);
  await c.enrol();
  await c.say("rivera", "checkin alex");
  for (let i = 0; i < 8; i++) await c.say("alex", "1");
  return c;
}

/**
 * A conversation at the check-in's own safety question: alex enrolled (in `language`), a check-in
 * sent, and its eight alliance and progress scores given.
 */
export async function atSafetyQuestion(
  scores: readonly number[] = [8, 8, 8, 8, 5, 5, 5, 5],
  language = "en",
): Promise<Conversation> {
  const c = new Conversation();
  await c.enrol();
  if (language !== "en") await c.say("rivera", `language alex ${language}`);
  await c.say("rivera", "checkin alex");
  for (const v of scores) await c.say("alex", String(v));
  return c;
}
