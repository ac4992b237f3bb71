import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * CLINICAL.md, "Not on track": two methods run on the progress measure, and each warning says which
 * one fired. The trajectory's say "(default trajectory)"; the rule method's say "(rule method)" in
 * their heading, so that "on track" in the headline and "No change yet" under it read as two
 * methods, not as a contradiction. In every shipped language.
 */
const SHIPPED = fileURLToPath(new URL("../../prompts", import.meta.url));
const METHOD: Record<string, string> = {
  en: "(rule method)",
  de: "(Regelmethode)",
  es: "(método de reglas)",
};
const RULE_WARNINGS = [
  "warning_deteriorating",
  "warning_no_change_yet",
  "warning_no_change_yet_lower",
  "warning_no_longer_improved",
  "warning_change_of_plan",
  "warning_change_of_plan_fallen",
  "warning_change_of_plan_worse",
  "warning_measure_deteriorating",
  "warning_measure_no_change_yet",
  "warning_measure_no_longer_improved",
  "warning_measure_change_of_plan",
  "warning_measure_change_of_plan_fallen",
  "warning_measure_change_of_plan_worse",
];

describe("the rule method's warnings", () => {
  it.each(Object.entries(METHOD))("name their method in their heading (%s)", (lang, method) => {
    const doc = parse(readFileSync(`${SHIPPED}/${lang}/messages.yaml`, "utf8")) as {
      messages: Record<string, string>;
    };
    const unnamed = RULE_WARNINGS.filter((key) => !doc.messages[key]?.split(": ")[0]?.endsWith(method));
    expect(unnamed).toEqual([]);
  });
});
