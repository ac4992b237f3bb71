import { describe, expect, it } from "vitest";
import { elapsedText } from "../../src/engine/format.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("how long an alert has been open, in words", () => {
  it.each([
    [31 * MIN, "en", "31 minutes"],
    [119 * MIN, "en", "119 minutes"],
    [2 * HOUR, "en", "2 hours"],
    [2 * HOUR + 29 * MIN, "en", "2 hours and 29 minutes"],
    [2 * HOUR + 30 * MIN, "de", "2 Stunden und 30 Minuten"],
    [47 * HOUR, "en", "47 hours"],
    [2 * DAY, "en", "2 days"],
    [6 * DAY + 3 * HOUR + 20 * MIN, "en", "6 days and 3 hours"],
    [DAY * 2 + HOUR, "en", "2 days and 1 hour"],
    [6 * DAY + 3 * HOUR, "de", "6 Tage und 3 Stunden"],
    [45 * MIN, "de", "45 Minuten"],
    [6 * DAY + 3 * HOUR, "es", "6 días y 3 horas"],
    [-5 * MIN, "en", "0 minutes"],
  ])("%d ms in %s: %s", (ms, language, text) => {
    expect(elapsedText(ms, language)).toBe(text);
  });
});
