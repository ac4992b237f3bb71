import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// Regression (trial risk-9): after "i took a bunch of pills", the client's "i feel sick" twelve
// minutes on got "Thank you for telling me. Your therapist will see this too. If you need someone
// now: …", as if waiting for the therapist were fine. While an acute alert is open and nobody has
// acknowledged it, every reply keeps the line to get emergency help now.
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

const NOW =
  "Please get emergency help right now, and don't wait for your therapist to answer: call the emergency number I sent you, go to the nearest emergency department, or tell someone near you what is happening.";
const NOW_WITH_CONTACTS =
  "Please get emergency help right now, and don't wait for your therapist to answer: go to the nearest emergency department, tell someone near you what is happening, or call: TEST CRISIS TEXT: call 112.";

async function overdose(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("alex", "i took a bunch of pills");
}

describe("the client's replies while an acute alert is open", () => {
  it("ok, more words, sorry: each keeps the emergency line, with the contacts again after ten minutes", async () => {
    await overdose();
    c.clock.advance(60_000);
    expect(texts(await c.say("alex", "ok"), "alex")).toEqual([NOW]);
    c.clock.advance(12 * 60_000);
    expect(texts(await c.say("alex", "i feel sick"), "alex")).toEqual([NOW_WITH_CONTACTS]);
    expect(texts(await c.say("alex", "sorry"), "alex")).toEqual([NOW]);
    // Everything still reaches the alert.
    const alex = await c.client("alex");
    const events = await c.read((tx) => tx.riskEvents(alex?.personId ?? 0, { alertId: 1 }));
    expect(events.map((e) => e.text)).toEqual(["i took a bunch of pills", "ok", "i feel sick", "sorry"]);
  });

  it("more risk words added to the acute alert keep the emergency line too", async () => {
    await overdose();
    c.clock.advance(60_000);
    const replies = texts(await c.say("alex", "i want to die"), "alex");
    expect(replies.at(-1)).toMatch(/^Please get emergency help right now/);
  });

  it("once the therapist has acknowledged it, replies are ordinary again", async () => {
    await overdose();
    await c.say("rivera", "seen 1");
    c.clock.advance(12 * 60_000);
    const replies = texts(await c.say("alex", "i feel sick"), "alex");
    expect(replies.join("\n")).not.toContain("emergency help right now");
  });

  it("an alert that is not acute keeps its ordinary replies", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i want to kill myself");
    c.clock.advance(12 * 60_000);
    expect(texts(await c.say("alex", "i feel sick"), "alex")).toEqual([
      "Thank you for telling me. Your therapist will see this too. If you need someone now: TEST CRISIS TEXT: call 112.",
    ]);
  });
});
