import { afterEach, describe, expect, it } from "vitest";
import { looksLikeQuestion } from "../../src/engine/question.js";
import { Conversation } from "../helpers/conversation.js";

// A client who asks something where rapport takes only an answer (the consent, a check-in's
// question) gets the answer in short, not "please tap a button" or "please type a number":
// in chat the question mark is often left off.
let c: Conversation | undefined;
afterEach(() => c?.close());

const mine = async (name: string, text: string) =>
  (await (c as Conversation).say(name, text)).filter((d) => d.externalId === name).map((d) => d.message.text);

describe("what reads as a question", () => {
  it.each([
    ["what happens if i say something bad", "en"],
    ["who sees this", "en"],
    ["whats this for", "en"],
    ["can my therapist see my answers", "en"],
    ["do i have to", "en"],
    ["is this anonymous?", "en"],
    ["was passiert mit meinen antworten", "de"],
    ["wer sieht das", "de"],
    ["quién ve mis respuestas", "es"],
    ["que pasa si no contesto", "es"],
    // A saying with a question and more words asks after all.
    ["could be better, how many are left?", "en"],
    ["puede que mi jefe vea esto?", "es"],
  ])("%s (%s) asks", (text, language) => {
    expect(looksLikeQuestion(text, language)).toBe(true);
  });

  it.each([
    ["was a rough one tbh", "en"],
    ["what", "en"],
    ["4?", "en"],
    ["not sure", "en"],
    ["seven", "en"],
    ["por favor otra vez", "es"],
    ["como siempre", "es"],
    // Sayings that start as a question does and answer: a maybe, not knowing, how a week was.
    ["could be better", "en"],
    ["who knows", "en"],
    ["who knows?", "en"],
    ["kann sein", "de"],
    ["wer weiß", "de"],
    ["wie immer", "de"],
    ["puede que no", "es"],
    ["quién sabe", "es"],
  ])("%s (%s) does not", (text, language) => {
    expect(looksLikeQuestion(text, language)).toBe(false);
  });
});

describe("a question where only an answer fits", () => {
  it("at the consent, without a question mark, gets the consent in short with its buttons", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [invite] = await c.say("rivera", "invite alex");
    await c.say("alex", `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
    const replies = await c.say("alex", "what happens if i say something bad");
    expect(replies[0]?.message.text).toMatch(/^In short: /);
    expect(replies[0]?.message.text).toContain("If you write about harming yourself or someone else");
    expect(replies[0]?.message.choices).toHaveLength(2);
    expect((await c.data("alex")).consents).toEqual([]);
  });

  it("at a check-in's question, gets who sees the answers, then the question again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [asked] = await mine("alex", "who sees this");
    expect(asked).toMatch(/^In short: only Dr rivera sees your answers/);
    expect(asked).toContain("gets an urgent message at once");
    expect(asked).toMatch(/1\/9\. In the last session/);
    // Words that are not a question are thanked, told where they can be said, and how to answer.
    const [words] = await mine("alex", "was a rough one tbh");
    expect(words).toMatch(
      /^Thank you for telling me\. I've added it to your comment, which Dr rivera reads when you finish the check-in\. For this question I need a number from 0 to 10 \(or tap a button\)\.\n\n1\/9\./,
    );
    // A mistyped number is told what a number looks like; a number word one letter off is asked about.
    const [typo] = await mine("alex", "7..5");
    expect(typo).toMatch(/^Sorry, I can only use a number from 0 to 10/);
    expect(await mine("alex", "sevn")).toEqual([expect.stringMatching(/^Did you mean 7\?/)]);
    // Thanks is not a wrong answer: the question is there again, without "sorry" (and without its
    // section's intro, read a moment ago).
    const [thanks] = await mine("alex", "ok thanks!");
    expect(thanks).toMatch(/^1\/9\. In the last session/);
    // "hello?" checks that rapport is there: greeted back, not told who sees the answers.
    const [hello] = await mine("alex", "hello??");
    expect(hello).toMatch(/^Hello!\n\n1\/9\. In the last session/);
    await c.say("rivera", "language alex de");
    const [german] = await mine("alex", "was passiert mit meinen antworten");
    expect(german).toMatch(/^Kurz gesagt: Nur Dr rivera sieht deine Antworten/);
    await c.say("alex", "7");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([7]);
  });
});
