import { describe, expect, it } from "vitest";
import { readDayRange } from "../../src/schedule/day-range.js";

/** The days of a pause as therapists type them, in the languages rapport speaks. */
const TODAY = "2026-12-04";
const HOLIDAYS = { from: "2026-12-24", to: "2027-01-02" };

describe("reading a pause's days", () => {
  it("reads the documented form and one day", () => {
    expect(readDayRange("2026-12-24..2027-01-02", TODAY)).toEqual(HOLIDAYS);
    expect(readDayRange("2027-01-05", TODAY)).toEqual({ from: "2027-01-05", to: "2027-01-05" });
  });

  it.each([
    "dec 24 - jan 2",
    "Dec 24 – Jan 2",
    "24 Dec to 2 Jan",
    "from december 24th to january 2nd",
    "december 24th, 2026 - january 2nd, 2027",
    "dec 24 2026..jan 2 2027",
    "24.12.-2.1.",
    "24.12.2026 - 02.01.2027",
    "24. Dezember bis 2. Januar",
    "vom 24. dez bis 2. jan",
    "del 24 de diciembre al 2 de enero",
    "24 dic - 2 ene",
  ])("reads %j as the holidays, into next year", (typed) => {
    expect(readDayRange(typed, TODAY)).toEqual(HOLIDAYS);
  });

  it("takes a date without a year as the next one from today, and an end as the next from its start", () => {
    expect(readDayRange("nov 2", TODAY)).toEqual({ from: "2027-11-02", to: "2027-11-02" });
    expect(readDayRange("dec 4", TODAY)).toEqual({ from: "2026-12-04", to: "2026-12-04" });
    expect(readDayRange("jan 2 - jan 9", TODAY)).toEqual({ from: "2027-01-02", to: "2027-01-09" });
    expect(readDayRange("december 24th, 2026 - january 2nd", TODAY)).toEqual(HOLIDAYS);
    expect(readDayRange("dec 24 - jan 2 2027", TODAY)).toEqual(HOLIDAYS);
  });

  it("takes a yearless range under way as this year's, its start in the past", () => {
    expect(readDayRange("dec 1 - dec 10", TODAY)).toEqual({ from: "2026-12-01", to: "2026-12-10" });
    expect(readDayRange("nov 20 - jan 5", TODAY)).toEqual({ from: "2026-11-20", to: "2027-01-05" });
    expect(readDayRange("dec 24 - jan 2", "2027-01-01")).toEqual(HOLIDAYS);
    expect(readDayRange("dec 24 - jan 2", "2027-01-03")).toEqual(HOLIDAYS);
  });

  it("takes one that ended in the last four weeks as this year's (over), an older one as next year's", () => {
    expect(readDayRange("nov 1 - nov 10", TODAY)).toEqual({ from: "2026-11-01", to: "2026-11-10" });
    expect(readDayRange("dec 1 - dec 3", TODAY)).toEqual({ from: "2026-12-01", to: "2026-12-03" });
    expect(readDayRange("nov 6", TODAY)).toEqual({ from: "2026-11-06", to: "2026-11-06" });
    expect(readDayRange("nov 5", TODAY)).toEqual({ from: "2027-11-05", to: "2027-11-05" });
    expect(readDayRange("oct 1 - oct 20", TODAY)).toEqual({ from: "2027-10-01", to: "2027-10-20" });
  });

  it.each([
    ["12/24-1/2", "the month's place differs between countries"],
    ["2027-01-02..2026-12-24", "the first after the last"],
    ["2026-13-01", "no such month"],
    ["feb 30", "no such day"],
    ["after christmas", "no date"],
    ["dec 24 maybe", "words that are no date"],
    ["dec 24, jan 2, jan 9", "three dates"],
    ["dec 10 - dec 5", "the first after the last, which read as a year's pause"],
    ["decoration 24", "a month's letters inside a word"],
  ])("refuses %j (%s)", (typed) => {
    expect(readDayRange(typed, TODAY)).toBeUndefined();
  });
});
