import { mkdtempSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshEnv, runCli } from "../helpers/cli.js";
import { fixturePrompts } from "../helpers/fixture-prompts.js";

/**
 * clinic.language must be a language the prompts have: a clinic set to French on the shipped
 * prompts (de, en, es) would have its clients read English and their French risk words go
 * unscreened, so start-up stops, naming the setting, as other bad settings do (exit code 78).
 */
const dir = mkdtempSync(join(tmpdir(), "rapport-language-"));
const prompts = fixturePrompts();
afterAll(() => prompts.close());

function configWith(language: string): string {
  const path = join(dir, `clinic-${language}.yaml`);
  writeFileSync(path, `clinic:\n  language: ${language}\n`);
  return path;
}

describe("clinic.language at start-up", () => {
  it("stops the console and the server when the shipped prompts have no such language", async () => {
    const env = freshEnv({ RAPPORT_CONFIG: configWith("fr") });
    for (const command of [["console", "--script", "-"], ["serve"]]) {
      const result = await runCli(command, { ...env, PORT: "0" });
      expect(result.code).toBe(78);
      expect(result.stderr).toContain(
        'rapport: configuration error (clinic.language): clinic.language: no prompts for language "fr" (languages in the shipped prompts: de, en, es)',
      );
    }
  });

  it("names a language and an instrument the prompts lack in one run, each with its setting", async () => {
    const path = join(dir, "clinic-both.yaml");
    writeFileSync(path, "clinic:\n  language: fr\ncheckin:\n  instruments: [alliance, progres]\n");
    const result = await runCli(["console", "--script", "-"], freshEnv({ RAPPORT_CONFIG: path }));
    expect(result.code).toBe(78);
    const lines = result.stderr.split("\n").filter((l) => l.startsWith("rapport: "));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      'rapport: configuration error (clinic.language): clinic.language: no prompts for language "fr"',
    );
    expect(lines[1]).toContain(
      'rapport: configuration error (checkin.instruments): checkin.instruments: no prompts for instrument "progres"',
    );
  });

  it("names a language without prompts first, not the crisis text it has none for", async () => {
    // It asked to add "fr:" to the crisis texts, and only once that was done said fr has no prompts.
    const path = join(dir, "clinic-crisis.yaml");
    writeFileSync(path, 'clinic:\n  language: fr\n  crisisText:\n    en: "Call 112."\n');
    const result = await runCli(
      ["console", "--script", "-"],
      freshEnv({ RAPPORT_CONFIG: path, TELEGRAM_BOT_TOKEN: "1:a", RAPPORT_DEMO: "0" }),
    );
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('no prompts for language "fr"');
    expect(result.stderr).not.toContain("crisisText");
  });

  it("starts when the clinic's own prompts folder has the language, and names that folder's languages when it does not", async () => {
    const french = await runCli(
      ["console", "--script", "-"],
      freshEnv({ RAPPORT_CONFIG: configWith("fr"), RAPPORT_PROMPTS: prompts.dir }),
    );
    expect(french.stderr).not.toContain("clinic.language");
    expect(french.code).toBe(0);
    const italian = await runCli(
      ["console", "--script", "-"],
      freshEnv({ RAPPORT_CONFIG: configWith("it"), RAPPORT_PROMPTS: prompts.dir }),
    );
    expect(italian.code).toBe(78);
    expect(italian.stderr).toContain(
      `no prompts for language "it" (languages in the prompts folder ${prompts.dir}: en, fr)`,
    );
  });

  it("takes a regional tag of a language the prompts have, as a platform's locale is taken", async () => {
    const result = await runCli(
      ["console", "--script", "-"],
      freshEnv({ RAPPORT_CONFIG: configWith("de-AT") }),
    );
    expect(result.stderr).not.toContain("configuration error");
    expect(result.code).toBe(0);
  });

  it("stops when a language of the prompts has messages.yaml but no risk.yaml, naming the language and the file", async () => {
    // Its clients would be spoken to in it while their risk words in it went unscreened.
    const noRisk = fixturePrompts();
    try {
      unlinkSync(join(noRisk.dir, "fr", "risk.yaml"));
      const env = freshEnv({ RAPPORT_PROMPTS: noRisk.dir, PORT: "0" });
      for (const command of [["console", "--script", "-"], ["serve"]]) {
        // A server that started after all is stopped, and the test fails on its exit code.
        const result = await runCli(command, env, undefined, 10_000);
        expect(result.code).toBe(78);
        expect(result.stderr).toContain("rapport: configuration error (prompts): ");
        expect(result.stderr).toContain('risk.yaml is missing: the language "fr" has messages.yaml');
        expect(result.stderr).toContain("Add fr/risk.yaml");
      }
    } finally {
      noRisk.close();
    }
  });
});
