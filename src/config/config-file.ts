import { readFileSync } from "node:fs";
import { parse, YAMLError } from "yaml";
import { type ClinicConfig, clinicConfigSchema } from "./clinic-config.js";
import { configProblems } from "./config-issues.js";
import type { ProblemList } from "./problem-list.js";

/**
 * What the clinic config file (RAPPORT_CONFIG) gave: the whole config; or, when it has mistakes,
 * its clinic section alone if that one is usable, so that the crisis text is still checked in the
 * same run as the mistakes elsewhere (a missing crisis text is no consequence of a bad threshold).
 */
export interface ClinicConfigRead {
  config?: ClinicConfig;
  clinic?: ClinicConfig["clinic"];
}

/** Reads and checks the file, adding every mistake in it to `problems`, each naming its setting. */
export function readClinicConfig(path: string, problems: ProblemList): ClinicConfigRead {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    problems.add("RAPPORT_CONFIG", `RAPPORT_CONFIG: ${path} ${unreadable(cause as NodeJS.ErrnoException)}`);
    return {};
  }
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (cause) {
    // Nothing in a file that cannot be parsed can be checked: this stands alone.
    problems.add("RAPPORT_CONFIG", `RAPPORT_CONFIG: ${path} ${notYaml(cause)}`);
    return {};
  }
  const result = clinicConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, clinic: result.data.clinic };
  const found = configProblems(result.error.issues, raw, clinicConfigSchema);
  for (const p of found) {
    problems.add(p.setting, `RAPPORT_CONFIG (${path}): setting "${p.setting}": ${p.message}`);
  }
  if (found.length === 0) problems.add("RAPPORT_CONFIG", `RAPPORT_CONFIG (${path}): invalid`);
  const section =
    raw !== null && typeof raw === "object" && !Array.isArray(raw)
      ? clinicConfigSchema.shape.clinic.safeParse((raw as Record<string, unknown>).clinic)
      : undefined;
  return { clinic: section?.success ? section.data : undefined };
}

/** Why the file could not be read, without Node's "ENOENT: no such file or directory, open …". */
function unreadable(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return "is not there: there is no file at that path";
  if (error.code === "EISDIR") return "is a folder, not a file";
  if (error.code === "EACCES") return "cannot be read: permission denied";
  return `cannot be read (${error.code ?? "unknown error"})`;
}

/**
 * Where the YAML is broken, and the kind of mistake: the parser's own message quotes the lines
 * around it, and a clinic's config holds phone numbers and names, so none of it is shown.
 */
function notYaml(cause: unknown): string {
  const error = cause instanceof YAMLError ? cause : undefined;
  const at = error?.linePos?.[0];
  const where = at ? ` at line ${at.line}, column ${at.col}` : "";
  const kind = error ? ` (${error.code.toLowerCase().replaceAll("_", " ")})` : "";
  return `is not valid YAML${where}${kind}; its content is not shown`;
}
