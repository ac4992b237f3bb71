import { z } from "zod";
import { editDistance } from "../edit-distance.js";
import type { ConfigProblem } from "../errors.js";

/**
 * Turns what zod found wrong in a clinic config into problems a clinic's IT person can act on:
 * every one at once (fixing one and restarting to find the next wastes an afternoon), each naming
 * its setting and the value it got, and an unknown key with the known one it is near
 * ("timezone": did you mean timeZone?). Pure: the caller reads the file and throws.
 */
export function configProblems(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  schema: z.ZodType,
): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    const setting = issue.path.join(".") || "(top level)";
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ setting, message: unknownKey(key, issue.path, schema) }));
    }
    const given = valueAt(raw, issue.path);
    const message =
      issue.code === "invalid_type" && given !== undefined
        ? typeMessage(issue.expected, given)
        : issue.message;
    return [{ setting, message: `${message}${got(given)}` }];
  });
}

/**
 * What a setting of the wrong kind should be, in a clinic's words: zod's "Invalid input: expected
 * number, received string" says nothing to someone who wrote "30 min" for a number of minutes.
 */
function typeMessage(expected: string, given: unknown): string {
  switch (expected) {
    case "number":
      // "30 min" is a number with a unit; "high" is no number at all.
      return typeof given === "string" && /^\s*[-+]?\d/.test(given)
        ? "must be a number alone, without a unit (the unit is in the setting's name)"
        : "must be a number";
    case "boolean":
      return "must be true or false";
    case "string":
      return "must be text";
    case "array":
      return "must be a list";
    case "object":
      return "must be a section of settings";
    default:
      return `must be a ${expected}`;
  }
}

function unknownKey(key: string, path: readonly PropertyKey[], schema: z.ZodType): string {
  const near = nearestKey(key, path.map(String), schema);
  return `unknown key "${key}"${near ? `; did you mean ${near}?` : ""}`;
}

/**
 * The known key a typed one is near: in the same section first (written as it is there), else a
 * key of another section or of the top level, written with its section ("risk.onCall" for an
 * onCall put under clinic). Case alone never tells keys apart, and a slip of a letter or two does
 * not either, unless the key is short.
 */
export function nearestKey(key: string, section: readonly string[], schema: z.ZodType): string | undefined {
  const here = keysAt(schema, section);
  const local = closest(key, here);
  if (local) return local;
  const elsewhere = [
    ...keysAt(schema, []).map((top) => [top]),
    ...keysAt(schema, []).flatMap((top) => keysAt(schema, [top]).map((k) => [top, k])),
  ].filter((p) => p.slice(0, -1).join(".") !== section.join("."));
  const found = closest(
    key,
    elsewhere.map((p) => p.at(-1) ?? ""),
  );
  const path = found ? elsewhere.find((p) => p.at(-1) === found) : undefined;
  return path?.join(".");
}

function closest(key: string, known: readonly string[]): string | undefined {
  const typed = key.toLowerCase();
  const limit = typed.length <= 4 ? 1 : 2;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate.toLowerCase());
    // Half the word or more changed is another word ("zz" is not "z").
    const near = distance <= limit && distance * 2 < Math.max(typed.length, candidate.length);
    if (near && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** The keys of the object setting at `path` (its defaults and refinements looked through). */
function keysAt(schema: z.ZodType, path: readonly string[]): string[] {
  let at: unknown = schema;
  for (let i = 0; ; i++) {
    while (at instanceof z.ZodPrefault || at instanceof z.ZodDefault || at instanceof z.ZodOptional) {
      at = at.unwrap();
    }
    if (!(at instanceof z.ZodObject)) return [];
    const key = path[i];
    if (key === undefined) return Object.keys(at.shape);
    at = (at.shape as Record<string, unknown>)[key];
  }
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let at = raw;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** The value given, when it is one a person typed (a number, a word), for the message's end. */
function got(value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return ` (got ${JSON.stringify(value)})`;
  }
  return "";
}
