import { instrumentSchema } from "../prompts/schema.js";
import { hasExtension, type InputCoding, type QuestionnaireItem, questionnaireInput } from "./fhir-input.js";
import type { Coding, FhirMeta, FhirMetaInput } from "./fhir-meta.js";
import {
  choicesOf,
  differs,
  ImportError,
  type InstrumentFile,
  name,
  type Scale,
  scaleFields,
  scaleOf,
  unsupported,
} from "./fhir-scale.js";
import { type ShortNameSource, shortNames } from "./short-names.js";

/**
 * `rapport instrument import FILE.json`: a FHIR R4 Questionnaire as a rapport instrument. rapport
 * asks a flat list of items on one scale, so it takes items of type choice (answerOption with
 * valueCoding and a score, or valueInteger), integer and decimal (with minValue and maxValue);
 * groups are flattened, display items and enableWhen are left out with a warning, and a read-only
 * or calculated number is taken as the questionnaire's total. Anything else is refused with an
 * error that names the item. Pure: the caller reads the file and writes the instrument.
 */
export { ImportError };

export interface ImportOptions {
  /** The instrument id; else a built-in profile's id for its panel code, else the questionnaire's name. */
  id?: string;
  /** The prompts language; else the questionnaire's own, else "en". */
  language?: string;
  /** linkIds to leave out (an unscored item, such as the PHQ-9's difficulty question). */
  skip?: readonly string[];
  /**
   * Scoring profiles (the clinic's own first): by panel code, an imported PHQ-9 is called phq9,
   * and the profile of the instrument (by id or panel code) gives its items' short names.
   */
  profiles?: readonly ImportProfile[];
}

export interface ImportProfile extends ShortNameSource {
  code?: Coding;
  /** A clinic's own profile: the instrument id it scores. */
  instrument?: string;
}

export interface Imported {
  instrument: InstrumentFile;
  warnings: string[];
  /** The profile whose short names the items got; none: each was cut from the item's text. */
  shortNamesFrom?: string;
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
  const language = (options.language ?? q.language ?? "en").split(/[-_]/)[0]?.toLowerCase() ?? "en";
  const short = shortNames(
    asked.map((a) => ({ text: textOf(a.item), codes: (a.item.code ?? []).flatMap((c) => c.code ?? []) })),
    language,
    profileOf(id, code, options.profiles ?? []),
  );
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
    language,
    title,
    intro: q.description?.split("\n")[0]?.trim() || title,
    scale: scaleFields(first.scale),
    ...choicesOf(first.scale, fhir),
    items: asked.map((a, i) => ({
      id: ids[i] as string,
      text: textOf(a.item),
      short: short.names[i] as string,
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
  return { instrument, warnings, ...(short.profile ? { shortNamesFrom: short.profile } : {}) };
}

function flatten(items: readonly QuestionnaireItem[]): QuestionnaireItem[] {
  return items.flatMap((item) => {
    if (item.type === "group") return [item, ...flatten(item.item ?? [])];
    if (item.item?.length) throw unsupported(item, "items nested under a question");
    return [item];
  });
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
  profiles: readonly ImportProfile[] = [],
): string {
  const known = profiles.find((p) => !p.instrument && coded(p, code));
  if (known) return known.id;
  const raw = q.name ?? (typeof q.id === "string" ? q.id : "");
  const id = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(id) ? id : `q_${id}`;
}

function coded(p: ImportProfile, code: readonly Coding[]): boolean {
  return p.code !== undefined && code.some((c) => c.system === p.code?.system && c.code === p.code?.code);
}

/** The profile that will score the instrument, as start-up matches it (profiles.ts): by id, else panel code. */
function profileOf(id: string, code: readonly Coding[], profiles: readonly ImportProfile[]) {
  return profiles.find((p) => p.instrument === id) ?? profiles.find((p) => !p.instrument && coded(p, code));
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
