import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts/load.js";
import { toFhir } from "../../src/reports/fhir-export.js";
import type { ExportRow } from "../../src/store/types.js";
import { fhirProblems } from "../helpers/fhir-validate.js";
import { fixture, phqGadPrompts } from "../helpers/measures.js";

const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadPrompts(dir);
const NOW = "2026-12-01T09:30:00.000Z";
const BASE = "https://fhir.clinic.example/r4";

type Json = Record<string, unknown>;
interface Entry {
  fullUrl: string;
  resource: Json & { resourceType: string; id: string; item: (Json & { linkId: string })[] };
}

function rows(instrument: string, items: [string, number][], checkinId = 7, episodeId = 3): ExportRow[] {
  return items.map(([item, value]) => ({
    clientId: 1,
    episodeId,
    episode: 1,
    checkinId,
    seq: 2,
    completedAt: "2026-11-30T10:00:00.000Z",
    instrument,
    item,
    value,
    answeredAt: "2026-11-30T10:00:00.000Z",
  }));
}

const phq = rows(
  "phq9",
  [1, 2, 0, 1, 3, 0, 1, 2, 1].map((v, i) => [`item${i + 1}`, v]),
);
const answered: ExportRow[] = [
  ...rows("progress", [
    ["personal", 5],
    ["relationships", 6.5],
    ["social", 4],
    ["overall", 5],
  ]),
  ...phq,
  ...rows("safety", [["harm", 0]]),
];

function bundle(extra: readonly ExportRow[] = []) {
  const b = toFhir([...answered, ...extra], catalog, () => "p-0123456789ab", {
    baseUrl: BASE,
    now: NOW,
    instruments: ["alliance", "progress", "phq9", "gad7", "safety"],
  }) as unknown as Json & { entry: Entry[] };
  const find = (type: string, id: string) =>
    b.entry.find((e) => e.resource.resourceType === type && e.resource.id === id)?.resource;
  return { b, find };
}

describe("the FHIR export", () => {
  it("is a valid FHIR R4 Bundle (Medplum's validator), and the validator finds a broken one", () => {
    const { b } = bundle();
    expect(fhirProblems(b)).toEqual([]);
    const broken = structuredClone(b);
    const first = broken.entry[0]?.resource;
    if (first) delete (first.item[0] as Json).linkId;
    (broken as Json).timestamp = "yesterday";
    const problems = fhirProblems(broken);
    expect(problems.join("\n")).toContain("Bundle.timestamp");
    expect(problems.join("\n")).toContain("linkId");
  });

  it("stamps the Bundle and gives every entry a fullUrl under the clinic's base URL", () => {
    const { b } = bundle();
    expect(b.timestamp).toBe(NOW);
    expect(b.type).toBe("collection");
    for (const e of b.entry) expect(e.fullUrl).toBe(`${BASE}/${e.resource.resourceType}/${e.resource.id}`);
    expect(new Set(b.entry.map((e) => e.fullUrl)).size).toBe(b.entry.length);
  });

  it("gives back an imported questionnaire's canonical URL, version, linkIds and codes", () => {
    const { find } = bundle();
    const q = find("Questionnaire", "phq9") as Entry["resource"];
    const original = fixture("phq9") as {
      url: string;
      code: unknown[];
      item: { item: { linkId: string; code: unknown }[] }[];
    };
    const originalItems = original.item[0]?.item.slice(0, 10) ?? [];
    expect(q.url).toBe(original.url);
    expect(q.version).toBe("2.72");
    expect(q.code).toEqual(original.code);
    expect(q.item.map((i) => i.linkId)).toEqual(originalItems.map((i) => i.linkId));
    expect(q.item.map((i) => i.code)).toEqual(originalItems.map((i) => i.code));
    expect(q.item.at(-1)).toMatchObject({ linkId: "/44261-6", type: "integer", readOnly: true });
    const option = (q.item[0]?.answerOption as Json[] | undefined)?.[3];
    expect(option).toEqual({
      extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: 3 }],
      valueCoding: { system: "http://loinc.org", code: "LA6571-9", display: "PHQ answer 3 (placeholder)" },
    });
  });

  it("carries the profile's LOINC panel and total codes where the questionnaire had none on its total", () => {
    const { find } = bundle();
    const gad = find("Questionnaire", "gad7") as Entry["resource"];
    expect(gad.code).toEqual([
      { system: "http://loinc.org", code: "69737-5", display: "Generalized anxiety disorder 7 item (GAD-7)" },
    ]);
    expect(gad.item.at(-1)).toMatchObject({
      linkId: "total",
      code: [{ system: "http://loinc.org", code: "70274-6", display: "GAD-7 total score" }],
      readOnly: true,
    });
  });

  it("answers a choice with its coding, the total as an integer, linked to the episode, under the pseudonym", () => {
    const { find } = bundle();
    const r = find("QuestionnaireResponse", "7-phq9") as Entry["resource"];
    expect(r.questionnaire).toBe("http://loinc.org/q/44249-1|2.72");
    expect(r.status).toBe("completed");
    expect(r.authored).toBe("2026-11-30T10:00:00.000Z");
    expect(r.subject).toEqual({ identifier: { system: "urn:rapport:pseudonym", value: "p-0123456789ab" } });
    expect(r.extension).toEqual([
      {
        url: "http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare",
        valueReference: {
          type: "EpisodeOfCare",
          identifier: { system: "urn:rapport:episode", value: "p-0123456789ab-1" },
        },
      },
    ]);
    expect(r.item[8]).toEqual({
      linkId: "/44260-8",
      answer: [
        {
          valueCoding: {
            system: "http://loinc.org",
            code: "LA6569-3",
            display: "PHQ answer 1 (placeholder)",
          },
        },
      ],
    });
    expect(r.item.at(-1)).toEqual({ linkId: "/44261-6", answer: [{ valueInteger: 11 }] });
  });

  it("exports the safety question as a yes/no choice without a total", () => {
    const { find } = bundle();
    const q = find("Questionnaire", "safety") as Entry["resource"];
    expect(q.item).toHaveLength(1);
    expect(q.item[0]).toMatchObject({ linkId: "harm", type: "choice" });
    expect(
      (q.item[0]?.answerOption as { valueCoding: { code: string } }[] | undefined)?.map(
        (o) => o.valueCoding.code,
      ),
    ).toEqual(["N", "Y"]);
    const r = find("QuestionnaireResponse", "7-safety") as Entry["resource"];
    expect(r.item).toEqual([
      {
        linkId: "harm",
        answer: [
          {
            valueCoding: {
              system: "http://terminology.hl7.org/CodeSystem/v2-0136",
              code: "N",
              display: "No",
            },
          },
        ],
      },
    ]);
  });

  it("puts rapport's own instruments under the base URL, with decimal answers and their range", () => {
    const { find } = bundle();
    const q = find("Questionnaire", "progress") as Entry["resource"];
    expect(q.url).toBe(`${BASE}/Questionnaire/progress`);
    expect(q.item[0]).toMatchObject({ type: "decimal" });
    expect(q.item[0]?.extension).toEqual([
      { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueDecimal: 0 },
      { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueDecimal: 10 },
    ]);
    const r = find("QuestionnaireResponse", "7-progress") as Entry["resource"];
    expect(r.questionnaire).toBe(`${BASE}/Questionnaire/progress`);
    expect(r.item.at(-1)).toEqual({ linkId: "total", answer: [{ valueDecimal: 20.5 }] });
  });
});
