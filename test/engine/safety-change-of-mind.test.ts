import { afterEach, describe, expect, it } from "vitest";
import { changesSafetyToYes } from "../../src/engine/checkin/correction.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { type Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Regression: a No to the safety question changed to a yes at the comment ("actually yes",
 * "sorry, yes") was kept as the comment under "Safety question: no.", with no alert. Only "i meant
 * yes" and "no wait yes" were read as corrections. Right after the safety question, words of a
 * change of mind with a yes in them are a correction to yes: the crisis message and the URGENT alert.
 */
const prompts = loadPrompts(PROMPTS_DIR);
const changes = (language: string, text: string) => {
  const safety = prompts.languages.get(language)?.instruments.get("safety");
  return changesSafetyToYes(text, safety?.choices ?? [], safety?.riskItem?.above ?? 0);
};
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

let c: Conversation;
afterEach(() => c?.close());

describe("a change of mind to yes, read", () => {
  it.each([
    ["en", "actually yes"],
    ["en", "oh wait, yes"],
    ["en", "sorry, yes"],
    ["en", "changed my mind, yes"],
    ["en", "i clicked no but its yes"],
    ["en", "hmm yes actually"],
    ["en", "actually sometimes"],
    ["de", "doch, ja"],
    ["de", "eigentlich ja"],
    ["de", "warte, manchmal"],
    ["es", "en realidad sí"],
    ["es", "perdón, sí"],
    ["es", "espera, a veces"],
    ["en", "actually yes, every night"],
  ])("%s: %j changes it to yes", (language, text) => {
    expect(changes(language, text)).toBe(true);
  });

  it.each([
    ["en", "actually no, nothing to add"],
    ["en", "yes"],
    ["en", "actually yes?"],
    ["en", "work was hard"],
    ["de", "eigentlich nichts"],
    ["es", "en realidad no"],
    // The comment's question is "anything you would like them to know?": a yes to that, with what
    // follows it, is a comment, not a change of the safety answer.
    ["en", "actually yes, i wanted to say the session was great"],
    ["en", "oh yes, work has been crazy"],
    ["en", "sorry yes one thing, my mom is sick"],
  ])("%s: %j does not", (language, text) => {
    expect(changes(language, text)).toBe(false);
  });
});

describe("at the comment right after a No to the safety question", () => {
  it.each([
    "actually yes",
    "oh wait, yes",
    "sorry, yes",
    "changed my mind, yes",
    "i clicked no but its yes",
    "hmm yes actually",
    "actually sometimes",
  ])("%j is a correction to yes: crisis message and URGENT alert", async (text) => {
    c = await atSafetyQuestion();
    await c.say("alex", "no");
    const sent = await c.say("alex", text);
    expect(texts(sent, "alex")[0]).toContain("TEST CRISIS TEXT");
    expect(texts(sent, "alex")[1]).toBe("Thanks, I've changed your answer to question 9 to Yes.");
    const rivera = texts(sent, "rivera").join("\n");
    expect(rivera).toMatch(/^URGENT: alex may be at risk/);
    expect(rivera).toContain("Safety question: yes.");
    expect(rivera).not.toContain("Safety question: no");
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });

  it("in German: 'doch, ja' is a yes", async () => {
    c = await atSafetyQuestion(undefined, "de");
    await c.say("alex", "nein");
    const sent = await c.say("alex", "doch, ja");
    expect(texts(sent, "rivera").join("\n")).toMatch(/^URGENT: alex may be at risk/);
  });

  it("a comment with no yes stays the comment", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "no");
    const sent = await c.say("alex", "actually work was better this week");
    const rivera = texts(sent, "rivera").join("\n");
    expect(rivera).not.toContain("URGENT");
    expect(rivera).toContain("Comment: actually work was better this week");
  });
});
