import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type RiskLists, riskScreen } from "../../src/clinical/risk-screen.js";
import { riskListsSchema } from "../../src/prompts/schema.js";

// Regression: "i dont want to continue with these check ins" and "no quiero seguir con los
// cuestionarios" were read as concerns, and the client was asked about their safety instead of
// being told how to stop. Named, the check-ins are what the client means; unnamed, "i dont want to
// continue" stays a concern (over-triggering is acceptable, a missed concern is not).
const promptsDir = new URL("../../prompts/", import.meta.url);
const screen = riskScreen(
  ["en", "de", "es"].map(
    (language) =>
      riskListsSchema.parse(
        parse(readFileSync(new URL(`${language}/risk.yaml`, promptsDir), "utf8")),
      ) as RiskLists,
  ),
);

describe("a wish to stop the check-ins that names them", () => {
  it.each([
    "i dont want to continue with these check ins",
    "I don't want to keep doing these questionnaires",
    "honestly i dont wanna continue the check-ins",
    "no quiero seguir con los cuestionarios",
    "ya no quiero seguir respondiendo estas preguntas",
  ])("%s is no risk", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });

  it.each([
    "i dont want to continue",
    "i dont want to continue like this",
    "i dont want to continue with these check ins. i dont want to be here anymore",
    "no quiero seguir",
    "no quiero seguir asi",
  ])("%s is still a concern or more", (text) => {
    expect(screen.screen(text)?.tier).toBeDefined();
  });
});
