import { afterEach, describe, expect, it } from "vitest";
import { Conversation, checkinOpenings } from "../helpers/conversation.js";

/**
 * discharge ends the therapy: the episode, the weekly schedule and the sessions planned. The reply
 * says what it did, first, whether or not there was an episode to end.
 */
let c: Conversation;
afterEach(() => c.close());

describe("discharge", () => {
  it("ends the weekly schedule and the planned sessions: a former client is asked about no session", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    await c.say("rivera", "session alex 2026-12-04 10:00 50m");
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 7, 7, 7, 7, "no"]);
    const discharged = await c.say("rivera", "discharge alex");
    const ended = discharged.find((d) => d.externalId === "rivera");
    expect(ended?.message.text).toContain("Episode ended for alex after 1 completed check-in.");
    // The client hears that the round has closed, and the therapist that they did.
    expect(discharged.find((d) => d.externalId === "alex")?.message.text).toBe(
      "Dr rivera has closed this round of check-ins: nothing more will come unless they send a new one. " +
        "Thank you for answering them. To see what is kept about you, type mydata; to have it erased, type forget.",
    );
    expect(ended?.message.text).toContain(
      "alex was told in the chat that this round of check-ins has closed.",
    );
    // Asked later, no check-in is promised "after your next session".
    expect((await c.say("alex", "hi, when is my next check in?"))[0]?.message.text).toBe(
      "There is no check-in open right now, and none is planned: Dr rivera has closed this round of check-ins.",
    );
    expect((await c.say("alex", "thanks"))[0]?.message.text).toBe(
      "You're welcome. Dr rivera has closed this round of check-ins, so none is planned.",
    );
    expect(ended?.message.text).toContain(
      "alex's session schedule and planned sessions are cancelled too: no check-in goes out unless you send one (checkin alex)",
    );
    expect(checkinOpenings(await c.tickTo("2026-12-04T12:00:00Z"))).toHaveLength(0);
    expect(checkinOpenings(await c.tickTo("2026-12-15T18:00:00Z"))).toHaveLength(0);
    expect((await c.say("rivera", "schedule alex"))[0]?.message.text).toContain(
      "alex has no session schedule",
    );
    // A discharge with nothing planned says nothing about schedules.
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 7, 7, 7, 7, "no"]);
    const [again] = await c.say("rivera", "discharge alex");
    expect(again?.message.text).not.toContain("schedule");
  });

  it("of a client with no check-in yet ends their schedule, and says so first: no check-in goes out after it", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    const [ended] = await c.say("rivera", "discharge alex");
    // What was done leads; "no episode" is why nothing else changed, not "nothing happened".
    expect(ended?.message.text).toBe(
      "alex's session schedule and planned sessions are cancelled: no check-in goes out unless you send one (checkin alex) or set a schedule again.\nalex had not answered a check-in yet, so there was no episode to end, and alex stays on your clients list. To remove alex from it and erase what is stored, type discharge alex --erase.",
    );
    expect(ended?.message.text).not.toContain("no episode to close");
    expect(checkinOpenings(await c.tickTo("2026-12-08T18:00:00Z"))).toHaveLength(0);
    expect((await c.say("rivera", "schedule alex"))[0]?.message.text).toContain(
      "alex has no session schedule",
    );
    // Nothing left to end: the reply says only that there is no episode, and does nothing.
    const [again] = await c.say("rivera", "discharge alex");
    expect(again?.message.text).toBe(
      "alex has not answered a check-in yet, so there is no episode to close. To remove alex from your clients and erase what is stored, type discharge alex --erase.",
    );
  });

  it("of a client discharged before, with a schedule set since, ends it and says the episode had ended", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 7, 7, 7, 7, "no"]);
    await c.say("rivera", "discharge alex");
    await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    const [ended] = await c.say("rivera", "discharge alex");
    expect(ended?.message.text).toBe(
      "alex's session schedule and planned sessions are cancelled: no check-in goes out unless you send one (checkin alex) or set a schedule again.\nalex's episode had already ended, so there was none to end now.",
    );
    expect(checkinOpenings(await c.tickTo("2026-12-08T18:00:00Z"))).toHaveLength(0);
  });
});
