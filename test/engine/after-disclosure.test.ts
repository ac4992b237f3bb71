import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c?.close());

const HOUR = 3_600_000;
const MINUTE = 60_000;
const to = (ds: readonly { externalId: string; message: { text: string } }[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

/**
 * Regression: a client in their second week answers the eight questions, says yes to the safety
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

describe("a yes at the safety question, the last one of the check-in", () => {
  it("sends the therapist the summary at once, and takes what the client writes later as its comment", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-04T10:00:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 6, 6, 6, 6, "no"]);
    c.clock.set(new Date("2026-12-12T10:00:00Z"));
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9, 2, 3, 3, 3]) await c.say("alex", String(v));
    const yes = await c.say("alex", "yes");
    // The urgent alert, then the summary with the scores and the yes, in the same turn.
    const summary = to(yes, "rivera").find((t) => t.startsWith("alex, check-in 2"));
    expect(summary?.split("\n").slice(0, 2)).toEqual([
      "alex, check-in 2 · Dec 12, 2026, 10:00 AM UTC",
      "Progress 11/40, falling, not on track · Alliance 36/40, steady",
    ]);
    expect(summary).toContain("Safety question: yes.");
    expect(to(yes, "alex").at(-1)).toContain("Your answers are saved and on their way to your therapist.");
    // Words while the alert is open go with it.
    const pills = await c.say("alex", "i have pills saved up");
    expect(to(pills, "rivera").join("\n")).toContain('"i have pills saved up"');
    await c.tick(20 * MINUTE);
    await c.say("rivera", "seen 1");
    // No reminder, no second summary when the check-in would have closed.
    const later = await c.tick(3 * HOUR);
    expect(to(later, "alex")).toEqual([]);
    // Hours on, once the alert is acknowledged, the client's words are the check-in's comment.
    const words = await c.say("alex", "i flushed them, my sister is here now");
    expect(to(words, "rivera")).toEqual([
      "alex added to their check-in comment, in their words:\ni flushed them, my sister is here now",
    ]);
    expect(to(await c.tick(3 * 24 * HOUR), "rivera").join("\n")).not.toContain("check-in 2");
    const [, second] = (await c.data("alex")).checkins;
    expect(second).toMatchObject({ status: "completed", comment: "i flushed them, my sister is here now" });
    // Past the check-in's own expiry, words are no comment any more.
    const late = await c.say("alex", "thanks for everything this week, it helped");
    expect(to(late, "rivera")).toEqual([]);
  });
});

describe("a yes at the safety question minutes after a disclosure in the same check-in", () => {
  it("tells the client their answers have gone, though the crisis message does not go again", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-05T10:00:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [8, 8, 8, 8, 2]) await c.say("alex", String(v));
    await c.say("alex", "i want to die");
    await c.tick(MINUTE);
    await c.say("alex", "ok");
    for (const v of [2, 2, 2]) await c.say("alex", String(v));
    await c.tick(MINUTE);
    const yes = await c.say("alex", "yes");
    expect(to(yes, "rivera").some((t) => t.startsWith("alex, check-in 1"))).toBe(true);
    const toAlex = to(yes, "alex");
    // Within ten minutes of the first, no second crisis message: the warm line still says where the answers went.
    expect(toAlex.join("\n")).not.toContain("If you are in danger now");
    expect(toAlex.at(-1)).toContain("Your answers are saved and on their way to your therapist");
    expect(toAlex.at(-1)).toContain("The crisis contacts I sent a little earlier");
  });
});
