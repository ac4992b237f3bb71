import { round1 } from "../clinical/scores.js";
import type { PromptCatalog } from "../prompts/load.js";
import { wordingFor } from "../prompts/render.js";
import type { Instrument } from "../prompts/schema.js";
import type { ExportRow } from "../store/types.js";
import type { Pseudonym } from "./export.js";
import {
  answerOf,
  canonicalRef,
  EXTENSION,
  fhirId,
  hasTotal,
  linkIdOf,
  questionnaire,
  type Resource,
  totalAnswer,
  totalLinkId,
} from "./fhir-questionnaire.js";

/**
 * `rapport export --format fhir` (CLINICAL.md, Interchange): a FHIR R4 Bundle (a collection,
 * stamped with the time it was made) of a Questionnaire per instrument and a QuestionnaireResponse
 * per instrument of each completed check-in: status completed, the client under a pseudonym, the
 * time it was completed, the episode it belongs to, each answer typed as its item, and the total
 * (with its LOINC code where the measure has one) as a read-only item. Every entry has a fullUrl
 * under the clinic's base URL.
 */
interface FhirExportOptions {
  /** The clinic's base URL (config `fhir.baseUrl`), without a trailing slash. */
  baseUrl: string;
  /** The Bundle's timestamp. */
  now: string;
  /** Instruments to describe even without answers yet: the clinic's check-in. */
  instruments?: readonly string[];
}

const PSEUDONYM_SYSTEM = "urn:rapport:pseudonym";
const EPISODE_SYSTEM = "urn:rapport:episode";

export function toFhir(
  rows: readonly ExportRow[],
  catalog: PromptCatalog,
  pseudonym: Pseudonym,
  options: FhirExportOptions,
): Resource {
  const w = wordingFor(catalog);
  const ids = [...new Set([...(options.instruments ?? []), ...rows.map((r) => r.instrument)])];
  const resources: Resource[] = ids.map((id) => questionnaire(id, w.instrument(id), options.baseUrl));
  for (const answers of responses(rows)) {
    const first = answers[0];
    if (first) {
      const subject = { pseudonym: pseudonym(first.clientId), episode: first.episode };
      resources.push(response(first, answers, w.instrument(first.instrument), subject, options.baseUrl));
    }
  }
  return {
    resourceType: "Bundle",
    id: fhirId(`export-${Date.parse(options.now)}`),
    type: "collection",
    timestamp: options.now,
    entry: resources.map((resource) => ({
      fullUrl: `${options.baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
    })),
  };
}

/** The answers of each check-in and instrument, in the order of the rows. */
function responses(rows: readonly ExportRow[]): ExportRow[][] {
  const groups = new Map<string, ExportRow[]>();
  for (const r of rows) {
    const key = `${r.checkinId}:${r.instrument}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

function response(
  first: ExportRow,
  answers: readonly ExportRow[],
  inst: Instrument,
  subject: { pseudonym: string; episode: number },
  baseUrl: string,
): Resource {
  const item: Record<string, unknown>[] = answers.map((a) => ({
    linkId: linkIdOf(inst, a.item),
    answer: [answerOf(inst, a.value)],
  }));
  if (hasTotal(inst)) {
    const total = round1(answers.reduce((sum, a) => sum + a.value, 0));
    item.push({ linkId: totalLinkId(inst), answer: [totalAnswer(inst, total)] });
  }
  return {
    resourceType: "QuestionnaireResponse",
    id: fhirId(`${first.checkinId}-${first.instrument}`),
    // The episode of care the check-in belongs to (a logical reference: rapport exports no
    // EpisodeOfCare): the client's own number of it, under their pseudonym so that the identifier
    // is one episode's only ("p-…-2": their second), and saying nothing of other clients' episodes.
    extension: [
      {
        url: EXTENSION.episodeOfCare,
        valueReference: {
          type: "EpisodeOfCare",
          identifier: { system: EPISODE_SYSTEM, value: `${subject.pseudonym}-${subject.episode}` },
        },
      },
    ],
    questionnaire: canonicalRef(first.instrument, inst, baseUrl),
    status: "completed",
    subject: { identifier: { system: PSEUDONYM_SYSTEM, value: subject.pseudonym } },
    authored: first.completedAt,
    item,
  };
}
