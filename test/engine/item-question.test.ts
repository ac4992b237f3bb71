import { afterEach, describe, expect, it } from "vitest";
import { itemQuestion } from "../../src/engine/checkin/item-question.js";
import { Conversation } from "../helpers/conversation.js";

describe("what a client asks at a check-in's question", () => {
  it.each([
    ["can i skip this one?", "en", "skip"],
    ["skip", "en", "skip"],
    ["Pass", "en", "skip"],
    ["n/a", "en", "skip"],
    ["do i have to answer this", "en", "skip"],
    ["i'd rather not say", "en", "skip"],
    ["idk", "en", "skip"],
    ["not sure", "en", "skip"],
    ["keine ahnung", "de", "skip"],
    ["no sé", "es", "skip"],
    ["what does approach mean", "en", "meaning"],
    ["what does ‘approach’ mean?", "en", "meaning"],
    ["what do you mean", "en", "meaning"],
    ["i don’t understand the question", "en", "meaning"],
    ["dont get it", "en", "meaning"],
    ["confused lol", "en", "meaning"],
    ["how many left?", "en", "length"],
    ["how long does this take", "en", "length"],
    ["almost done?", "en", "length"],
    ["kann ich das überspringen?", "de", "skip"],
    ["keine angabe", "de", "skip"],
    ["was bedeutet herangehensweise?", "de", "meaning"],
    ["versteh ich nicht", "de", "meaning"],
    ["wie viele noch?", "de", "length"],
    ["¿puedo saltarme esta?", "es", "skip"],
    ["prefiero no contestar", "es", "skip"],
    ["¿qué significa enfoque?", "es", "meaning"],
    ["no entiendo", "es", "meaning"],
    ["¿cuántas faltan?", "es", "length"],
  ])("%j (%s) asks %s", (text, language, kind) => {
    expect(itemQuestion(text, language)).toBe(kind);
  });

  it.each([
    ["7", "en"],
    ["like a 5", "en"],
    ["who sees this", "en"],
    ["is this confidential?", "en"],
    ["passed my exam this week", "en"],
    ["a long day", "en"],
    ["i get it now", "en"],
    ["was passiert mit meinen antworten", "de"],
    ["¿qué va a pasar?", "es"],
    ["", "en"],
  ])("%j (%s) is none of them", (text, language) => {
    expect(itemQuestion(text, language)).toBeUndefined();
  });
});

let c: Conversation | undefined;
afterEach(() => c?.close());

describe("the answer at the question, then the question again", () => {
  const mine = async (text: string) =>
    (await (c as Conversation).say("alex", text))
      .filter((d) => d.externalId === "alex")
      .map((d) => d.message.text);

  it("says whether a question may be skipped, what it means, and how many are left, and stores nothing", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "7");
    const [skip] = await mine("can i skip this one?");
    expect(skip).toMatch(
      /^This one needs an answer for your check-in to count, but there is no wrong answer/,
    );
    expect(skip).toContain("Dr rivera");
    expect(skip).toMatch(/\n\n2\/9\. We worked on/);
    const [meaning] = await mine("what does approach mean");
    expect(meaning).toMatch(/^Take the words the way they read to you/);
    expect(meaning).toMatch(/\n\n2\/9\. /);
    const [left] = await mine("how many left?");
    expect(left).toMatch(/^This is question 2 of 9: 7 more after it, then an optional comment\.\n\n2\/9\. /);
    // Who sees the answers is still answered as before.
    const [who] = await mine("who sees this");
    expect(who).toMatch(/^In short: only Dr rivera sees your answers/);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([7]);
  });

  it("at the safety question, says it is the last, and how it may be left open", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [7, 7, 7, 7, 6, 6, 6, 6]) await c.say("alex", String(v));
    const [left] = await mine("how many more");
    expect(left).toMatch(
      /^This is the last question, then an optional comment\.\n\n[\s\S]*9\/9\. In the past week/,
    );
    // Asked to skip it, the client hears it may be left open by saying so again (safety-left-open.ts).
    const [skip] = await mine("can i skip this");
    expect(skip).toMatch(/^You can leave this one open if you'd rather: say so again/);
    const [meaning] = await mine("what do you mean");
    expect(meaning).toMatch(/^It's all right not to be sure/);
    expect(await c.answers("alex")).toHaveLength(8);
  });

  it("answers in the client's language", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex es");
    await c.say("rivera", "checkin alex");
    const [left] = await mine("¿cuántas faltan?");
    expect(left).toMatch(/^Esta es la pregunta 1 de 9: después quedan 8 y un comentario opcional\./);
    const [skip] = await mine("¿puedo saltarme esta?");
    expect(skip).toMatch(/^Esta pregunta necesita una respuesta/);
  });
});
