import { readFileSync } from "node:fs";
import { parse } from "yaml";
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
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8")) ?? {};
  } catch (cause) {
    // Nothing in a file that cannot be parsed can be checked: this stands alone.
    problems.add(
      "RAPPORT_CONFIG",
      `RAPPORT_CONFIG: ${path} cannot be read as YAML: ${(cause as Error).message}`,
    );
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
