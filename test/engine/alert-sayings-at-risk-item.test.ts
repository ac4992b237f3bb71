import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * While an alert is open, a score said with a saying ("ngl 6", "9 obvio") answers a score question
 * and its words are kept with the alert without another urgent message. At a risk item such words
 * are no answer (the check-in asks again), so they reach the alert as any other words do, urgently.
 */
let c: Conversation;
afterEach(() => c?.close());

const urgentToRivera = (ds: readonly Delivery[]) =>
  ds.some((d) => d.externalId === "rivera" && d.message.urgent === true);

async function alertOpen(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
  await c.say("alex", "9");
  await c.say("alex", "2 tbh. kms");
}

describe("a score with a saying while an alert is open", () => {
  it("answers a score question, its words kept with the alert without another urgent message", async () => {
    await alertOpen();
    const sent = await c.say("alex", "ngl 6");
    expect(urgentToRivera(sent)).toBe(false);
    expect((await c.answers("alex")).map((a) => a.value).sort()).toEqual([6, 9]);
  });

  it.each(["ngl 0", "0 obvio", "def 0"])(
    "%j at the safety question is no answer there: it reaches the alert at once",
    async (typed) => {
      await alertOpen();
      for (let i = 0; i < 7; i++) await c.say("alex", "7");
      const before = (await c.answers("alex")).length;
      expect(before).toBe(8);
      const sent = await c.say("alex", typed);
      expect(urgentToRivera(sent)).toBe(true);
      expect((await c.answers("alex")).length).toBe(before);
    },
  );
});
