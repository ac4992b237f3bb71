import { describe, expect, it } from "vitest";
import { parseScore, parseYesNo } from "../../src/engine/score-input.js";

describe("parseScore on a 0 to 10 scale", () => {
  it.each([
    ["7", 7],
    [" 7 ", 7],
    ["7.5", 7.5],
    ["7,5", 7.5],
    ["7/10", 7],
    ["7 / 10", 7],
    ["7.5/10", 7.5],
    ["0", 0],
    ["10", 10],
    ["10.0", 10],
    ["0.1", 0.1],
    ["\t8\n", 8],
  ])("accepts %j as %d", (text, value) => {
    expect(parseScore(text, 0, 10)).toEqual({ ok: true, value });
  });

  it.each([
    ["a word", "eleven"],
    ["above the maximum", "11"],
    ["a negative number", "-1"],
    ["a decimal above the maximum", "10.5"],
    ["two decimals", "7.25"],
    ["a different scale", "7/5"],
    ["an emoji", "👍"],
    ["an empty string", ""],
    ["only whitespace", "   "],
    ["a 5,000-digit paste", "7".repeat(5000)],
    ["trailing letters", "7abc"],
    ["two numbers", "3 4"],
    ["a trailing dot", "7."],
    ["a leading dot", ".5"],
    ["three digits", "100"],
    ["a missing denominator", "7/"],
    ["non-ASCII digits", "٧"],
  ])("refuses %s (%j)", (_label, text) => {
    expect(parseScore(text, 0, 10)).toEqual({ ok: false });
  });

  it("uses the scale it is given for the range and the denominator", () => {
    expect(parseScore("4/5", 1, 5)).toEqual({ ok: true, value: 4 });
    expect(parseScore("0", 1, 5)).toEqual({ ok: false });
    expect(parseScore("6", 1, 5)).toEqual({ ok: false });
    expect(parseScore("4/10", 1, 5)).toEqual({ ok: false });
  });
});

describe("parseYesNo", () => {
  it.each(["yes", "Yes", "YES!", "y", "Yes, I agree", "I agree.", "agree", "ok", "Okay", "  yes  "])(
    "reads %j as yes",
    (text) => {
      expect(parseYesNo(text)).toBe("yes");
    },
  );

  it.each(["no", "No.", "n", "No, thanks", "no thanks", "No thank you!", " NO "])(
    "reads %j as no",
    (text) => {
      expect(parseYesNo(text)).toBe("no");
    },
  );

  it.each(["", "   ", "maybe", "yes please", "nope", "7", "yes no", "👍"])(
    "does not guess for %j",
    (text) => {
      expect(parseYesNo(text)).toBeUndefined();
    },
  );
});
