import { afterEach, describe, expect, it } from "vitest";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Answers to the safety question from a user trial that meant yes and were read as no or unsure,
 * and a question sent twice. A frequency is a yes ("only at night", as "once" is); a no that admits
 * the thoughts and denies only acting ("nah i wouldnt do anything") is no clean no, asked again; a
 * no with words of concern in it is screened as any message is, and the concern reaches the
 * therapist; a second concern while the question waits joins the first, and is not asked again.
 */
const prompts = loadPrompts(PROMPTS_DIR);
const read = (language: string, text: string) => {
  const safety = prompts.languages.get(language)?.instruments.get("safety");
  return readSafetyAnswer(text, safety?.choices ?? [], safety?.riskItem?.above ?? 0);
};
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

let c: Conversation;
afterEach(() => c?.close());

describe("reading answers from the trial", () => {
  it.each([
    ["en", "only at night", "yes"],
    ["en", "every night tbh", "yes"],
    ["en", "no, not at night", "no"],
    ["de", "nur nachts", "yes"],
    ["es", "solo por la noche", "yes"],
    ["en", "nah i wouldnt do anything", "unclear"],
    ["en", "no, i would never act on it", "unclear"],
    ["de", "nein, ich würde nichts tun", "unclear"],
    ["es", "no, nunca haría nada", "unclear"],
    ["en", "nah", "no"],
  ])("%s: %j → %s", (language, text, answer) => {
    expect(read(language, text)).toBe(answer);
  });
});

describe("at the check-in's safety question", () => {
  it("'only at night' is a yes: the urgent alert, not a comment asked again", async () => {
    c = await atSafetyQuestion();
    const sent = await c.say("alex", "only at night");
    expect(texts(sent, "rivera")[0]).toMatch(/^URGENT: alex may be at risk/);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });

  it("'nah i wouldnt do anything' is asked again, not stored as a no", async () => {
    c = await atSafetyQuestion();
    const sent = await c.say("alex", "nah i wouldnt do anything");
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
    expect(texts(sent, "alex")[0]).toMatch(/^It's all right not to be sure/);
  });

  it("a no beside a wish not to exist is a concern, asked about, in the summary", async () => {
    c = await atSafetyQuestion();
    const sent = await c.say("alex", "no, i wish i didnt exist but i wouldnt do anything");
    expect(texts(sent, "alex")[0]).toContain("So that I understand you rightly");
    await c.say("alex", "no");
    const summary = texts(await c.say("alex", "skip"), "rivera").join("\n");
    expect(summary).toContain('concern: "no, i wish i didnt exist but i wouldnt do anything"');
  });
});
