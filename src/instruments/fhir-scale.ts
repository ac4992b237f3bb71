import type { z } from "zod";
import { RapportError } from "../errors.js";
import type { instrumentSchema } from "../prompts/schema.js";
import { type AnswerOption, extensionValue, type QuestionnaireItem } from "./fhir-input.js";
import type { FhirMetaInput } from "./fhir-meta.js";

/**
 * The one scale of an imported instrument: each asked item's answers (named choices with their
 * scores and codes, or a number range), compared item by item, since rapport asks one scale per
 * instrument. A problem is an ImportError that names the item.
 *
 * InstrumentFile: an instrument file as written (prompts/<language>/<id>.yaml).
 */
export type InstrumentFile = z.input<typeof instrumentSchema>;

export class ImportError extends RapportError {
  constructor(message: string) {
    super(message, "instrument_import");
    this.name = "ImportError";
  }
}

export type Scale =
  | { kind: "choice"; options: Option[] }
  | { kind: "integer" | "decimal"; min: number; max: number };

interface Option {
  value: number;
  label: string;
  coding?: { system?: string; code: string };
}

export function name(item: QuestionnaireItem): string {
  const text = item.text ? ` ("${shortOf(item.text)}")` : "";
  return `item ${item.linkId}${text}`;
}

export function unsupported(item: QuestionnaireItem, what: string): ImportError {
  return new ImportError(`${name(item)}: ${what}`);
}

export function scaleOf(item: QuestionnaireItem): Scale {
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

export function differs(a: Scale, b: Scale): string | undefined {
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

export function scaleFields(s: Scale): InstrumentFile["scale"] {
  if (s.kind !== "choice") return { min: s.min, max: s.max, low: String(s.min), high: String(s.max) };
  const low = s.options[0];
  const high = s.options.at(-1);
  return { min: low?.value ?? 0, max: high?.value ?? 0, low: low?.label ?? "", high: high?.label ?? "" };
}

/** Named choices (with their codes kept in the fhir block), for a choice scale. */
export function choicesOf(s: Scale, fhir: FhirMetaInput): Pick<InstrumentFile, "choices"> {
  if (s.kind !== "choice") return {};
  const coded = s.options.filter((o) => o.coding);
  if (coded.length) {
    fhir.answers = coded.map((o) => ({
      value: o.value,
      ...(o.coding?.system ? { system: o.coding.system } : {}),
      code: o.coding?.code ?? "",
    }));
  }
  return { choices: s.options.map((o) => ({ value: o.value, label: o.label })) };
}

/** The short name in summaries: the text cut at a word near 40 characters (the clinic may edit it). */
function shortOf(text: string): string {
  if (text.length <= 40) return text;
  const cut = text.slice(0, 40);
  const space = cut.lastIndexOf(" ");
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}
