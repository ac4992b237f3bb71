import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * A client answers the PHQ-9 the way people write about their week: "never", "most days", "every
 * day!", "nope" at the ninth item. Each is taken as its answer; a word that could be either of
 * two answers ("often") is asked about again with the buttons, saying so, and nothing is stored for it.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

describe("everyday words at a PHQ-9 question", () => {
  it("are asked about with the options as written, a capital only lowered at a sentence's start", async () => {
    c = new Conversation({ checkin: { instruments: ["phq9"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [again] = await c.say("alex", "qwerty");
    expect(again?.message.text).toMatch(/^Sorry, I didn't get that/);
    // The fixture's labels begin with a name, "PHQ", which stays as it is.
    expect(again?.message.text).toContain("or type PHQ answer 0 (placeholder) / PHQ answer 1 (placeholder)");
  });

  it("are taken as the answer they name; an unclear one is asked again", async () => {
    c = new Conversation({ checkin: { instruments: ["phq9"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    // How often, between two options: asked about as such, not "didn't get that".
    for (const typed of ["often", "like half the time", "a lot tbh"]) {
      const again = await c.say("alex", typed);
      expect(again.find((d) => d.externalId === "alex")?.message.text, typed).toMatch(
        /^That could be more than one of these: please tap the one closest to how it has been, or type it: PHQ answer 0/,
      );
    }
    expect(await c.answers("alex")).toEqual([]);
    const typed = [
      "Never",
      "most days",
      "Every day!",
      "sometimes i guess",
      "a couple days",
      "not at all lol",
      "pretty much every day",
      "more than half tbh",
      "no",
    ];
    for (const text of typed) {
      const replies = await c.say("alex", text);
      expect(replies.find((d) => d.externalId === "alex")?.message.text).not.toMatch(/didn't get that/);
    }
    expect((await c.answers("alex")).filter((a) => a.instrument === "phq9").map((a) => a.value)).toEqual([
      0, 2, 3, 1, 1, 0, 3, 2, 0,
    ]);
    // "no" at the ninth item is its first answer: no crisis message, no alert.
    expect(c.delivered.filter((d) => d.externalId === "rivera" && /URGENT/.test(d.message.text))).toEqual([]);
    expect(await c.count("SELECT COUNT(*) AS n FROM risk_alerts")).toBe(0);
  });
});
