import { afterEach, describe, expect, it } from "vitest";
import { navigationIn } from "../../src/engine/checkin/navigation.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Words clients type mid check-in to move in it: "go back" was added to the comment, "undo"
 * got "Sorry, I can only use a number", "can i change my last answer" the privacy blurb, "wait 8
 * not 3" "Sorry…", and after a day away "sorry was away, where were we" was stored as the comment.
 * Now they get how to correct an answer, the correction itself, or the open question again.
 */
let c: Conversation;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message.text);
const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);
const HELP = /^To change an answer, write for example "I meant 5"/;

async function started(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
}

describe("navigationIn", () => {
  it.each([
    ["go back", "back"],
    ["undo", "back"],
    ["can i change my last answer", "back"],
    ["can I change my answer?", "back"],
    ["oops can we go back", "back"],
    ["zurück bitte", "back"],
    ["kann ich meine letzte antwort ändern?", "back"],
    ["volver atrás", "back"],
    ["puedo cambiar mi última respuesta?", "back"],
    ["sorry was away, where were we", "where"],
    ["where were we?", "where"],
    ["wo waren wir?", "where"],
    ["perdón, ¿dónde estábamos?", "where"],
  ])("%j: %s", (text, move) => {
    expect(navigationIn(text)).toBe(move);
  });

  it.each([
    "we didn't go back to what i wanted to talk about at all this time",
    "my back hurts",
    "i went back home",
    "where were we going with the plan, i forgot what we agreed on last week honestly",
  ])("%j: none", (text) => {
    expect(navigationIn(text)).toBeUndefined();
  });
});

describe("moving in a check-in", () => {
  it.each(["go back", "undo", "can i change my last answer", "back"])(
    "%j after an answer: how to correct, the question again, nothing kept",
    async (typed) => {
      await started();
      await c.say("alex", "8");
      const replies = toAlex(await c.say("alex", typed));
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(HELP);
      expect(replies[0]).toContain("2/9.");
      for (const v of ["7", "7", "7", "5", "5", "5", "5", "0"]) await c.say("alex", v);
      const summary = toRivera(await c.say("alex", "skip")).join("\n");
      expect(summary).not.toContain(typed);
    },
  );

  it("'go back' at the comment is not the comment", async () => {
    await started();
    for (const v of ["8", "7", "7", "7", "5", "5", "5", "5", "0"]) await c.say("alex", v);
    const [help] = toAlex(await c.say("alex", "go back"));
    expect(help).toMatch(HELP);
    const summary = toRivera(await c.say("alex", "skip")).join("\n");
    expect(summary).not.toContain("go back");
  });

  it("'wait 8 not 3' corrects the last answer to 8", async () => {
    await started();
    await c.say("alex", "8");
    await c.say("alex", "3");
    const replies = toAlex(await c.say("alex", "wait 8 not 3"));
    expect(replies[0]).toBe("Thanks, I've changed your answer to question 2 to 8.");
    expect(replies[1]).toMatch(/^3\/9\./);
    const answers = await c.answers("alex");
    expect(Object.fromEntries(answers.map((a) => [a.item, a.value]))).toMatchObject({ heard: 8, goals: 8 });
  });

  it.each([
    ["de", "warte, 8 statt 3", "Frage 2"],
    ["es", "8 en vez de 3", "pregunta 2"],
  ])("%s: %j corrects the last answer", async (language, typed, named) => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", `language alex ${language}`);
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    await c.say("alex", "3");
    const [done] = toAlex(await c.say("alex", typed));
    expect(done).toContain(named);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([8, 8]);
  });

  it("after a day away, 'sorry was away, where were we' gets the open question, not kept", async () => {
    await started();
    await c.say("alex", "8");
    await c.tick(30 * 3_600_000);
    const replies = toAlex(await c.say("alex", "sorry was away, where were we"));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^Here is the question you are at; your earlier answers are kept\.\n\n2\/9\./);
    for (const v of ["7", "7", "7", "5", "5", "5", "5", "0"]) await c.say("alex", v);
    const summary = toRivera(await c.say("alex", "skip")).join("\n");
    expect(summary).not.toContain("where were we");
  });

  it("'1 not 0' at the safety question is read there as before, not as a correction", async () => {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], "en");
    const replies = await c.say("alex", "1 not 0");
    // The progress item before keeps its 5.
    const answers = await c.answers("alex");
    expect(answers.filter((a) => a.instrument === "progress").map((a) => a.value)).toEqual([5, 5, 5, 5]);
    expect(toAlex(replies).join("\n")).not.toContain("I've changed your answer");
  });
});
