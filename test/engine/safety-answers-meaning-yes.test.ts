import { afterEach, describe, expect, it } from "vitest";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Answers to the safety question that meant yes and were read as no or unsure,
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
const questions = (ds: Delivery[]) =>
  texts(ds, "alex").filter((t) => t.includes("have you had thoughts of harming yourself"));

let c: Conversation;
afterEach(() => c?.close());

describe("reading answers as clients type them", () => {
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
    // The client was sure: the re-ask says the question is about thoughts, not acting.
    expect(texts(sent, "alex")[0]).toMatch(/^This one is about thoughts, not what you would do/);
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

describe("the question asked after a concern", () => {
  it("'not really i just want it to stop' is no clean no: asked again, the words kept", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "everyone would be better off");
    const again = await c.say("alex", "not really i just want it to stop");
    expect(texts(again, "rivera")).toEqual([]);
    expect(questions(again)).toHaveLength(1);
    expect(texts(again, "alex")[0]).toContain("So that I understand you rightly");
    const told = texts(await c.tick(61 * 60_000), "rivera").join("\n");
    expect(told).toContain('no clear answer: "not really i just want it to stop"');
  });

  it("a second concern while it waits joins the first: one question, both words told", async () => {
    c = new Conversation();
    await c.enrol();
    expect(questions(await c.say("alex", "everyone would be better off"))).toHaveLength(1);
    expect(await c.say("alex", "i cant do this anymore")).toEqual([]);
    const told = texts(await c.say("alex", "no"), "rivera");
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('alex wrote: "everyone would be better off / i cant do this anymore"');
  });

  it("a second concern well after the question joins it, and is met with the question again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "everyone would be better off");
    await c.tick(20 * 60_000);
    const again = questions(await c.say("alex", "i cant do this anymore"));
    expect(again).toHaveLength(1);
    expect(again[0]).toMatch(/May I ask you one question about your safety\?/);
    const told = texts(await c.say("alex", "no"), "rivera");
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('alex wrote: "everyone would be better off / i cant do this anymore"');
  });

  it("the same while paused", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "stop");
    expect(questions(await c.say("alex", "everyone would be better off"))).toHaveLength(1);
    expect(questions(await c.say("alex", "i cant do this anymore"))).toEqual([]);
  });

  it("inside a check-in, the summary lists one concern with both words and one answer", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    await c.say("alex", "everyone would be better off");
    await c.say("alex", "i cant do this anymore");
    await c.say("alex", "no");
    for (const v of [8, 8, 8, 6, 6, 6, 6]) await c.say("alex", String(v));
    // Answered after the concern, the check-in's own question is not asked: this "no" is the comment's.
    const summary = texts(await c.say("alex", "no"), "rivera").join("\n");
    expect(summary).toContain('concern: "everyone would be better off / i cant do this anymore"');
    expect(summary).toContain("Safety question: no when asked after what they wrote.");
    expect(summary).not.toContain("not answered");
  });

  it("a yes in the second concern answers the question: the urgent alert", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "everyone would be better off");
    const sent = await c.say("alex", "sometimes, i cant do this anymore");
    expect(texts(sent, "rivera")[0]).toMatch(/^URGENT: alex may be at risk/);
  });
});
