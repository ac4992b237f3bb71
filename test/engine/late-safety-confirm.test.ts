import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

const MINUTE = 60_000;
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

/** A concern whose safety question the client left with two unsure answers ("we can go on"). */
async function questionLeft(): Promise<void> {
  await c.enrol();
  await c.say("alex", "i cant do this anymore");
  await c.tick(MINUTE);
  await c.say("alex", "idk");
  await c.tick(MINUTE);
  await c.say("alex", "not sure");
  await c.tick(MINUTE);
}

// Regression: after the safety question was left, "delete everything" got how to erase ("type forget:
// I'll ask you to confirm first"), and the client's "yes" was taken as a late yes to the safety
// question: a crisis message and an URGENT alert.
describe("a typed yes soon after rapport said something else, with a safety question left", () => {
  it("is asked to be confirmed as the answer, with the question; a yes then is a disclosure", async () => {
    c = new Conversation();
    await questionLeft();
    await c.say("alex", "delete everything");
    await c.tick(MINUTE);
    const asked = await c.say("alex", "yes");
    await c.tick(MINUTE);
    expect(texts(asked, "rivera")).toEqual([]);
    expect(asked.some((d) => d.message.urgent)).toBe(false);
    expect(texts(asked, "alex")).toEqual([
      "Just to be sure I understand you: is that your answer to my question from earlier? In the past week, have you had thoughts of harming yourself or of ending your life?",
    ]);
    const confirmed = await c.say("alex", "yes");
    expect(texts(confirmed, "rivera")[0]).toMatch(/^URGENT: alex may be at risk\./);
  });

  it("a no to the confirmation is the late no; anything else is read as ever", async () => {
    c = new Conversation();
    await questionLeft();
    await c.say("alex", "delete everything");
    await c.tick(MINUTE);
    await c.say("alex", "yes");
    await c.tick(MINUTE);
    const no = await c.say("alex", "no");
    expect(no.some((d) => d.message.urgent)).toBe(false);
    expect(texts(no, "rivera").join("\n")).toContain("they answered no");
  });

  it("a yes long after rapport last wrote (the client was away) is taken at once, as before", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i cant do this anymore");
    await c.tick(3 * 3_600_000);
    const late = await c.say("alex", "yes");
    expect(texts(late, "rivera")[0]).toMatch(/^URGENT: alex may be at risk\./);
  });

  it("the confirmation stands for the next message only: a yes after another message is asked again", async () => {
    c = new Conversation();
    await questionLeft();
    await c.say("alex", "delete everything");
    await c.tick(MINUTE);
    await c.say("alex", "yes");
    await c.tick(MINUTE);
    await c.say("alex", "what");
    await c.tick(MINUTE);
    const again = await c.say("alex", "yes");
    expect(texts(again, "alex")[0]).toMatch(/^Just to be sure I understand you/);
  });
});
