import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * The PHQ-9's ninth item (thoughts of being better off dead or of self-harm) answered in words, as
 * the safety question is: "yeah sometimes" takes the risk path with the client's words in the
 * alert, never a "didn't get that" that a client may answer by backing down to 0.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;

let c: Conversation;
afterEach(() => c.close());

async function atItemNine(): Promise<void> {
  c = await atPhqItemNine(dir);
}

const ninth = async () => (await c.answers("alex")).find((a) => a.item === "item9")?.value;

describe("the PHQ-9's ninth item answered in words", () => {
  it.each([
    ["yeah sometimes", 1],
    ["yes", 1],
    ["ya kinda", 1],
    ["yeah nearly every day honestly", 3],
    // Denied words name no answer: a yes, no more.
    ["yes but not every day", 1],
    ["yeah, not quite every day though", 1],
    ["yes not nearly every day, more than half the days", 2],
  ])("%j takes the risk path, quoting the words", async (typed, value) => {
    await atItemNine();
    const sent = await c.say("alex", typed);
    expect(await ninth()).toBe(value);
    const alert = sent.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(alert).toMatch(/^URGENT/);
    expect(alert).toContain(
      `they answered "${typed}" to PHQ-9 item "PHQ item 9 (placeholder)", read as ${value}`,
    );
    expect(sent.find((d) => d.externalId === "alex")?.message.text).not.toMatch(/didn't get that/);
  });

  it.each(["nah", "not really", "no lol"])("%j is its first answer, with no alert", async (typed) => {
    await atItemNine();
    const sent = await c.say("alex", typed);
    expect(await ninth()).toBe(0);
    expect(sent.filter((d) => d.externalId === "rivera")).toEqual([]);
  });

  it.each([
    ["maybe no", "idk"],
    ["maybe not", "not sure"],
    ["yeah nah", "yes no"],
    ["0?", "rather not say"],
  ])(
    "reads %j as the safety question does: asked again, and left so, the therapist reads it as no clear answer",
    async (first, second) => {
      // At the safety question and at the ninth item alike, an unsure answer to thoughts of
      // self-harm is asked again, with no alert at that moment, and never vanishes nor reads as "no".
      const expectAskedAgain = (sent: Delivery[], question: RegExp) => {
        expect(sent.some((d) => d.message.urgent)).toBe(false);
        expect(sent.filter((d) => d.externalId === "rivera")).toEqual([]);
        expect(sent.find((d) => d.externalId === "alex")?.message.text).toMatch(question);
      };
      c = await atSafetyQuestion();
      expectAskedAgain(await c.say("alex", first), /9\/9\. In the past week/);
      expectAskedAgain(await c.say("alex", second), /9\/9\. In the past week/);
      expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
      // Silence until the check-in closes: its summary says what they wrote.
      const closed = await c.tick(8 * 24 * HOUR);
      const summary = closed.find((d) => d.externalId === "rivera" && /check-in 1/.test(d.message.text));
      expect(summary?.message.text).toContain(
        `Safety question: no clear answer ("${first} / ${second}"); the check-in closed at its expiry before a clear one.`,
      );
      const [own] = await c.say("rivera", "summary alex");
      expect(own?.message.text).toContain(
        `Safety question: no clear answer ("${first} / ${second}") in the check-in of`,
      );
      c.close();

      await atItemNine();
      expectAskedAgain(await c.say("alex", first), /PHQ item 9/);
      expectAskedAgain(await c.say("alex", second), /PHQ item 9/);
      expect(await ninth()).toBeUndefined();
      // The check-in stops there, unfinished: the therapist is told at once, with the words.
      const told = (await c.tick(8 * 24 * HOUR)).find((d) => d.externalId === "rivera")?.message.text ?? "";
      expect(told).toContain(
        `no clear answer to PHQ-9 item "PHQ item 9 (placeholder)", a risk item: "${first} / ${second}"; asked again.`,
      );
      const [later] = await c.say("rivera", "summary alex");
      expect(later?.message.text).toContain(`"${first} / ${second}"`);
    },
  );

  it("keeps an unclear answer that a clear one follows, beside it", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "not sure");
    const sent = await c.say("alex", "yes");
    const alert = sent.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(alert).toMatch(/^URGENT/);
    await c.say("alex", "skip");
    const [own] = await c.say("rivera", "summary alex");
    expect(own?.message.text).toContain("no clear answer to the safety question");
    expect(own?.message.text).toContain('"not sure"');
  });

  it("shows the question after the crisis message before a number can answer it", async () => {
    // The crisis message came in place of the next question: "1" cannot answer what was not seen.
    c = await atPhqItemNine(dir, ["phq9", "gad7"]);
    await c.say("alex", "yeah sometimes");
    const shown = (await c.say("alex", "1")).filter((d) => d.externalId === "alex");
    expect(shown.map((d) => d.message.text).join("\n")).toMatch(/^10\/\d+\. GAD item 1/m);
    expect(await c.answers("alex")).toHaveLength(9);
    // Seen now, the next number answers it.
    await c.say("alex", "0");
    expect(await c.answers("alex")).toHaveLength(10);
  });

  it("a bare number at the comment after the crisis message is no news for the alert", async () => {
    await atItemNine();
    await c.say("alex", "yeah sometimes");
    const sent = await c.say("alex", "1");
    expect(sent.filter((d) => d.externalId === "rivera")).toEqual([]);
    expect(sent.find((d) => d.externalId === "alex")?.message.text).not.toMatch(/Thank you for telling me/);
    const alex = await c.client("alex");
    const events = await c.peek((tx) => tx.riskEvents(alex?.personId ?? 0, {}));
    expect(events.map((e) => e.text)).not.toContain("1");
  });

  it("leaves the other items to their answers: a yes there is asked again", async () => {
    c = new Conversation({ checkin: { instruments: ["phq9"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [again] = await c.say("alex", "yeah");
    expect(again?.message.text).toMatch(/^Sorry, I didn't get that/);
    expect(await c.answers("alex")).toEqual([]);
  });
});
