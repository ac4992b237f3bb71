import { afterEach, describe, expect, it } from "vitest";
import { asksToStopForGood } from "../../src/engine/stop-request.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Regression: "how do i unsubscribe", "quiero darme de baja" and "wie melde ich mich ab",
 * written at the safety question asked after a concern, were read as an unsure answer; the second
 * time it closed the question with "That's all right, we can go on", and the client never learnt
 * how to stop. They are a wish to stop: the client is told how, and the question stays open.
 */
let c: Conversation;
afterEach(() => c?.close());

const toAlex = (ds: readonly Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message);
const toRivera = (ds: readonly Delivery[]) =>
  ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);

describe("a wish to stop, asked as a question", () => {
  it.each([
    "how do i unsubscribe",
    "how do i unsubscribe from this",
    "quiero darme de baja",
    "cómo me doy de baja?",
    "wie melde ich mich ab",
    "Wie kann ich mich abmelden?",
    "wie kann ich die check-ins abbestellen",
    "how do i stop these",
  ])("reads %j", (text) => {
    expect(asksToStopForGood(text)).toBe(true);
  });

  it.each([
    "how do i stop these thoughts",
    "how do i stop feeling like this",
    "wie melde ich mich beim arzt ab",
  ])("leaves %j alone", (text) => {
    expect(asksToStopForGood(text)).toBe(false);
  });
});

describe("a wish to stop at a concern's safety question", () => {
  it("says how to stop and asks the question again, which stays open as it was", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "whats the point anymore");
    const [stop] = toAlex(await c.say("alex", "how do i unsubscribe"));
    expect(stop?.text).toMatch(/^If you want to stop the check-ins, type stop: they pause at once/);
    expect(stop?.text).toContain("One question is still open");
    expect(stop?.text).toContain("have you had thoughts of harming yourself");
    expect(stop?.choices?.map((x) => x.label)).toEqual(["No", "Yes"]);
    // Not counted as the unsure answer: an unsure one now is asked again once, as the first would be.
    const [unsure] = toAlex(await c.say("alex", "hmm"));
    expect(unsure?.text).toMatch(/^It's all right not to be sure/);
    // After that unsure answer, the wish to stop still does not close the question.
    const [again] = toAlex(await c.say("alex", "wie melde ich mich ab"));
    expect(again?.text).not.toMatch(/we can go on/);
    expect(again?.text).toContain("One question is still open");
    const answered = await c.say("alex", "no");
    expect(toAlex(answered)[0]?.text).toMatch(/^Thank you for answering/);
    // The therapist reads the no, and the words the client wrote beside it.
    const told = toRivera(answered).join("\n");
    expect(told).toContain("they answered no");
    expect(told).toContain("how do i unsubscribe");
  });
});

describe("a wish to stop at a check-in's safety question", () => {
  it("says how to stop, keeps the words for the therapist, and the question stays open", async () => {
    c = await atSafetyQuestion([9, 9, 9, 9, 6, 6, 6, 6]);
    const before = (await c.answers("alex")).length;
    const [stop] = toAlex(await c.say("alex", "how do i unsubscribe"));
    expect(stop?.text).toMatch(
      /^If you want to stop the check-ins, type stop: they pause at once, this one too/,
    );
    expect(stop?.text).toContain("have you had thoughts of harming yourself");
    expect((await c.answers("alex")).length).toBe(before);
    await c.say("alex", "no");
    await c.say("alex", "skip");
    expect((await c.data("alex")).checkins.at(-1)?.comment).toBe("how do i unsubscribe");
  });
});
