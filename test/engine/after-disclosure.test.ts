import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c?.close());

const HOUR = 3_600_000;
const MINUTE = 60_000;
const to = (ds: readonly { externalId: string; message: { text: string } }[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

/**
 * A user trial: a client in their second week answers the eight questions, says yes to the safety
 * question, writes "i have pills saved up", and the therapist acknowledges the alert 20 minutes on.
 */
describe("a check-in during which risk was disclosed", () => {
  it("sends no reminder once the alert is acknowledged: the client was told the check-in can wait", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [8, 8, 7]) await c.say("alex", String(v));
    const crisis = await c.say("alex", "i have pills saved up");
    expect(to(crisis, "alex").at(-1)).toContain("The check-in can wait");
    await c.tick(20 * MINUTE);
    await c.say("rivera", "seen 1");
    expect(to(await c.tick(5 * HOUR), "alex")).toEqual([]);
    // The check-in is still there when they come back.
    expect(to(await c.say("alex", "9"), "alex").join("\n")).toContain("5/9.");
  });
});
