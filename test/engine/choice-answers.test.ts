import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { type FixturePrompts, fixturePrompts } from "../helpers/fixture-prompts.js";

/**
 * Items of a 0 to 3 scale with a label per option (the test-only "fixture" instrument): one
 * button per option with its label, and typed answers as the option's number or its words.
 */
let c: Conversation;
let prompts: FixturePrompts;
beforeEach(async () => {
  prompts = fixturePrompts();
  c = new Conversation({}, "console", [], prompts.dir);
  await c.enrol();
  await c.say("rivera", "instruments alex fixture");
  await c.say("rivera", "checkin alex");
});
afterEach(() => {
  c.close();
  prompts.close();
});

/** The values stored for alex's fixture items, in the order asked. */
async function fixtureValues(): Promise<number[]> {
  return (await c.answers("alex")).filter((a) => a.instrument === "fixture").map((a) => a.value);
}

describe("a 0 to 3 scale with option labels", () => {
  it("asks each item with one button per option, labelled, carrying the option's number", () => {
    const question = c.lastTo("alex").message;
    expect(question.text).toBe("Fixture intro.\n\n1/3. Fixture item 1");
    expect(question.choices).toEqual([
      { label: "Not at all", value: "0" },
      { label: "Several days", value: "1" },
      { label: "More than half the days", value: "2" },
      { label: "Nearly every day", value: "3" },
    ]);
  });

  it.each([
    ["More than half the days", 2],
    ["more than half the DAYS.", 2],
    ["  nearly every day ", 3],
    ["2", 2],
    ["two", 2],
    ["3\uFE0F\u20E3", 3],
    ["0", 0],
  ])("takes %j as %i", async (typed, value) => {
    const [next] = await c.say("alex", typed);
    expect(next?.message.text).toContain("2/3. Fixture item 2");
    expect(await fixtureValues()).toEqual([value]);
  });

  it("re-asks a number off the scale or other words, naming the options, with the buttons again", async () => {
    for (const typed of ["4", "1.5", "several"]) {
      const [reask] = await c.say("alex", typed);
      expect(reask?.message.text, typed).toBe(
        "Sorry, I didn't get that. Please tap one of the buttons, or type not at all / several days / more than half the days / nearly every day.\n\n1/3. Fixture item 1",
      );
      expect(reask?.message.choices).toHaveLength(4);
    }
    // "often" lies between two options: asked about as such.
    const [between] = await c.say("alex", "often");
    expect(between?.message.text).toBe(
      "That could be more than one of these: please tap the one closest to how it has been, or type it: not at all / several days / more than half the days / nearly every day.\n\n1/3. Fixture item 1",
    );
    expect(between?.message.choices).toHaveLength(4);
    expect(await fixtureValues()).toEqual([]);
  });

  it("takes a press, and shows the chosen option's label under the question", async () => {
    const ref = c.lastTo("alex").message.ref;
    const replies = (await c.send(c.event("alex", { kind: "choice", value: "1", ref, source: "console:1" })))
      .replies;
    expect(replies.map((d) => d.message.text)).toEqual([
      "2/3. Fixture item 2",
      "Fixture intro.\n\n1/3. Fixture item 1\n\nYour answer: Several days",
    ]);
    expect(await fixtureValues()).toEqual([1]);
  });

  it("shows the client the option's label in mydata", async () => {
    await c.answerAll("alex", ["several days", "not at all", "no"]);
    const [data] = await c.say("alex", "mydata");
    expect(data?.message.text).toContain("- Fixture 1: Several days\n- Fixture 2: Not at all");
    expect(data?.message.text).toContain("Your check-ins ask, as your therapist chose: Fixture questions.");
  });
});
