import type { Instrument } from "../prompts/schema.js";

/**
 * An instrument as a FHIR R4 Questionnaire, and an answer to it as a QuestionnaireResponse answer.
 * An imported instrument gives back what it came with (canonical URL, version, linkIds, codes,
 * coded answers); rapport's own get URLs under the clinic's base URL. Pure.
 */
export const EXTENSION = {
  ordinalValue: "http://hl7.org/fhir/StructureDefinition/ordinalValue",
  minValue: "http://hl7.org/fhir/StructureDefinition/minValue",
  maxValue: "http://hl7.org/fhir/StructureDefinition/maxValue",
  episodeOfCare: "http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare",
} as const;

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

/** A FHIR id allows letters, digits, "-" and "." (up to 64): rapport's "_" becomes "-". */
export function fhirId(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/g, "-").slice(0, 64);
}

function canonicalUrl(id: string, inst: Instrument, baseUrl: string): string {
  return inst.fhir?.url ?? `${baseUrl}/Questionnaire/${fhirId(id)}`;
}

/** The canonical a response points at: with the version, when the questionnaire has one. */
export function canonicalRef(id: string, inst: Instrument, baseUrl: string): string {
  const url = canonicalUrl(id, inst, baseUrl);
  return inst.fhir?.version ? `${url}|${inst.fhir.version}` : url;
}

/** A single question (the safety question) has no total worth sending: its total is its answer. */
export function hasTotal(inst: Instrument): boolean {
  return inst.items.length > 1;
}

function itemType(inst: Instrument): "choice" | "integer" | "decimal" {
  return inst.choices ? "choice" : (inst.fhir?.answerType ?? "decimal");
}

/** Whole-number answers (named choices, integer items) have a whole-number total. */
function totalType(inst: Instrument): "integer" | "decimal" {
  return itemType(inst) === "decimal" ? "decimal" : "integer";
}

export function linkIdOf(inst: Instrument, item: string): string {
  return inst.fhir?.items[item]?.linkId ?? item;
}

export function totalLinkId(inst: Instrument): string {
  return inst.fhir?.total?.linkId ?? "total";
}

function coded(inst: Instrument, value: number) {
  return inst.fhir?.answers?.find((a) => a.value === value);
}

/** A choice's value as FHIR holds it: its coding where it has one, else the value itself. */
function choiceValue(inst: Instrument, value: number): Record<string, unknown> {
  const code = coded(inst, value);
  const label = inst.choices?.find((c) => c.value === value)?.label;
  if (!code) return { valueInteger: value };
  return {
    valueCoding: { ...(code.system ? { system: code.system } : {}), code: code.code, display: label },
  };
}

/** One answer of a response, typed as its questionnaire item. */
export function answerOf(inst: Instrument, value: number): Record<string, unknown> {
  const type = itemType(inst);
  if (type === "choice") return choiceValue(inst, value);
  if (type === "integer" && Number.isInteger(value)) return { valueInteger: value };
  return { valueDecimal: value };
}

export function totalAnswer(inst: Instrument, total: number): Record<string, unknown> {
  return totalType(inst) === "integer" && Number.isInteger(total)
    ? { valueInteger: total }
    : { valueDecimal: total };
}

function range(inst: Instrument, type: "integer" | "decimal") {
  const key = type === "integer" ? "valueInteger" : "valueDecimal";
  return [
    { url: EXTENSION.minValue, [key]: inst.scale.min },
    { url: EXTENSION.maxValue, [key]: inst.scale.max },
  ];
}

function questionItem(inst: Instrument, item: Instrument["items"][number]): Record<string, unknown> {
  const type = itemType(inst);
  const code = inst.fhir?.items[item.id]?.code ?? [];
  const base = { linkId: linkIdOf(inst, item.id), ...(code.length ? { code } : {}), text: item.text, type };
  if (type !== "choice") return { ...base, extension: range(inst, type), required: true };
  const answerOption = (inst.choices ?? []).map((c) => ({
    extension: [{ url: EXTENSION.ordinalValue, valueDecimal: c.value }],
    ...choiceValue(inst, c.value),
  }));
  return { ...base, required: true, answerOption };
}

/** The Questionnaire of an instrument; `title` and item texts are in the instrument's language. */
export function questionnaire(id: string, inst: Instrument, baseUrl: string): Resource {
  const code = inst.fhir?.code.length ? inst.fhir.code : inst.profile?.code ? [inst.profile.code] : [];
  const totalCode = inst.fhir?.total?.code.length
    ? inst.fhir.total.code
    : inst.profile?.total
      ? [inst.profile.total]
      : [];
  const items = inst.items.map((item) => questionItem(inst, item));
  if (hasTotal(inst)) {
    items.push({
      linkId: totalLinkId(inst),
      ...(totalCode.length ? { code: totalCode } : {}),
      text: inst.profile ? `${inst.profile.name} total` : "Total",
      type: totalType(inst),
      readOnly: true,
    });
  }
  return {
    resourceType: "Questionnaire",
    id: fhirId(id),
    url: canonicalUrl(id, inst, baseUrl),
    ...(inst.fhir?.version ? { version: inst.fhir.version } : {}),
    name: inst.fhir?.name ?? machineName(id),
    title: inst.title,
    status: "active",
    language: inst.language,
    ...(code.length ? { code } : {}),
    item: items,
  };
}

/** "progress" → "Progress", "my_scale" → "MyScale": the form FHIR suggests for a machine name. */
function machineName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
