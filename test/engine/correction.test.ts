import { describe, expect, it } from "vitest";
import { type AnsweredItem, readCorrection } from "../../src/engine/checkin/correction.js";
import { questionReference } from "../../src/engine/checkin/question-reference.js";

const numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const score = (value: number): AnsweredItem => ({ value, scale: { min: 0, max: 10 }, words: { numbers } });
const safety = (value: number): AnsweredItem => ({
  value,
  scale: { min: 0, max: 1 },
  choices: [
    { value: 0, label: "No", words: ["no", "nope", "not really"] },
    { value: 1, label: "Yes", words: ["yes", "yeah", "sometimes"] },
  ],
  safetyAbove: 0,
  words: { numbers },
});
const phq = (value: number): AnsweredItem => ({
  value,
  scale: { min: 0, max: 3 },
  choices: [
    { value: 0, label: "Not at all", words: [] },
    { value: 1, label: "Several days", words: [] },
    { value: 2, label: "More than half the days", words: [] },
    { value: 3, label: "Nearly every day", words: [] },
  ],
});

describe("a correction of the answer just given", () => {
  it.each([
    ["wait I meant 5", 8, 5],
    ["oops 3 not 8", 8, 3],
    ["sorry, 8 should be 5", 8, 5],
    ["typo, 6.5", 8, 6.5],
    ["wrong button lol, meant 2", 9, 2],
    ["i meant five", 8, 5],
    ["the wrong one, i meant 4", 8, 4],
    ["ich meinte 4", 8, 4],
    ["me equivoqué, 6", 8, 6],
    ["oops I meant 8", 8, 8],
  ])("%s (was %d) is %d", (text, was, value) => {
    expect(readCorrection(text, score(was))).toBe(value);
  });

  it.each([
    ["5", "no words of correction: the question now asked"],
    ["actually pretty bad, 3", "actually answers the question now asked"],
    ["i meant 5?", "a question is not sure of itself"],
    ["i meant 6 or 7", "two values"],
    ["oops", "no value"],
    ["i meant 12", "out of the scale"],
    ["sorry, 6", "sorry is a hedge, not a correction"],
  ])("%s is none (%s)", (text) => {
    expect(readCorrection(text, score(8))).toBeUndefined();
  });

  it("turns a mis-tapped No to the safety question into a yes", () => {
    for (const text of [
      "sorry wrong button, i meant yes",
      "i meant to press yes",
      "oops yes",
      "wrong button, it's a yes sometimes",
      "I pressed the wrong button, 1",
    ]) {
      expect(readCorrection(text, safety(0)), text).toBe(1);
    }
    expect(readCorrection("oops i meant no", safety(1))).toBe(0);
    expect(readCorrection("sorry wrong button", safety(0))).toBeUndefined();
  });

  it("reads a choice by its label", () => {
    expect(readCorrection("oops i meant several days", phq(3))).toBe(1);
    expect(readCorrection("wrong one, nearly every day", phq(0))).toBe(3);
    expect(readCorrection("i meant 2", phq(0))).toBe(2);
    expect(readCorrection("i meant 7", phq(0))).toBeUndefined();
  });
});

describe("the question a correction names", () => {
  it.each([
    ["i meant 5 for the first question", 1],
    ["q3 should be 4", 3],
    ["question 2: i meant 6", 2],
    ["frage 2 war falsch, ich meinte 6", 2],
    ["quise decir 7 en la primera pregunta", 1],
    ["the second one should be 4", 2],
    ["i meant 5 for the last question", undefined],
    ["no sorry 6", undefined],
    ["i meant 5", undefined],
  ])("%s: %s", (said, position) => {
    expect(questionReference(said).position).toBe(position);
  });

  it("leaves the words that name it out of what is read for the value", () => {
    const { rest } = questionReference("q3 should be 4");
    expect(readCorrection(rest, score(8))).toBe(4);
  });
});
