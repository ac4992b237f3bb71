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

describe("a check-in closed at its expiry with every measure answered", () => {
  it("is dated when the client gave its last answer, not at the expiry", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-10T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [8, 8, 7, 8, 6, 5, 4, 5]) await c.say("alex", String(v));
    await c.tick(30 * MINUTE);
    // The ninth answer (the safety question's no) on Dec 10; the comment is never given.
    await c.say("alex", "no");
    const closed = await c.tickTo("2026-12-13T09:00:00Z");
    const summary = to(closed, "rivera").find((t) => t.startsWith("alex, check-in 1"));
    expect(summary?.split("\n")[0]).toBe("alex, check-in 1 · Dec 10, 2026, 9:30 AM UTC");
    const [history] = await c.say("rivera", "summary alex --all");
    expect(history?.message.text).toContain("1. Dec 10, 2026, 9:30 AM");
    const [done] = (await c.data("alex")).checkins;
    expect(done?.completedAt).toBe("2026-12-10T09:30:00.000Z");
  });
});
