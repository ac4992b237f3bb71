import { describe, expect, it } from "vitest";
import { ImportError, importQuestionnaire } from "../../src/instruments/fhir-import.js";
import { fixture, PHQ9_SKIP } from "../helpers/measures.js";

const PROFILES = [
  { id: "phq9", code: { system: "http://loinc.org", code: "44249-1" } },
  { id: "gad7", code: { system: "http://loinc.org", code: "69737-5" } },
];

function importError(json: unknown, options = {}): ImportError {
  try {
    importQuestionnaire(json, options);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("the import did not fail");
}

describe("importing a FHIR R4 Questionnaire", () => {
  it("reads a PHQ-9-shaped questionnaire: nine 0-3 choices, codes, linkIds, the total, the id from LOINC", () => {
    const { instrument, warnings } = importQuestionnaire(fixture("phq9"), {
      skip: PHQ9_SKIP,
      profiles: PROFILES,
    });
    expect(instrument.id).toBe("phq9");
    expect(instrument.language).toBe("en");
    expect(instrument.items).toHaveLength(9);
    expect(instrument.items[8]).toEqual({
      id: "item9",
      text: "PHQ item 9 (placeholder)",
      short: "PHQ item 9 (placeholder)",
    });
    expect(instrument.scale).toEqual({
      min: 0,
      max: 3,
      low: "PHQ answer 0 (placeholder)",
      high: "PHQ answer 3 (placeholder)",
    });
    expect(instrument.choices?.map((c) => c.value)).toEqual([0, 1, 2, 3]);
    const fhir = instrument.fhir;
    expect(fhir?.url).toBe("http://loinc.org/q/44249-1");
    expect(fhir?.version).toBe("2.72");
    expect(fhir?.code).toEqual([
      { system: "http://loinc.org", code: "44249-1", display: "PHQ-9 quick depression assessment panel" },
    ]);
    expect(fhir?.items?.item9).toEqual({
      linkId: "/44260-8",
      code: [{ system: "http://loinc.org", code: "44260-8" }],
    });
    expect(fhir?.total?.linkId).toBe("/44261-6");
    expect(fhir?.answers?.[2]).toEqual({ value: 2, system: "http://loinc.org", code: "LA6570-1" });
    // The skipped item carried the only enableWhen: nothing to warn about.
    expect(warnings).toEqual([]);
  });

  it("refuses an item on another scale, naming it and how to leave it out", () => {
    const error = importError(fixture("phq9"), { profiles: PROFILES });
    expect(error.message).toContain('item /69722-7 ("PHQ difficulty question (placeholder)")');
    expect(error.message).toContain("its answers differ from the first item's (/44250-9)");
    expect(error.message).toContain("--skip /69722-7");
  });

  it("reads a GAD-7-shaped questionnaire: item weights on the codings, linkIds kept as ids, display items left out", () => {
    const { instrument, warnings } = importQuestionnaire(fixture("gad7"), { profiles: PROFILES });
    expect(instrument.id).toBe("gad7");
    expect(instrument.items.map((i) => i.id)).toEqual([
      "gad7_1",
      "gad7_2",
      "gad7_3",
      "gad7_4",
      "gad7_5",
      "gad7_6",
      "gad7_7",
    ]);
    expect(instrument.fhir?.items?.gad7_1?.linkId).toBe("gad7_1");
    expect(instrument.choices?.map((c) => [c.value, c.label])).toContainEqual([
      3,
      "GAD answer 3 (placeholder)",
    ]);
    expect(instrument.fhir?.total).toBeUndefined();
    expect(warnings).toEqual(['item gad7_intro ("GAD intro (placeholder)"): a display item, not asked']);
  });

  it("warns that enableWhen is ignored", () => {
    const q = fixture("gad7") as { item: Record<string, unknown>[] };
    (q.item[2] as Record<string, unknown>).enableWhen = [
      { question: "gad7_1", operator: "exists", answerBoolean: true },
    ];
    const { warnings } = importQuestionnaire(q);
    expect(warnings).toContain(
      'item gad7_2 ("GAD item 2 (placeholder)"): enableWhen ignored, rapport asks every item',
    );
  });

  it("refuses an unsupported item type, naming the item", () => {
    const error = importError(fixture("bad"));
    expect(error.message).toBe(
      'item notes ("Free text item (placeholder)"): type "string" is not supported; rapport imports choice, integer and decimal items',
    );
  });

  it("imports integer items with their range, once the unsupported item is skipped", () => {
    const { instrument } = importQuestionnaire(fixture("bad"), { skip: ["notes"] });
    expect(instrument.id).toBe("intake");
    expect(instrument.scale).toMatchObject({ min: 0, max: 10 });
    expect(instrument.choices).toBeUndefined();
    expect(instrument.fhir?.answerType).toBe("integer");
  });

  it("names what is missing: a score, a range, the resource type, an unknown --skip", () => {
    const phq = fixture("phq9") as { item: { item: { answerOption?: { extension?: unknown }[] }[] }[] };
    const first = phq.item[0]?.item[0]?.answerOption?.[1];
    if (first) delete first.extension;
    expect(importError(phq, { skip: PHQ9_SKIP }).message).toBe(
      'item /44250-9 ("PHQ item 1 (placeholder)"): answerOption 2 (LA6569-3) has no whole-number score: add an ordinalValue extension',
    );
    const bad = fixture("bad") as { item: { extension?: unknown }[] };
    delete bad.item[0]?.extension;
    expect(importError(bad, { skip: ["notes"] }).message).toContain("item mood");
    expect(importError(bad, { skip: ["notes"] }).message).toContain("minValue and maxValue");
    expect(importError({ resourceType: "Patient", item: [] }).message).toContain("resourceType");
    expect(importError(fixture("gad7"), { skip: ["nope"] }).message).toBe(
      "--skip nope: the questionnaire has no item with that linkId",
    );
  });
});
