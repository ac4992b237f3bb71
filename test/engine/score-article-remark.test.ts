import { afterEach, describe, expect, it } from "vitest";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { scoreAndRemark } from "../../src/engine/checkin/score-remark.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * Scores as clients type them, each once refused with "I can only use a number" and its words lost: an
 * article before the number with a reason after it ("a 4 because my mom is sick"), frank or offhand
 * words ("ngl 6", "9 obvio", "naja 5 halt"), a remark before a linking word ("eher schlecht so 3"),
 * "8/10 would recommend lol". At a risk item nothing of this is read (sayings-around-scores.test.ts, and a
 * broad list of inputs compared before and after the change).
 */
const prompts = loadPrompts(PROMPTS_DIR);
const wordsOf = (language: string) => {
  const pack = prompts.languages.get(language);
  if (!pack) throw new Error(`no ${language} prompts`);
  return pack.messages.words;
};

let c: Conversation;
afterEach(() => c?.close());

describe("a score with an article and a reason", () => {
  it.each([
    ["en", "a 4 because my mom is sick", 4, "because my mom is sick"],
    ["de", "ne 4 weil meine mutter krank ist", 4, "weil meine mutter krank ist"],
    ["es", "un 4 pq mi vieja esta enferma", 4, "pq mi vieja esta enferma"],
    ["en", "i'd give it a 7 because the session was good", 7, "because the session was good"],
    ["en", "8/10 would recommend lol", 8, "would recommend lol"],
    ["de", "eher schlecht so 3", 3, "eher schlecht"],
    ["en", "pretty bad so like 3", 3, "pretty bad"],
    ["es", "bastante mal tipo 3", 3, "bastante mal"],
    // A filler after the score is no remark: nothing to keep.
    ["es", "8. la verdad", 8, ""],
    // Regression: the article before a digit, and how it was said with a not.
    ["de", "eine 4 weil meine mama krank ist", 4, "weil meine mama krank ist"],
    ["en", "not great, maybe 2", 2, "not great"],
    ["de", "nicht so gut, vielleicht 3", 3, "nicht so gut"],
    ["es", "no muy bien, un 3", 3, "no muy bien"],
  ])("%s: %j is %d with the remark %j", (language, text, value, remark) => {
    expect(scoreAndRemark(text, 0, 10, wordsOf(language))).toEqual({ value, remark });
  });

  it.each([
    ["en", "no 4 because work"],
    ["en", "a 4 but not really"],
    ["en", "lowkey a 7 or 8"],
    ["de", "eher schlecht so 3 oder 4"],
    ["en", "not great so 3"],
    ["en", "slept 4 hours so 6"],
    // After words, a number only in digits: "like one of those days" is no 1.
    ["en", "like one of those days"],
  ])("%s: %j is no reading: asked again", (language, text) => {
    expect(scoreAndRemark(text, 0, 10, wordsOf(language))).toBeUndefined();
  });
});

describe("a score said frankly or offhand", () => {
  it.each([
    ["es", "9 obvio", 9],
    ["es", "un 8 la verdad", 8],
    ["es", "8 la verdad", 8],
    ["en", "ngl 6", 6],
    ["en", "lowkey a 7", 7],
    ["de", "naja 5 halt", 5],
    ["de", "so ne glatte 6 eigentlich", 6],
  ])("%s: accepts %j as %d", (language, text, value) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: true, value });
  });

  it.each([
    ["en", "ngl 6 or 7"],
    ["es", "9 o 10 obvio"],
    // Before the number "eigentlich" corrects ("actually 6"): asked again, as before.
    ["de", "eigentlich 6"],
  ])("%s: refuses %j", (language, text) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: false });
  });
});

describe("through the engine", () => {
  const to = (ds: { externalId: string; message: { text: string } }[], who: string) =>
    ds.filter((d) => d.externalId === who).map((d) => d.message.text);

  it("takes each score, keeps the reasons for the therapist and leaves a filler out", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [first] = to(await c.say("alex", "a 4 because my mom is sick"), "alex");
    expect(first).toMatch(/^Thank you: I've taken 4, and added your words to your comment/);
    const [second] = to(await c.say("alex", "8. la verdad"), "alex");
    expect(second).toMatch(/^3\/9\./);
    for (const typed of ["ngl 6", "lowkey a 7", "8/10 would recommend lol"]) {
      const [reply] = to(await c.say("alex", typed), "alex");
      expect(reply, typed).not.toMatch(/^Sorry/);
    }
    const done = await c.answerAll("alex", [5, 5, 5, "no"], "skip");
    const scores = (await c.answers("alex")).filter((a) => a.instrument !== "safety").map((a) => a.value);
    expect(scores.sort((a, b) => a - b)).toEqual([4, 5, 5, 5, 6, 7, 8, 8]);
    const summary = to(done, "rivera")[0] ?? "";
    expect(summary).toContain("because my mom is sick");
    expect(summary).toContain("would recommend lol");
    expect(summary).not.toContain("la verdad");
  });
});
