import { describe, expect, it } from "vitest";
import { breakEnd } from "../../src/schedule/break-end.js";
import { weekdayInText, weekdayNumber } from "../../src/schedule/weekday-names.js";

/**
 * One table of weekday names for two readers: a therapist's command takes the short forms too
 * ("di", "so", "sa"), a client's free text only the names ("until monday", "bis Freitag"), where
 * "so" and "sa" are ordinary words. The two were separate tables, which could drift apart.
 */
describe("weekday names in a client's free text", () => {
  it.each([
    ["monday", 1],
    ["mon", 1],
    ["lunes", 1],
    ["tues", 2],
    ["dienstag", 2],
    ["miércoles", 3],
    ["miercoles", 3],
    ["thurs", 4],
    ["freitag", 5],
    ["sonnabend", 6],
    ["sábado", 6],
    ["sabado", 6],
    ["sun", 7],
    ["domingo", 7],
  ])("%s is day %i, as in a therapist's command", (word, day) => {
    expect(weekdayInText(word)).toBe(day);
    expect(weekdayNumber(word)).toBe(day);
  });

  it("never reads a short form or a plural, which a therapist's command reads", () => {
    for (const word of ["so", "sa", "di", "mo", "do", "fr", "mi", "die", "mit", "don", "mar", "mié", "sáb"]) {
      expect(weekdayInText(word), word).toBeUndefined();
      expect(weekdayNumber(word), word).toBeDefined();
    }
    for (const word of ["dienstags", "sábados", "domingos"])
      expect(weekdayInText(word), word).toBeUndefined();
  });

  it("reads the same in a break's end: 'bis Freitag' is a day, 'bis so' none", () => {
    // Tuesday, December 1.
    expect(breakEnd("pause bis freitag", "2026-12-01")).toBe("2026-12-04");
    expect(breakEnd("pause bis so", "2026-12-01")).toBeUndefined();
  });
});
