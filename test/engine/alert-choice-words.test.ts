import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/** Under an open alert, an option named in words answers the question on screen, as a number does. */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

describe("an option named in words while an alert is open", () => {
  it("answers the question on screen: no words for the alert, no urgent message about them", async () => {
    c = new Conversation({ checkin: { instruments: ["phq9", "gad7"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [1, 1, 1, 1, 1, 1, 1, 1, 2]) await c.say("alex", String(v));
    // The first message after the crisis message brings the question back (the check-in waited).
    await c.say("alex", "ok im ready to carry on");
    const gadFirst = c.lastTo("alex").message;
    const label = gadFirst.choices?.[1]?.label ?? "";
    expect(label).toMatch(/GAD answer 1/);
    const replies = await c.say("alex", label.toLowerCase());
    expect(replies.filter((d) => d.externalId === "rivera")).toEqual([]);
    expect(replies.find((d) => d.externalId === "alex")?.message.text).toMatch(/^11\/16\./);
    expect((await c.answers("alex")).filter((a) => a.instrument === "gad7").map((a) => a.value)).toEqual([1]);
    // Words that are no option still reach the alert.
    const words = await c.say("alex", "i dont know what im doing");
    expect(words.find((d) => d.externalId === "alex")?.message.text).toContain(
      "Your therapist will see this too",
    );
    await c.answerAll("alex", [0, 0, 0, 0, 0, 0]);
    const summary = c.lastTo("rivera").message.text;
    expect(summary).not.toContain(`"${label.toLowerCase()}"`);
  });
});
