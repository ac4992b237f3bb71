import { afterEach, describe, expect, it } from "vitest";
import { checkinOpenings, Conversation } from "../helpers/conversation.js";

/**
 * A check-in the therapist sends by hand keeps the client's quiet hours, as a scheduled one does:
 * in a trial, `checkin alex` typed at 21:20 reached the client at once, in the night the clinic had
 * kept free of check-ins. It now waits for the morning and the therapist is told when it goes;
 * `checkin alex now` is for a client who is with them.
 */
let c: Conversation;
afterEach(() => c?.close());

async function eveningWithAlex(): Promise<void> {
  c = new Conversation();
  c.clock.set(new Date("2026-12-07T18:00:00Z"));
  await c.enrol();
  await c.say("rivera", "timezone alex Europe/Berlin");
  // 21:20 in Berlin.
  await c.tickTo("2026-12-07T20:20:00Z");
}

describe("checkin ALIAS in the client's quiet hours", () => {
  it("waits for their end, says when it goes, and then goes once", async () => {
    await eveningWithAlex();
    const replies = await c.say("rivera", "checkin alex");
    expect(checkinOpenings(replies)).toHaveLength(0);
    expect(replies.filter((d) => d.externalId === "alex")).toHaveLength(0);
    expect(replies[0]?.message.text).toBe(
      "It is the quiet hours for alex (21:00–08:00 their time), so the check-in goes on Dec 8, 2026, 8:00 AM. " +
        "To send it at once (if they are with you, say): checkin alex now",
    );
    expect(checkinOpenings(await c.tickTo("2026-12-08T06:59:00Z"))).toHaveLength(0);
    const morning = await c.tickTo("2026-12-08T07:00:00Z");
    expect(checkinOpenings(morning)).toHaveLength(1);
    expect(morning.filter((d) => d.externalId === "rivera")).toHaveLength(0);
  });

  it("typed twice in the evening still gives one check-in in the morning", async () => {
    await eveningWithAlex();
    await c.say("rivera", "checkin alex");
    await c.tickTo("2026-12-07T21:00:00Z");
    await c.say("rivera", "checkin alex");
    expect(checkinOpenings(await c.tickTo("2026-12-08T07:05:00Z"))).toHaveLength(1);
  });

  it("goes at once with now, and outside the quiet hours without it", async () => {
    await eveningWithAlex();
    const now = await c.say("rivera", "checkin alex now");
    expect(checkinOpenings(now)).toHaveLength(1);
    expect(now.find((d) => d.externalId === "rivera")?.message.text).toBe("Check-in sent to alex.");
    await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0]);
    await c.tickTo("2026-12-08T09:00:00Z");
    expect(checkinOpenings(await c.say("rivera", "checkin alex"))).toHaveLength(1);
  });

  it("is not sent in the morning to a client who typed stop in the night", async () => {
    await eveningWithAlex();
    await c.say("rivera", "checkin alex");
    await c.tickTo("2026-12-07T22:00:00Z");
    await c.say("alex", "stop");
    expect(checkinOpenings(await c.tickTo("2026-12-08T07:30:00Z"))).toHaveLength(0);
  });
});
