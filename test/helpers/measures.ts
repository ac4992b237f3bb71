import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach } from "vitest";
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

/** A run of check-ins answered through the PHQ-9's risk item and the safety question (phq9Clinic). */
export interface Phq9Checkins {
  /** The clinic's language, and what it asks: without the PHQ-9, its answers are left out. */
  language: string;
  instruments: string[];
  /** The scores asked before the PHQ-9 (the alliance's, progress's), the same at each check-in. */
  before: readonly number[];
  /** The PHQ-9's nine answers, one list a check-in; the ninth is its risk item. */
  phq9: readonly (readonly number[])[];
  /** What comes after each check-in: time passing, with what falls due run (`tick`) or not. */
  after: (c: Conversation) => unknown;
  /** The clinic's other settings (a digest day, say), and when the clock starts. */
  config?: ConstructorParameters<typeof Conversation>[0];
  start?: string;
}

/**
 * A clinic asking the PHQ-9 in every shipped language (PHQ-9 and GAD-7 imported, the PHQ-9's
 * German copy too), for one test file. `checkins` enrols alex and answers a check-in for each of
 * `phq9`, then 0 (the safety question's no) and skip (the comment). After a risk item answered
 * above 0, that 0 comes after the crisis message and the check-in stays at the safety question.
 * The folder is removed after the file's tests, the conversation closed after each test.
 */
export function phq9Clinic(): { checkins: (run: Phq9Checkins) => Promise<Conversation> } {
  const dir = phqGadPrompts();
  addGermanPhq9(dir);
  let open: Conversation | undefined;
  afterEach(() => {
    open?.close();
    open = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const checkins = async (run: Phq9Checkins) => {
    const { language, instruments } = run;
    const c = new Conversation(
      { ...run.config, clinic: { language }, checkin: { instruments } },
      "console",
      [],
      dir,
    );
    open = c;
    if (run.start) c.clock.set(new Date(run.start));
    await c.enrol();
    const asked = instruments.includes("phq9");
    for (const items of run.phq9) {
      await c.say("rivera", "checkin alex");
      await c.answerAll("alex", [...run.before, ...(asked ? items : []), 0]);
      await run.after(c);
    }
    return c;
  };
  return { checkins };
}
