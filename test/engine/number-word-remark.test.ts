import { afterEach, describe, expect, it } from "vitest";
import { scoreAndRemark } from "../../src/engine/checkin/score-remark.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * A number written as a word, then words: a score with a remark only where nothing makes the
 * number a count. Regression: "one of those days honestly" at a score question was taken as a 1.
 */
const prompts = loadPrompts(PROMPTS_DIR);
const words = (language: string) => prompts.languages.get(language)?.messages.words;

let c: Conversation | undefined;
afterEach(() => {
  c?.close();
  c = undefined;
});

describe("a number in words before a remark", () => {
  it.each([
    ["en", "one of those days honestly"],
    ["en", "two weeks ago things got bad"],
    ["en", "like one of those days"],
    ["en", "a one of those days"],
    ["es", "uno de esos días la verdad"],
    ["de", "einer von diesen tagen halt"],
  ])("%s: %j is no score", (language, text) => {
    expect(scoreAndRemark(text, 0, 10, words(language))).toBeUndefined();
  });

  it.each([
    ["en", "seven because it helped", 7, "because it helped"],
    ["en", "a four because my mom is sick", 4, "because my mom is sick"],
    ["en", "like a six because work was hard", 6, "because work was hard"],
    ["en", "seven, it was a good one", 7, "it was a good one"],
    ["es", "un cuatro porque mi madre esta enferma", 4, "porque mi madre esta enferma"],
    ["de", "ne vier weil meine mutter krank ist", 4, "weil meine mutter krank ist"],
    ["en", "1 of those days honestly", 1, "of those days honestly"],
  ])("%s: %j is %d with its remark", (language, text, value, remark) => {
    expect(scoreAndRemark(text, 0, 10, words(language))).toEqual({ value, remark });
  });

  it("in a check-in, 'one of those days honestly' is kept as words and the question asked again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [reply] = (await c.say("alex", "one of those days honestly"))
      .filter((d) => d.externalId === "alex")
      .map((d) => d.message.text);
    expect(reply).not.toMatch(/taken 1/);
    expect(reply).toMatch(/1\/9\./);
    expect(await c.answers("alex")).toEqual([]);
  });
});
