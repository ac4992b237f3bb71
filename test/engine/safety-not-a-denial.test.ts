import { afterEach, describe, expect, it } from "vitest";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Regression: words that begin with a no but deny nothing ("no idea", "no point") were read
 * at the safety question as a clean no, and the words were lost. They are not knowing (or worse),
 * asked again, and kept as no clear answer when left.
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

describe("a no that denies nothing is never a no", () => {
  it.each([
    ["en", "no idea"],
    ["en", "no clue"],
    ["en", "No comment."],
    ["en", "no point"],
    ["en", "theres no point"],
    ["en", "there's no point"],
    ["en", "no way to know"],
    ["en", "no, no idea"],
    ["de", "kein Plan"],
    ["de", "nein, kein Kommentar"],
    ["es", "sin comentarios"],
    ["es", "no tiene sentido"],
    ["es", "no sabría decir"],
  ])("%s: %j is unclear", (language, text) => {
    expect(read(language, text)).toBe("unclear");
  });

  it.each([
    ["en", "no"],
    ["en", "no way"],
    ["en", "nope, no thoughts"],
    ["de", "nein"],
    ["es", "no"],
  ])("%s: %j is still a no", (language, text) => {
    expect(read(language, text)).toBe("no");
  });

  it("'no idea' at the check-in is asked again, as 'idk' is, and kept as no clear answer", async () => {
    c = await atSafetyQuestion();
    const again = texts(await c.say("alex", "no idea"), "alex").join("\n");
    expect(again).toContain("It's all right not to be sure");
    expect(again).toContain("have you had thoughts of harming yourself");
    const summary = texts(await c.say("rivera", "summary alex"), "rivera").join("\n");
    expect(summary).not.toContain("Safety question: no.");
    expect(summary).toContain(
      'no clear answer to the safety question (thoughts of harming themselves or ending their life): "no idea"',
    );
  });
});

/**
 * Regression: a no said with how much of the time ("mostly no") or of thoughts that have
 * passed ("nope, not anymore", "no, only last month") was stored as a plain no, the words dropped.
 * Neither is a clean no: asked again, and kept as no clear answer if left.
 */
describe("a qualified no is no clean no", () => {
  it.each([
    ["en", "mostly no"],
    ["en", "no (mostly)"],
    ["en", "no, only last month"],
    ["en", "nope, not anymore"],
    ["en", "no not anymore"],
    ["en", "no, not lately"],
    ["en", "no, I used to"],
    ["de", "meistens nein"],
    ["de", "nein, nicht mehr"],
    ["de", "nein, nur letzten Monat"],
    ["es", "mayormente no"],
    ["es", "no, ya no"],
    ["es", "no, solo el mes pasado"],
  ])("%s: %j is unclear", (language, text) => {
    expect(read(language, text)).toBe("unclear");
  });

  it.each([
    ["en", "no, not this week"],
    ["en", "never"],
    ["de", "nein, nicht diese Woche"],
    ["es", "esta semana no"],
  ])("%s: %j is still a no", (language, text) => {
    expect(read(language, text)).toBe("no");
  });

  it("'mostly no' at the check-in is asked again and kept as no clear answer", async () => {
    c = await atSafetyQuestion();
    const again = texts(await c.say("alex", "mostly no"), "alex").join("\n");
    expect(again).toContain("have you had thoughts of harming yourself");
    const summary = texts(await c.say("rivera", "summary alex"), "rivera").join("\n");
    expect(summary).toContain("no clear answer to the safety question");
    expect(summary).toContain('"mostly no"');
  });
});

/**
 * Regression: "nah i wouldnt do anything" (asked again, as it admits the thoughts and
 * denies only acting) got "It's all right not to be sure", though the client was sure. The re-ask
 * says the question is about thoughts, not what they would do.
 */
describe("a no that denies only acting is asked again about thoughts", () => {
  it.each([
    ["en", "nah i wouldnt do anything", "This one is about thoughts, not what you would do"],
    ["de", "nein, ich würde nichts tun", "Hier geht es um Gedanken, nicht darum, was du tun würdest"],
    ["es", "no, nunca haría nada", "Esta pregunta es sobre pensamientos, no sobre lo que harías"],
  ])("%s: at the check-in, %j", async (language, text, line) => {
    c = await atSafetyQuestion(undefined, language);
    const again = texts(await c.say("alex", text), "alex").join("\n");
    expect(again).toContain(line);
    expect(again).not.toMatch(/not to be sure|nicht sicher bist|no lo tienes claro/u);
  });

  it("at a concern's own safety question", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i feel so hopeless");
    const again = texts(await c.say("alex", "nah i wouldnt do anything"), "alex").join("\n");
    expect(again).toContain("This one is about thoughts, not what you would do.");
    expect(again).not.toContain("It's all right not to be sure");
  });

  it("'idk' is still met with 'it's all right not to be sure'", async () => {
    c = await atSafetyQuestion();
    const again = texts(await c.say("alex", "idk"), "alex").join("\n");
    expect(again).toContain("It's all right not to be sure");
  });
});
