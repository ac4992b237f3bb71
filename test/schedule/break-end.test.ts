import { describe, expect, it } from "vitest";
import { breakEnd, pauseFromToday, startAndLength } from "../../src/schedule/break-end.js";

/** The day a client's break ends, as clients ask for one; today is Friday, December 4, 2026. */
const TODAY = "2026-12-04";

describe("the end of a break, as a client names it", () => {
  it.each([
    ["stop for 2 weeks", "2026-12-18"],
    ["stop for 2 weeks.", "2026-12-18"],
    ["stop for 2w", "2026-12-18"],
    ["no check ins for 14d", "2026-12-18"],
    ["no check ins for a couple of weeks", "2026-12-18"],
    ["for a week pls", "2026-12-11"],
    ["stop for the month", "2027-01-04"],
    ["can we pause till january", "2027-01-01"],
    ["no more check-ins until february pls!", "2027-02-01"],
    ["stop till jan", "2027-01-01"],
    ["pause till Monday", "2026-12-07"],
    ["stop until next week", "2026-12-07"],
    ["stop until new year", "2027-01-01"],
    ["until the 15th", "2026-12-15"],
    ["until the 3rd", "2027-01-03"],
    ["stop until dec 24", "2026-12-24"],
    ["stop until 2026-12-18", "2026-12-18"],
    ["für zwei Wochen", "2026-12-18"],
    ["bis Januar", "2027-01-01"],
    ["bitte pausieren bis zum 15.", "2026-12-15"],
    ["bis nächste Woche", "2026-12-07"],
    ["durante 3 semanas", "2026-12-25"],
    ["hasta el lunes", "2026-12-07"],
    ["pausa hasta el 5 de enero", "2027-01-05"],
    // An end and a length: the end named wins.
    ["stop for 2 weeks until monday", "2026-12-07"],
  ])("%j ends on %s", (typed, day) => {
    expect(breakEnd(typed, TODAY)).toBe(day);
  });

  it.each([
    "stop for now",
    "stop for a few weeks",
    "take a break for a while",
    "pause until after christmas",
    // December, typed in December: this one or next year's is not clear.
    "stop till december",
    // More than a year.
    "stop for 18 months",
    "stop until 2026-12-01",
    // A day just gone, without a year, is not taken as next year's: a break of a year is no one's meaning.
    "stop until dec 1",
    "stop until nov 20",
  ])("%j names no end", (typed) => {
    expect(breakEnd(typed, TODAY)).toBeUndefined();
  });
});

describe("a break from a named day for a length", () => {
  it.each([
    ["stop from dec 20 for two weeks", "2026-12-20", "2027-01-02"],
    ["stop from dec 20 for 1 week", "2026-12-20", "2026-12-26"],
    ["stopp vom 20.12. für zwei Wochen", "2026-12-20", "2027-01-02"],
    ["pausa desde el 20 de diciembre durante 2 semanas", "2026-12-20", "2027-01-02"],
  ])("%j is %s to %s, counted from that day", (typed, from, to) => {
    expect(startAndLength(typed, TODAY)).toEqual({ from, to });
  });
  it.each(["stop for two weeks", "stop from dec 20 for a few weeks", "stop from dec 20 to jan 5"])(
    "%j is not one",
    (typed) => {
      expect(startAndLength(typed, TODAY)).toBeUndefined();
    },
  );
});

/** A therapist's `pause alex 2w`: the days from today that the client's "stop for two weeks" pauses. */
describe("a therapist's pause as a length or an end", () => {
  // "stop for two weeks" typed today: check-ins go out again on the 18th, so the 4th to the 17th.
  const twoWeeks = { from: TODAY, to: "2026-12-17" };
  it("is the days before the client's break would end", () => {
    expect(breakEnd("stop for two weeks", TODAY)).toBe("2026-12-18");
    expect(pauseFromToday("for two weeks", TODAY)).toEqual(twoWeeks);
  });
  it.each([
    ["2w", twoWeeks],
    ["2 w", twoWeeks],
    ["2 weeks", twoWeeks],
    ["for two weeks", twoWeeks],
    ["For 2 Weeks.", twoWeeks],
    ["14d", twoWeeks],
    ["10 days", { from: TODAY, to: "2026-12-13" }],
    ["1d", { from: TODAY, to: TODAY }],
    ["a month", { from: TODAY, to: "2027-01-03" }],
    ["für zwei Wochen", twoWeeks],
    ["einen Monat", { from: TODAY, to: "2027-01-03" }],
    ["durante 2 semanas", twoWeeks],
    ["un mes", { from: TODAY, to: "2027-01-03" }],
    // An end is the first day check-ins come again, as in the client's "stop until jan 10".
    ["until jan 10", { from: TODAY, to: "2027-01-09" }],
    ["till 2027-01-10", { from: TODAY, to: "2027-01-09" }],
    ["bis 10. Januar", { from: TODAY, to: "2027-01-09" }],
    ["hasta el 10 de enero", { from: TODAY, to: "2027-01-09" }],
    ["until monday", { from: TODAY, to: "2026-12-06" }],
  ])("%j is %j", (typed, days) => {
    expect(pauseFromToday(typed, TODAY)).toEqual(days);
  });
  it.each([
    // Not two weeks from today: refused rather than guessed.
    "dec 20 for 2 weeks",
    "2 weeks from monday",
    "for a few weeks",
    "a while",
    "18 months",
    // Dates are readDayRange's: "dec 24 - jan 2", one day, "off".
    "2026-12-24..2027-01-02",
    "dec 24",
    "off",
    "2",
    "w",
  ])("%j is none", (typed) => {
    expect(pauseFromToday(typed, TODAY)).toBeUndefined();
  });
});
