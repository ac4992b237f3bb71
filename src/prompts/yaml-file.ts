import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../errors.js";

/**
 * Reading one hand-edited YAML file of the prompts folder: a problem names the file, the line and
 * the field, because a clinic edits these files by hand.
 */
export function display(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Parses and validates one file. `mustMatch` names top-level fields whose value must equal
 * the folder or file they live in (the value is given with its trailing "/" or extension).
 */
export function parseFile<S extends z.ZodType>(
  path: string,
  schema: S,
  mustMatch: Record<string, string>,
): z.infer<S> {
  const source = readFileSync(path, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? "?";
    throw new ConfigError(
      `${display(path)}:${line}: not valid YAML: ${yamlError.message.split("\n")[0]}`,
      "prompts",
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) {
    for (const [field, place] of Object.entries(mustMatch)) {
      const value = (result.data as Record<string, unknown>)[field];
      if (`${value}` !== place.replace(/(\/|\.ya?ml)$/, "")) {
        const line = lineOf(doc, [field], lineCounter);
        const where = place.endsWith("/") ? `the file is in ${place}` : `the file is named ${place}`;
        throw new ConfigError(
          `${display(path)}:${line}: field "${field}" is "${value}" but ${where}`,
          "prompts",
        );
      }
    }
    return result.data;
  }
  const issue = result.error.issues[0];
  const path_ = issue?.path ?? [];
  const field = path_.length ? path_.join(".") : "(top level)";
  const line = lineOf(doc, path_, lineCounter);
  throw new ConfigError(
    `${display(path)}:${line}: field "${field}": ${issue?.message ?? "invalid"}`,
    "prompts",
  );
}

/** The line of the deepest node that exists along the issue's path (a missing key points at its parent). */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: readonly PropertyKey[],
  counter: LineCounter,
): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (!(isMap(node) || isSeq(node))) break;
    const range = (node as { range?: [number, number, number] }).range;
    if (range) offset = range[0];
    const child = node.get(key as never, true);
    if (child === undefined) break;
    node = child;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (range) offset = range[0];
  return counter.linePos(offset).line;
}
