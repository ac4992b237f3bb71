import type { z } from "zod";
import { RapportError } from "../errors.js";
import { instrumentSchema } from "../prompts/schema.js";
import {
  type AnswerOption,
  extensionValue,
  hasExtension,
  type InputCoding,
  type QuestionnaireItem,
  questionnaireInput,
} from "./fhir-input.js";
import type { Coding, FhirMeta, FhirMetaInput } from "./fhir-meta.js";

/**
 * `rapport instrument import FILE.json`: a FHIR R4 Questionnaire as a rapport instrument. rapport
 * asks a flat list of items on one scale, so it takes items of type choice (answerOption with
 * valueCoding and a score, or valueInteger), integer and decimal (with minValue and maxValue);
 * groups are flattened, display items and enableWhen are left out with a warning, and a read-only
 * or calculated number is taken as the questionnaire's total. Anything else is refused with an
 * error that names the item. Pure: the caller reads the file and writes the instrument.
 */
export type InstrumentFile = z.input<typeof instrumentSchema>;

export interface ImportOptions {
  /** The instrument id; else a built-in profile's id for its panel code, else the questionnaire's name. */
  id?: string;
  /** The prompts language; else the questionnaire's own, else "en". */
  language?: string;
  /** linkIds to leave out (an unscored item, such as the PHQ-9's difficulty question). */
  skip?: readonly string[];
  /** Built-in profiles by panel code: an imported PHQ-9 is called phq9. */
  profiles?: readonly { id: string; code?: Coding }[];
}

export interface Imported {
  instrument: InstrumentFile;
  warnings: string[];
}

export class ImportError extends RapportError {
  constructor(message: string) {
    super(message, "instrument_import");
    this.name = "ImportError";
  }
}

type Scale =
  | { kind: "choice"; options: Option[] }
  | { kind: "integer" | "decimal"; min: number; max: number };

interface Option {
  value: number;
  label: string;
  coding?: { system?: string; code: string };
}

const ID = /^[a-z][a-z0-9_]*$/;

export function importQuestionnaire(json: unknown, options: ImportOptions = {}): Imported {
  const parsed = questionnaireInput.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(
      `not a Questionnaire rapport can read: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`,
    );
  }
  const q = parsed.data;
  const warnings: string[] = [];
  const skip = new Set(options.skip ?? []);
  const all = flatten(q.item);
  for (const linkId of skip) {
    if (!all.some((i) => i.linkId === linkId))
      throw new ImportError(`--skip ${linkId}: the questionnaire has no item with that linkId`);
  }
  const asked: { item: QuestionnaireItem; scale: Scale }[] = [];
  let total: FhirMeta["total"];
  for (const item of all.filter((i) => !skip.has(i.linkId))) {
    if (item.type === "group") continue;
    if (item.type === "display") {
      warnings.push(`${name(item)}: a display item, not asked`);
      continue;
    }
    if (item.enableWhen?.length) warnings.push(`${name(item)}: enableWhen ignored, rapport asks every item`);
    if (item.readOnly || hasExtension(item.extension, "calculatedExpression")) {
      if (item.type !== "integer" && item.type !== "decimal")
        throw unsupported(item, "a read-only item that is not a number");
      if (total)
        warnings.push(`${name(item)}: a second read-only number, left out (the total is ${total.linkId})`);
      else total = { linkId: item.linkId, code: codings(item.code, warnings, item) };
      continue;
    }
    asked.push({ item, scale: scaleOf(item) });
  }
  const first = asked[0];
  if (!first)
    throw new ImportError("the questionnaire has no item rapport can ask (choice, integer or decimal)");
  for (const { item, scale } of asked.slice(1)) {
    const why = differs(first.scale, scale);
    if (why) {
      throw unsupported(
        item,
        `its ${why} from the first item's (${first.item.linkId}): rapport asks one scale per instrument (leave the item out with --skip ${item.linkId})`,
      );
    }
  }
  const code = codings(q.code, warnings);
  const id = options.id ?? defaultId(q, code, options.profiles ?? []);
  if (!ID.test(id))
    throw new ImportError(
      `instrument id "${id}" must be lower-case letters, digits or _ (give one with --id)`,
    );
  if (!q.url)
    warnings.push(
      "the questionnaire has no url: the export will give it one under the clinic's fhir.baseUrl",
    );
  const title = (q.title ?? q.name ?? id).trim();
  const ids = itemIds(asked.map((a) => a.item.linkId));
  const fhir: FhirMetaInput = {
    ...(q.url ? { url: q.url } : {}),
    ...(q.version ? { version: q.version } : {}),
    ...(q.name ? { name: q.name } : {}),
    code,
    ...(first.scale.kind === "choice" ? {} : { answerType: first.scale.kind }),
    items: Object.fromEntries(
      asked.map((a, i) => [
        ids[i] as string,
        { linkId: a.item.linkId, code: codings(a.item.code, warnings, a.item) },
      ]),
    ),
    ...(total ? { total } : {}),
  };
  const instrument: InstrumentFile = {
    id,
    language: (options.language ?? q.language ?? "en").split(/[-_]/)[0]?.toLowerCase() ?? "en",
    title,
    intro: q.description?.split("\n")[0]?.trim() || title,
    scale: scaleFields(first.scale),
    ...choicesOf(first.scale, fhir),
    items: asked.map((a, i) => ({
      id: ids[i] as string,
      text: textOf(a.item),
      short: shortOf(textOf(a.item)),
    })),
    fhir,
  };
  const checked = instrumentSchema.safeParse(instrument);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ImportError(
      `the instrument made from it is not valid: ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return { instrument, warnings };
}

function flatten(items: readonly QuestionnaireItem[]): QuestionnaireItem[] {
  return items.flatMap((item) => {
    if (item.type === "group") return [item, ...flatten(item.item ?? [])];
    if (item.item?.length) throw unsupported(item, "items nested under a question");
    return [item];
  });
}

function name(item: QuestionnaireItem): string {
  const text = item.text ? ` ("${shortOf(item.text)}")` : "";
  return `item ${item.linkId}${text}`;
}

function unsupported(item: QuestionnaireItem, what: string): ImportError {
  return new ImportError(`${name(item)}: ${what}`);
}

function scaleOf(item: QuestionnaireItem): Scale {
  if (item.repeats) throw unsupported(item, "repeats (several answers) is not supported");
  if (item.type === "integer" || item.type === "decimal") {
    const min = extensionValue(item.extension, "minValue");
    const max = extensionValue(item.extension, "maxValue");
    if (min === undefined || max === undefined || max <= min) {
      throw unsupported(
        item,
        `type ${item.type} needs minValue and maxValue extensions (its range, such as 0 to 10)`,
      );
    }
    return { kind: item.type, min, max };
  }
  if (item.type !== "choice") {
    throw unsupported(
      item,
      `type "${item.type}" is not supported; rapport imports choice, integer and decimal items`,
    );
  }
  if (!item.answerOption?.length) {
    throw unsupported(
      item,
      item.answerValueSet
        ? "answerValueSet is not supported: list the answers as answerOption"
        : "a choice without answerOption",
    );
  }
  const options = item.answerOption.map((o, i) => option(item, o, i));
  return { kind: "choice", options: options.sort((a, b) => a.value - b.value) };
}

/** An answer's score: an ordinalValue (itemWeight, iso21090-CO-value) extension, a numeric code, or the integer itself. */
function option(item: QuestionnaireItem, o: AnswerOption, i: number): Option {
  if (o.valueInteger !== undefined) return { value: o.valueInteger, label: String(o.valueInteger) };
  const c = o.valueCoding;
  if (!c?.code)
    throw unsupported(item, `answerOption ${i + 1} is neither a valueCoding with a code nor a valueInteger`);
  const score =
    extensionValue(o.extension, "ordinalValue", "itemWeight", "iso21090-CO-value") ??
    extensionValue(c.extension, "ordinalValue", "itemWeight", "iso21090-CO-value") ??
    (/^-?\d+$/.test(c.code) ? Number(c.code) : undefined);
  if (score === undefined || !Number.isInteger(score)) {
    throw unsupported(
      item,
      `answerOption ${i + 1} (${c.code}) has no whole-number score: add an ordinalValue extension`,
    );
  }
  return {
    value: score,
    label: c.display?.trim() || c.code,
    coding: { ...(c.system ? { system: c.system } : {}), code: c.code },
  };
}

function differs(a: Scale, b: Scale): string | undefined {
  if (a.kind !== b.kind) return `type (${b.kind}) differs`;
  if (a.kind === "choice" && b.kind === "choice") {
    const same =
      a.options.length === b.options.length &&
      a.options.every((o, i) => o.value === b.options[i]?.value && o.label === b.options[i]?.label);
    return same ? undefined : "answers differ";
  }
  if (a.kind !== "choice" && b.kind !== "choice" && (a.min !== b.min || a.max !== b.max))
    return "range differs";
  return undefined;
}

function scaleFields(s: Scale): InstrumentFile["scale"] {
  if (s.kind !== "choice") return { min: s.min, max: s.max, low: String(s.min), high: String(s.max) };
  const low = s.options[0];
  const high = s.options.at(-1);
  return { min: low?.value ?? 0, max: high?.value ?? 0, low: low?.label ?? "", high: high?.label ?? "" };
}

/** Named choices (with their codes kept in the fhir block), for a choice scale. */
function choicesOf(s: Scale, fhir: FhirMetaInput): Pick<InstrumentFile, "choices"> {
  if (s.kind !== "choice") return {};
  const coded = s.options.filter((o) => o.coding);
  if (coded.length) fhir.answers = coded.map((o) => ({ value: o.value, code: "", ...o.coding }));
  return { choices: s.options.map((o) => ({ value: o.value, label: o.label })) };
}

function codings(
  list: readonly InputCoding[] | undefined,
  warnings: string[],
  item?: QuestionnaireItem,
): Coding[] {
  const kept: Coding[] = [];
  for (const c of list ?? []) {
    if (c.system && c.code)
      kept.push({ system: c.system, code: c.code, ...(c.display ? { display: c.display } : {}) });
    else warnings.push(`${item ? name(item) : "the questionnaire"}: a code without system or code, left out`);
  }
  return kept;
}

function defaultId(
  q: { name?: string; id?: unknown },
  code: readonly Coding[],
  profiles: ImportOptions["profiles"] = [],
): string {
  const known = profiles.find(
    (p) => p.code && code.some((c) => c.system === p.code?.system && c.code === p.code?.code),
  );
  if (known) return known.id;
  const raw = q.name ?? (typeof q.id === "string" ? q.id : "");
  const id = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(id) ? id : `q_${id}`;
}

/** A linkId that is already a rapport item id is kept ("phq9_1"); any other gives item1, item2, ... */
function itemIds(linkIds: readonly string[]): string[] {
  const mapped = linkIds.map((l) => l.toLowerCase());
  const usable = mapped.every((l) => ID.test(l)) && new Set(mapped).size === mapped.length;
  return usable ? mapped : linkIds.map((_, i) => `item${i + 1}`);
}

function textOf(item: QuestionnaireItem): string {
  const text = item.text?.trim();
  if (!text) throw unsupported(item, "has no text to ask");
  return text;
}

/** The short name in summaries: the text cut at a word near 40 characters (the clinic may edit it). */
function shortOf(text: string): string {
  if (text.length <= 40) return text;
  const cut = text.slice(0, 40);
  const space = cut.lastIndexOf(" ");
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}
