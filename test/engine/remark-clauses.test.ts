import { afterEach, describe, expect, it } from "vitest";
import { clauseScoreWithRemark, scoreAndRemark } from "../../src/engine/checkin/score-remark.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * Remarks with a number in them, as clients type or dictate them. Each of these once got
 * "Sorry, I can only use a number" and the words were kept nowhere, so the therapist never heard
 * about the hospital stay or the loneliness.
 */
const EN = loadPrompts(PROMPTS_DIR).languages.get("en")?.messages.words;

let c: Conversation;
afterEach(() => c?.close());

const to = (ds: { externalId: string; message: { text: string } }[], who: string) =>
  ds.filter((d) => d.externalId === who).map((d) => d.message.text);

describe("a score and a remark in clauses of their own", () => {
  it.each([
    [
      "my mum was in hospital so it was hard to focus, 6 i guess",
      6,
      "my mum was in hospital so it was hard to focus",
    ],
    ["idk like 5? my sister moved out and im kinda lonely", 5, "my sister moved out and im kinda lonely"],
    ["rough week at work. 4", 4, "rough week at work"],
    ["meine Mutter war im Krankenhaus, so 5", 5, "meine Mutter war im Krankenhaus"],
    // "eher" weighs what it comes before: rather bad, a 3 (as "pretty bad, like 3").
    ["pretty bad, like 3", 3, "pretty bad"],
    ["eher schlecht, so 3", 3, "eher schlecht"],
  ])("%j is %d with its remark", (text, value, remark) => {
    expect(clauseScoreWithRemark(text, 0, 10, EN)).toEqual({ value, remark });
  });

  it.each([
    "it wasn't great, 4",
    "no, 5",
    "3, then 4 after we talked",
    "6. 7 maybe",
    "5, 6",
    "good session, 11",
  ])("%j is no reading: asked again", (text) => {
    expect(clauseScoreWithRemark(text, 0, 10, EN)).toBeUndefined();
  });

  it("reads 'eher' before a number as weighing the score: asked again", () => {
    const de = loadPrompts(PROMPTS_DIR).languages.get("de")?.messages.words;
    expect(clauseScoreWithRemark("eher schlecht, so 3", 0, 10, de)).toEqual({
      value: 3,
      remark: "eher schlecht",
    });
    for (const text of ["sieben, eher acht", "7, eher so acht", "7 war es, eher acht"]) {
      expect(scoreAndRemark(text, 0, 10, de), text).toBeUndefined();
    }
  });
});

describe("through the engine", () => {
  it("takes the score and keeps the remark; a long message with two numbers is asked again, its words kept", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const long =
      "so like honestly this week was kind of a lot like my mum was in hospital and work was crazy and i didnt sleep much so yeah maybe a 3 or 4 i guess";
    const [asked] = to(await c.say("alex", long), "alex");
    expect(asked).toMatch(/^Thank you for telling me\. I've added it to your comment/);
    expect(asked).toContain("1/9.");
    const [taken] = to(await c.say("alex", "idk like 5? my sister moved out and im kinda lonely"), "alex");
    expect(taken).toMatch(
      /^Thank you: I've taken 5, and added your words to your comment for Dr rivera\.\n\n2\/9\./,
    );
    const [second] = to(
      await c.say("alex", "my mum was in hospital so it was hard to focus, 6 i guess"),
      "alex",
    );
    expect(second).toMatch(/^Thank you: I've taken 6,.*\n\n3\/9\./);
    const done = await c.answerAll("alex", [7, 8, 5, 5, 5, 5, "no"], "skip");
    const answers = await c.answers("alex");
    expect(answers.find((a) => a.item === "heard")?.value).toBe(5);
    expect(answers.find((a) => a.item === "goals")?.value).toBe(6);
    const summary = to(done, "rivera")[0] ?? "";
    expect(summary).toContain("my mum was in hospital and work was crazy");
    expect(summary).toContain("my sister moved out and im kinda lonely");
    expect(summary).toContain("my mum was in hospital so it was hard to focus");
  });
});
