import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { addGermanPhq9, phqGadPrompts } from "../helpers/measures.js";

/**
 * Regression: "2-3" at a PHQ-9 item got "nicht verstanden" where a 0-10 item asks
 * "Irgendwo zwischen 2 und 3?", and "gar nich" the same where "siebn" gets "Meinst du 7?".
 */
let c: Conversation;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message);

async function atFirstPhqItem(): Promise<void> {
  const dir = phqGadPrompts();
  addGermanPhq9(dir);
  c = new Conversation({ checkin: { instruments: ["phq9"] } }, "console", [], dir);
  await c.enrol();
  await c.say("rivera", "language alex de");
  await c.say("rivera", "checkin alex");
}

describe("an option item asked about what comes close", () => {
  it("'2-3' asks between the two options, with the two as its buttons; nothing is taken", async () => {
    await atFirstPhqItem();
    const [reply] = toAlex(await c.say("alex", "2-3"));
    expect(reply?.text).toMatch(/^Irgendwo zwischen „.+“ und „.+“\?/);
    expect(reply?.choices?.map((ch) => ch.value)).toEqual(["2", "3"]);
    expect(await c.answers("alex")).toEqual([]);
    await c.say("alex", "2");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([2]);
  });

  it("'gar nich' asks whether the option it is near is meant; nothing is taken", async () => {
    await atFirstPhqItem();
    const [reply] = toAlex(await c.say("alex", "gar nich"));
    expect(reply?.text).toMatch(/^Meinst du „.+“\?/);
    expect(await c.answers("alex")).toEqual([]);
  });

  it("words far from any option still get 'nicht verstanden'", async () => {
    await atFirstPhqItem();
    const [reply] = toAlex(await c.say("alex", "keine ahnung wirklich"));
    expect(reply?.text).not.toMatch(/Meinst du|Irgendwo zwischen/);
  });
});
