import { describe, expect, it } from "vitest";
import { phq9Clinic } from "../helpers/measures.js";

/**
 * `summary ALIAS` before a session: "Safety question: no each time it was asked (3)" stood right
 * above a PHQ-9 item 9 answered above 0 under "Risk:". Accurate, but it read as reassurance beside a
 * disclosure: the line says the item's answer too.
 */
const clinic = phq9Clinic();

/**
 * Three weekly check-ins, the safety question answered no; the third has PHQ-9 item 9 at `ninth`
 * (above 0, it is left at the safety question). Nothing falls due between them.
 */
async function safetyLine(language: string, ninth: number): Promise<string> {
  const c = await clinic.checkins({
    language,
    instruments: ["progress", "phq9"],
    before: [5, 5, 5, 5],
    phq9: [0, 0, ninth].map((item9) => [1, 1, 1, 1, 1, 1, 1, 1, item9]),
    after: (c) => c.clock.advance(7 * 24 * 3_600_000),
  });
  const [summary] = await c.say("rivera", "summary alex");
  const lines = summary?.message.text.split("\n") ?? [];
  return lines.find((l) => /^(Safety question|Sicherheitsfrage|Pregunta de seguridad):/.test(l)) ?? "";
}

describe("the safety line before a session, beside a risk item answered above 0", () => {
  it.each([
    [
      "en",
      /^Safety question: no each time it was asked \(\d\), but PHQ-9 item 9 answered above 0 on .+2026\.$/,
    ],
    [
      "de",
      /^Sicherheitsfrage: jedes Mal nein \(\d\), aber die PHQ-9-Frage 9 am .+2026 mit mehr als 0 beantwortet\.$/,
    ],
    [
      "es",
      /^Pregunta de seguridad: no, cada vez que se hizo \(\d\), pero la pregunta 9 del PHQ-9 respondida por encima de 0 el .+2026\.$/,
    ],
  ])("%s: says the item's answer in the same line", async (language, expected) => {
    expect(await safetyLine(language, 1)).toMatch(expected);
  });

  it("stays as it was when the item was answered 0", async () => {
    expect(await safetyLine("en", 0)).toBe("Safety question: no each time it was asked (3).");
  });
});
