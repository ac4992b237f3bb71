import { afterEach, describe, expect, it } from "vitest";
import { scoreHint } from "../../src/engine/checkin/score-hint.js";
import { Conversation } from "../helpers/conversation.js";

/** A range or a misspelt number at a score question is asked about as what it is; nothing is stored. */
let c: Conversation | undefined;
afterEach(() => c?.close());

const EN = {
  numbers: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
  out_of: [],
};

describe("what a typed answer comes close to", () => {
  it("reads a range of two near scores, either way round, with the middle when it can be typed", () => {
    expect(scoreHint("6-7", 0, 10, EN)).toEqual({ kind: "range", low: 6, high: 7, middle: 6.5 });
    expect(scoreHint("so 7 - 6ish", 0, 10, EN)).toEqual({ kind: "range", low: 6, high: 7, middle: 6.5 });
    expect(scoreHint("between six and eight", 0, 10, EN)).toEqual({
      kind: "range",
      low: 6,
      high: 8,
      middle: 7,
    });
    expect(scoreHint("6.5 or 7", 0, 10, EN)).toEqual({ kind: "range", low: 6.5, high: 7 });
    // After the hedges a single score may have ("na so", "yo diria q", "yeah"), still a range.
    expect(scoreHint("na so 7 oder 8", 0, 10, EN)).toEqual({ kind: "range", low: 7, high: 8, middle: 7.5 });
    expect(scoreHint("yo diria q 6 o 7", 0, 10, EN)).toEqual({ kind: "range", low: 6, high: 7, middle: 6.5 });
    expect(scoreHint("yeah like 6-7", 0, 10, EN)).toEqual({ kind: "range", low: 6, high: 7, middle: 6.5 });
    // The scale's ends quoted back, a number off the scale, and words are no range.
    for (const text of ["0-10", "1 to 10", "9-11", "me and you", "ok so", "i had 6 or 7"]) {
      expect(scoreHint(text, 0, 10, EN), text).toBeUndefined();
    }
  });

  it("reads a number word one letter off: left out, one too many, or two swapped; never one changed", () => {
    expect(scoreHint("sevn", 0, 10, EN)).toEqual({ kind: "spelling", value: 7 });
    expect(scoreHint("eigth", 0, 10, EN)).toEqual({ kind: "spelling", value: 8 });
    expect(scoreHint("fivee", 0, 10, EN)).toEqual({ kind: "spelling", value: 5 });
    for (const text of ["fine", "good", "nine", "sevn things", "ten"]) {
      expect(scoreHint(text, 0, 10, EN), text).toBeUndefined();
    }
  });
});

describe("a range or a misspelt number at a score question", () => {
  it("is asked about in the client's language, with the question again, and nothing is stored", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [range] = await c.say("alex", "6-7");
    expect(range?.message.text).toMatch(
      /^Somewhere between 6 and 7\? I need one number here: tap the closer one, or type 6\.5 for right in between\.\n\n1\/9\./,
    );
    expect(range?.message.choices).toHaveLength(11);
    const [spelt] = await c.say("alex", "sevn");
    expect(spelt?.message.text).toMatch(/^Did you mean 7\? Tap it or type the number\.\n\n1\/9\./);
    expect(await c.answers("alex")).toEqual([]);
    await c.say("rivera", "language alex de");
    const [german] = await c.say("alex", "vier bis fünf");
    expect(german?.message.text).toMatch(/^Irgendwo zwischen 4 und 5\?.* schreib 4,5 für genau dazwischen\./);
    expect(german?.message.text).not.toContain("Danke, dass du mir das schreibst");
    await c.say("rivera", "language alex es");
    const [spanish] = await c.say("alex", "entre 4 y 5");
    expect(spanish?.message.text).toMatch(/^¿Entre 4 y 5\?.* escribe 4,5 si está justo en medio\./);
    expect(await c.answers("alex")).toEqual([]);
    // The number itself then counts as ever.
    await c.say("alex", "6,5");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([6.5]);
  });
});
