import { existsSync, readdirSync } from "node:fs";
import { resolve as absolute, join } from "node:path";
import type { Direction } from "../clinical/reliable-change.js";
import type { TrajectoryParams } from "../clinical/trajectory.js";
import { ConfigError } from "../errors.js";
import type { Instrument } from "../prompts/schema.js";
import { display, parseFile } from "../prompts/yaml-file.js";

const PROFILES_FOLDER = "profiles";

import type { Coding } from "./fhir-meta.js";
import { type ProfileFile, profileSchema } from "./profile-schema.js";

/**
 * Scoring profiles, read at start-up and matched to the instruments they score: a clinic's own
 * profile names its instrument; a published one (PHQ-9, GAD-7) is found by the LOINC panel code
 * the imported questionnaire carries. A profile that does not fit its instrument (another total
 * range, a risk item that is not there) stops start-up, naming the profile file and the field.
 */
export interface MeasureProfile {
  id: string;
  name: string;
  /** The file it came from, for messages. */
  file: string;
  /** The file's absolute path; `builtIn`: a profile shipped with rapport. */
  path: string;
  builtIn: boolean;
  direction: Direction;
  range: { min: number; max: number };
  bands: readonly { from: number; label: Readonly<Record<string, string>> }[];
  caseness: number;
  reliableChange: number;
  /** Resolved to the instrument's own item ids. */
  riskItems: readonly { item: string; above: number }[];
  ruleMethod: boolean;
  trajectory: TrajectoryParams | null;
  combined?: "depression" | "anxiety";
  code?: Coding;
  total?: Coding;
  /** The catalog's fallback language: every band has a label in it. */
  fallback: string;
  /** Everyday words for the answers, by answer code and language (answer-words.ts). */
  answerWords: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface ProfileEntry {
  /** The file as named in messages ("the built-in profile profiles/phq9.yaml"). */
  file: string;
  /** The file's absolute path; `builtIn`: shipped with rapport. */
  path: string;
  builtIn: boolean;
  profile: ProfileFile;
}

/** Profiles of a folder (prompts/profiles), each validated on its own; `builtIn` names them so in messages. */
export function readProfiles(dir: string, builtIn = false): ProfileEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const name = builtIn ? `the built-in profile ${PROFILES_FOLDER}/${f}` : display(file);
      const profile = parseFile(file, profileSchema, { id: f });
      return { file: name, path: absolute(file), builtIn, profile };
    });
}

/**
 * The profile of an instrument, if any: the clinic's own (by instrument id), else one whose panel
 * code the instrument carries. Clinic profiles come first in `entries` and replace a built-in
 * profile of the same id.
 */
export function profileFor(
  id: string,
  instrument: Instrument,
  entries: readonly ProfileEntry[],
  fallback: string,
): MeasureProfile | undefined {
  const byId = new Map<string, ProfileEntry>();
  for (const e of entries) if (!byId.has(e.profile.id)) byId.set(e.profile.id, e);
  const unique = [...byId.values()];
  const named = unique.filter((e) => e.profile.instrument === id);
  if (named.length > 1) {
    throw new ConfigError(
      `${named.map((e) => e.file).join(" and ")}: two scoring profiles for instrument "${id}"; keep one`,
      "prompts",
    );
  }
  const codes = instrument.fhir?.code ?? [];
  const found =
    named[0] ?? unique.find((e) => !e.profile.instrument && codes.some((c) => sameCode(c, e.profile.code)));
  return found ? resolve(id, instrument, found, fallback) : undefined;
}

function sameCode(a: Coding, b: Coding | undefined): boolean {
  return b !== undefined && a.code === b.code && a.system === b.system;
}

function resolve(id: string, inst: Instrument, entry: ProfileEntry, fallback: string): MeasureProfile {
  const { profile: p, file, path, builtIn } = entry;
  const fail = (field: string, message: string) => {
    throw new ConfigError(`${file}: field "${field}": ${message}`, "prompts");
  };
  const n = inst.items.length;
  const min = n * inst.scale.min;
  const max = n * inst.scale.max;
  if (p.range.min !== min || p.range.max !== max) {
    fail(
      "range",
      `${p.range.min} to ${p.range.max}, but instrument "${id}" adds up to ${min} to ${max} (${n} items of ${inst.scale.min} to ${inst.scale.max})`,
    );
  }
  p.bands.forEach((b, i) => {
    if (!b.label[fallback]) fail(`bands.${i}.label`, `needs a label in "${fallback}", the fallback language`);
  });
  const riskItems = p.riskItems.map((r, i) => {
    const item = riskItem(inst, r.item, r.code);
    if (!item) {
      const what = r.code
        ? `no item with code ${r.code}, and item ${r.item} is not there`
        : `no item ${r.item}`;
      return fail(`riskItems.${i}.item`, `${what} in instrument "${id}"`);
    }
    if (r.above < inst.scale.min || r.above >= inst.scale.max) {
      fail(
        `riskItems.${i}.above`,
        `must lie from ${inst.scale.min} to below ${inst.scale.max}, the item's scale`,
      );
    }
    return { item, above: r.above };
  });
  return {
    id: p.id,
    name: p.name,
    file,
    path,
    builtIn,
    direction: p.direction,
    range: p.range,
    bands: p.bands,
    caseness: p.caseness,
    reliableChange: p.reliableChange,
    riskItems,
    ruleMethod: p.rules.ruleMethod,
    trajectory: p.rules.trajectory === false ? null : p.rules.trajectory,
    fallback,
    answerWords: p.answerWords,
    ...(p.combined ? { combined: p.combined } : {}),
    ...(p.code ? { code: p.code } : {}),
    ...(p.total ? { total: p.total } : {}),
  };
}

/**
 * The item a risk rule names: by its code where the instrument's items carry codes (the order of a
 * questionnaire may differ), else by position (1-based) or id.
 */
function riskItem(inst: Instrument, item: number | string, code: string | undefined): string | undefined {
  const coded = inst.fhir?.items ?? {};
  if (code) {
    const byCode = Object.entries(coded).find(([, meta]) => meta.code.some((c) => c.code === code));
    if (byCode) return byCode[0];
    // Codes on the items, but not this one: the position would point at another question.
    if (Object.values(coded).some((meta) => meta.code.length > 0)) return undefined;
  }
  const found = typeof item === "number" ? inst.items[item - 1] : inst.items.find((i) => i.id === item);
  return found?.id;
}

/** A band's word in a language, else in the fallback language the loader made sure of. */
export function bandLabel(profile: MeasureProfile, index: number, language: string): string {
  const label = profile.bands[index]?.label ?? {};
  return label[language] ?? label[profile.fallback] ?? "";
}
