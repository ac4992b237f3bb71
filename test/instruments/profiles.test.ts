import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ConfigError } from "../../src/errors.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { riskItemsOf } from "../../src/prompts/schema.js";
import { clinicPrompts, PHQ9_SKIP, phqGadPrompts } from "../helpers/measures.js";

/** Scoring profiles matched to imported instruments at start-up, and what stops start-up. */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(make: () => string): string {
  const dir = make();
  dirs.push(dir);
  return dir;
}

function loadError(dir: string): string {
  try {
    loadPrompts(dir);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("loadPrompts did not throw");
}

describe("scoring profiles", () => {
  it("applies the built-in PHQ-9 and GAD-7 profiles by LOINC panel code, with item 9 as the PHQ-9's risk item", () => {
    const catalog = loadPrompts(folder(phqGadPrompts));
    const phq9 = catalog.languages.get("en")?.instruments.get("phq9");
    const gad7 = catalog.languages.get("en")?.instruments.get("gad7");
    expect(phq9?.profile).toMatchObject({
      id: "phq9",
      name: "PHQ-9",
      direction: "lower_is_better",
      range: { min: 0, max: 27 },
      caseness: 10,
      reliableChange: 6,
      riskItems: [{ item: "item9", above: 0 }],
      combined: "depression",
    });
    expect(phq9?.profile?.bands.map((b) => [b.from, b.label.en])).toEqual([
      [0, "minimal"],
      [5, "mild"],
      [10, "moderate"],
      [15, "moderately severe"],
      [20, "severe"],
    ]);
    expect(phq9 && riskItemsOf(phq9)).toEqual([{ item: "item9", above: 0 }]);
    expect(gad7?.profile).toMatchObject({
      id: "gad7",
      caseness: 8,
      reliableChange: 4,
      riskItems: [],
      combined: "anxiety",
    });
    // rapport's own instruments have none; the safety question keeps its own risk item.
    expect(catalog.languages.get("en")?.instruments.get("progress")?.profile).toBeUndefined();
    const safety = catalog.languages.get("en")?.instruments.get("safety");
    expect(safety && riskItemsOf(safety)).toEqual([{ item: "harm", above: 0 }]);
  });

  it("finds the risk item by its LOINC code when the questionnaire asks it elsewhere", () => {
    const dir = folder(phqGadPrompts);
    const file = join(dir, "en", "phq9.yaml");
    // Item 9's linkId and codes moved to the first item, as in a reordered questionnaire.
    const inst = parse(readFileSync(file, "utf8")) as { fhir: { items: Record<string, unknown> } };
    const { item1, item9 } = inst.fhir.items;
    inst.fhir.items.item1 = item9;
    inst.fhir.items.item9 = item1;
    writeFileSync(file, stringify(inst));
    expect(loadPrompts(dir).languages.get("en")?.instruments.get("phq9")?.profile?.riskItems).toEqual([
      { item: "item1", above: 0 },
    ]);
  });

  it("stops start-up when the profile's total range does not fit the instrument, naming the file and field", () => {
    // A PHQ-9 with an item left out adds up to 24, not 27.
    const skip = [...PHQ9_SKIP, "/44253-3"];
    const dir = folder(() => clinicPrompts([{ name: "phq9", options: { id: "phq9", skip } }]));
    expect(loadError(dir)).toMatch(
      /profiles\/phq9\.yaml: field "range": 0 to 27, but instrument "phq9" adds up to 0 to 24 \(8 items of 0 to 3\)/,
    );
  }, 20_000);

  it("takes a clinic's own profile for its own measure, and checks it at start-up", () => {
    const dir = folder(() => clinicPrompts([{ name: "phq9", options: { id: "phq9", skip: PHQ9_SKIP } }]));
    mkdirSync(join(dir, "profiles"), { recursive: true });
    const own = [
      "id: mood",
      "name: Mood",
      "instrument: progress",
      "direction: higher_is_better",
      "range: { min: 0, max: 40 }",
      "bands: [{ from: 0, label: { en: low } }, { from: 25, label: { en: fine } }]",
      "caseness: 25",
      "reliableChange: 5",
      "riskItems: [{ item: personal, above: 1 }]",
    ];
    writeFileSync(join(dir, "profiles", "mood.yaml"), own.join("\n"));
    expect(loadPrompts(dir).languages.get("en")?.instruments.get("progress")?.profile).toMatchObject({
      id: "mood",
      riskItems: [{ item: "personal", above: 1 }],
    });
    writeFileSync(
      join(dir, "profiles", "mood.yaml"),
      [...own.slice(0, -1), "riskItems: [{ item: nothing, above: 1 }]"].join("\n"),
    );
    expect(loadError(dir)).toContain(
      'mood.yaml: field "riskItems.0.item": no item nothing in instrument "progress"',
    );
    writeFileSync(
      join(dir, "profiles", "mood.yaml"),
      own
        .map((line) => (line.startsWith("bands:") ? "bands: [{ from: 5, label: { en: x } }]" : line))
        .join("\n"),
    );
    expect(loadError(dir)).toMatch(/mood\.yaml:6: field "bands\.0\.from": the first band must start at 0/);
  }, 20_000);
});
