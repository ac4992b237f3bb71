import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const text = async (who: string, words: string) => (await c.say(who, words)).map((d) => d.message.text);

describe("a client who typed stop, as their therapist sees it", () => {
  it("schedule ALIAS names no next check-in while the client's stop holds, and says how it ends", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    await c.say("alex", "stop");
    const shown = await text("rivera", "schedule alex");
    expect(shown).toEqual([
      "alex's sessions: Monday 10:00 (50 minutes, UTC), both check-ins after the session. No check-in goes out: alex paused them from the chat on Nov 2, 2026, and they start again when alex types start.",
    ]);
    const [set] = await text("rivera", "schedule alex weekly wed 10:00 50m");
    expect(set).toMatch(/^Check-ins for alex are scheduled .* None goes out for now: alex paused them/);
    expect(set).not.toMatch(/Next check-in/);
    // Once the client resumes, the next check-in is named again.
    await c.say("alex", "start");
    expect((await text("rivera", "schedule alex"))[0]).toMatch(/Next check-in: Nov 4, 2026, 11:00 AM\.$/);
  });

  it("pause ALIAS off says the stop is the client's to lift, not that there is no pause", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("alex", "stop");
    expect(await text("rivera", "pause alex off")).toEqual([
      "alex paused the check-ins themselves, from the chat, on Nov 2, 2026. Only alex can restart them, by typing start: you could mention it at your next session.",
    ]);
    // A holiday pause set by the therapist is still lifted, and the client's own stop named after it.
    await c.say("rivera", "pause alex 2026-12-24..2027-01-02");
    expect(await text("rivera", "pause alex off")).toEqual([
      [
        "The pause 2026-12-24..2027-01-02 for alex is lifted.",
        "alex paused the check-ins themselves, from the chat, on Nov 2, 2026. Only alex can restart them, by typing start: you could mention it at your next session.",
      ].join("\n"),
    ]);
    // The client's stop is untouched: still paused.
    expect((await c.client("alex"))?.pausedAt).toBeTruthy();
    await c.say("alex", "start");
    expect(await text("rivera", "pause alex off")).toEqual(["alex has no pause to lift."]);
  });
});
