import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";
import { FHIR_FIXTURES } from "../helpers/measures.js";

/**
 * A German clinic adds the PHQ-9 (its Questionnaire imported for English and German; the fixtures
 * carry the project's placeholder wording, never the licensed text) and a client answers it in
 * German through the console, typing the options' words as people do.
 */
function germanClinic(): Record<string, string> {
  const env = freshEnv();
  const prompts = mkdtempSync(join(tmpdir(), "rapport-de-prompts-"));
  cpSync(PROMPTS_DIR, prompts, { recursive: true });
  const config = join(env.RAPPORT_DB ?? "", "..", "clinic.yaml");
  writeFileSync(config, "clinic:\n  language: de\ncheckin:\n  instruments: [alliance, progress, phq9]\n");
  return { ...env, RAPPORT_PROMPTS: prompts, RAPPORT_CONFIG: config, RAPPORT_DEMO: "1" };
}

const ALLIANCE_AND_PROGRESS = ["8", "neun", "7", "8", "4", "5", "drei", "4"];

describe("a PHQ-9 check-in in German", () => {
  it("asks with the German options, reads typed words, bands the total, and takes item 9 on the risk path", async () => {
    const env = germanClinic();
    for (const [file, language] of [
      ["phq9-questionnaire.json", "en"],
      ["phq9-questionnaire.de.json", "de"],
    ] as const) {
      const imported = await runCli(
        ["instrument", "import", join(FHIR_FIXTURES, file), "--skip", "/69722-7", "--language", language],
        env,
      );
      expect(imported.code).toBe(0);
    }
    const link = await addTherapist(env, "Dr. Weber");
    const invite = await script(env, [`weber: link ${link}`, "weber: invite kim"]);
    const code = /start (\S+)/.exec(invite.map((m) => m.text).join("\n"))?.[1];
    const first = await script(
      env,
      [
        `kim: start ${code}`,
        "kim: ja",
        "weber: checkin kim",
        ...ALLIANCE_AND_PROGRESS,
        // PHQ items 1 to 9, typed as the option's words, a number word and a digit.
        ...[
          "an den meisten Tagen",
          "fast täglich",
          "3",
          "an manchen tagen",
          "eins",
          "2",
          "Gar nicht",
          "1",
          "0",
        ],
        "kim: nein",
        "kim: Schwere Woche, viel Streit zuhause.",
      ].map((l) => (l.includes(":") ? l : `kim: ${l}`)),
    );
    const phqQuestion = first.find((m) => m.to === "kim" && m.text.includes("PHQ-Frage 1"));
    expect(phqQuestion?.choices.map((c) => c.label)).toEqual([
      "gar nicht",
      "an manchen Tagen",
      "an den meisten Tagen",
      "fast täglich",
    ]);
    // Every typed answer was taken: nothing was asked again.
    expect(first.filter((m) => m.to === "kim" && /^Bitte|nicht verstanden/i.test(m.text))).toEqual([]);
    const summary = first.find((m) => m.to === "weber" && m.text.startsWith("kim, Check-in 1"))?.text ?? "";
    expect(summary).toContain("PHQ-9 13/27, mittelgradig (niedriger ist besser)");
    // The items by the profile's German short names, not cut-off fragments of their texts.
    expect(summary).toContain("Interesse 2 · Stimmung 3 · Schlaf 3 · Energie 1");
    expect(summary).not.toContain("Platzhalter");
    expect(summary).toContain("Im klinischen Bereich (Grenzwert 10).");
    expect(summary).toContain("Sicherheitsfrage: nein.");

    // A second week: item 9 answered "an manchen Tagen" (1) is a disclosure.
    const second = await script(env, [
      "weber: checkin kim",
      ...[...ALLIANCE_AND_PROGRESS, "2", "2", "2", "1", "1", "1", "1", "1", "an manchen Tagen"].map(
        (a) => `kim: ${a}`,
      ),
    ]);
    const crisis = second.find((m) => m.to === "kim" && m.urgent);
    expect(crisis?.text.length).toBeGreaterThan(40);
    const alert = second.find((m) => m.to === "weber" && m.urgent);
    expect(alert?.text).toContain("kim");
    expect(alert?.text).toContain("PHQ-9");
  });
});
