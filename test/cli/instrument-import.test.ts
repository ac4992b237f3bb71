import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";
import { fhirProblems } from "../helpers/fhir-validate.js";
import { FHIR_FIXTURES } from "../helpers/measures.js";

/**
 * `rapport instrument import` as a clinic's IT person uses it: into a copy of the prompts folder,
 * then named in the clinic config, asked in a check-in, and exported back as FHIR.
 */
function clinic(): Record<string, string> {
  const env = freshEnv();
  const prompts = mkdtempSync(join(tmpdir(), "rapport-clinic-prompts-"));
  cpSync(PROMPTS_DIR, prompts, { recursive: true });
  const config = join(env.RAPPORT_DB ?? "", "..", "clinic.yaml");
  writeFileSync(
    config,
    "checkin:\n  instruments: [alliance, progress, phq9]\nfhir:\n  baseUrl: https://fhir.clinic.example/r4/\n",
  );
  return { ...env, RAPPORT_PROMPTS: prompts, RAPPORT_CONFIG: config, RAPPORT_DEMO: "1" };
}

const PHQ9 = join(FHIR_FIXTURES, "phq9-questionnaire.json");

describe("rapport instrument import", () => {
  it("needs the clinic's own prompts folder", async () => {
    const result = await runCli(["instrument", "import", PHQ9], freshEnv());
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("configuration error (RAPPORT_PROMPTS)");
  });

  it("refuses a questionnaire it cannot ask, naming the item, and writes nothing", async () => {
    const env = clinic();
    const result = await runCli(["instrument", "import", join(FHIR_FIXTURES, "bad-questionnaire.json")], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'item notes ("Free text item (placeholder)"): type "string" is not supported',
    );
    expect(existsSync(join(env.RAPPORT_PROMPTS ?? "", "en", "intake.yaml"))).toBe(false);
  });

  it("a copy in another language first: names the profile that will apply once the en copy exists, every path absolute", async () => {
    const env = clinic();
    const prompts = env.RAPPORT_PROMPTS ?? "";
    // The folder given relative to where the command runs (the repository): printed absolute.
    const relativeDir = relative(process.cwd(), prompts);
    const de = join(FHIR_FIXTURES, "phq9-questionnaire.de.json");
    const result = await runCli(
      ["instrument", "import", de, "--skip", "/69722-7", "--language", "de", "--prompts", relativeDir],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("No scoring profile matched");
    expect(result.stdout).toContain(
      "Scoring profile phq9 (PHQ-9, " +
        join(prompts, "profiles", "phq9.yaml") +
        "), from when phq9 is in the en folder too",
    );
    expect(result.stdout).toContain("risk items item9 above 0");
    expect(result.stdout).toContain(`into ${join(prompts, "de", "phq9.yaml")}.`);
    expect(result.stdout).toContain(
      "Short names in summaries, from the profile phq9: Interesse, Stimmung, Schlaf, Energie, Appetit, Selbstwert, Konzentration, Psychomotorik, Gedanken an den Tod.",
    );
    expect(result.stderr).toContain('rapport needs "phq9" in the en folder too');
    // A questionnaire without a profile: its names are cut from the texts, and the output says to edit them.
    const other = await runCli(
      ["instrument", "import", join(FHIR_FIXTURES, "bad-questionnaire.json"), "--skip", "notes"],
      env,
    );
    expect(other.stdout).toContain(
      `No scoring profile matched: its answers are kept and shown, without bands or rules. Add ${join(prompts, "profiles", "intake.yaml")}`,
    );
    expect(other.stdout).toContain("Short names in summaries, cut from each item's text:");
    expect(other.stdout).toContain(
      `Edit short: in ${join(prompts, "en", "intake.yaml")} to name each in a word or two`,
    );
  });

  it("imports the PHQ-9, asks it, takes item 9 on the risk path, and exports it back with its URL, linkIds and codes", async () => {
    const env = clinic();
    const imported = await runCli(["instrument", "import", PHQ9, "--skip", "/69722-7"], env);
    expect(imported.stderr).not.toContain("error");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      'Imported "PHQ-9 (placeholder wording)" as instrument phq9: 9 items, 4 answers from 0 to 3',
    );
    expect(imported.stdout).toContain("Scoring profile phq9 (PHQ-9");
    expect(imported.stdout).toContain("risk items item9 above 0");
    const again = await runCli(["instrument", "import", PHQ9, "--skip", "/69722-7"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists: --force replaces it");

    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite alex"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    const out = await script(env, [
      `alex: start ${code}`,
      "alex: yes",
      "rivera: checkin alex",
      ...["9", "9", "9", "9", "6", "5", "5", "6"].map((v) => `alex: ${v}`),
      ...["2", "2", "1", "1", "1", "1", "1", "0", "1"].map((v) => `alex: ${v}`),
      // The crisis message came in place of the next question: the client's next message shows it.
      "alex: ok",
      "alex: no",
      "alex: skip",
    ]);
    expect(out.filter((m) => m.to === "alex" && m.urgent)).toHaveLength(1);
    const alert = out.find((m) => m.to === "rivera" && m.urgent);
    // The item's short name is the profile's, not the placeholder text cut short.
    expect(alert?.text).toContain('PHQ-9 item "Thoughts of death"');
    const summary =
      out.filter((m) => m.to === "rivera" && m.text.startsWith("alex, check-in 1")).at(-1)?.text ?? "";
    expect(summary).toContain("PHQ-9 10/27, moderate (lower is better): the first check-in of this episode.");

    const fhir = await runCli(["export", "--format", "fhir"], env);
    expect(fhir.code).toBe(0);
    const bundle = JSON.parse(fhir.stdout) as {
      entry: { fullUrl: string; resource: Record<string, unknown> }[];
    };
    expect(fhirProblems(bundle)).toEqual([]);
    const q = bundle.entry.find((e) => e.resource.id === "phq9");
    expect(q?.fullUrl).toBe("https://fhir.clinic.example/r4/Questionnaire/phq9");
    expect(q?.resource.url).toBe("http://loinc.org/q/44249-1");
    const progress = bundle.entry.find((e) => e.resource.id === "progress");
    expect(progress?.resource.url).toBe("https://fhir.clinic.example/r4/Questionnaire/progress");
  });
});
