import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const reply = async (typed: string) => (await c.say("rivera", typed))[0]?.message.text ?? "";

describe("schedule as therapists phrase it, read exactly", () => {
  it("reads a bare hour, a dot, and durations in words; refuses 3 without am or pm", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    for (const [typed, shown] of [
      ["schedule alex every Thursday at 10", "Thursday 10:00 (50 minutes"],
      ["schedule alex thu 10.00", "Thursday 10:00 (50 minutes"],
      ["schedule alex every thursday 10am 60 min", "Thursday 10:00 (60 minutes"],
      ["schedule alex weekly thursday 10am 50 min", "Thursday 10:00 (50 minutes"],
      ["schedule alex every monday at 17:30 for 45 minutes", "Monday 17:30 (45 minutes"],
      ["schedule alex weekly tue 17:00 1h", "Tuesday 17:00 (60 minutes"],
      ["schedule alex tuesdays at 19 90m split", "Tuesday 19:00 (90 minutes"],
      ["schedule alex every friday at 12", "Friday 12:00"],
      // The documented form, as before.
      ["schedule alex weekly tue 17:00 50m", "Tuesday 17:00 (50 minutes"],
    ]) {
      expect(await reply(typed as string), typed).toContain(`scheduled with each session: ${shown}`);
    }
    // 3 is as likely 15:00 as 03:00: not guessed, and the schedule stays as it was.
    const three = await reply("schedule alex every thursday at 3");
    expect(three).toContain('"3" could be morning or afternoon: write 3am, 3pm or the 24-hour time.');
    expect(three).toContain("Usage: schedule ALIAS weekly tue 17:00 50m [split]");
    for (const [typed, words] of [
      ["schedule alex weekly thu 10am 50m please", "please"],
      ["schedule alex every thurzday 10am", "thurzday"],
      ["schedule alex daily 17:00", "daily"],
      ["schedule alex weekly tue 17:00 2m", "2m"],
      ["schedule alex weekly tue 25:00", "25:00"],
    ]) {
      const refused = await reply(typed as string);
      expect(refused, typed).toContain(`I could not read "${words}".`);
      expect(refused, typed).toContain("Usage: schedule ALIAS weekly");
    }
    expect((await c.data("alex")).schedule).toMatchObject({ weekday: 2, time: "17:00", durationMin: 50 });
  });

  it("says that only weekly sessions are scheduled, and how to note one-offs", async () => {
    c = new Conversation();
    await c.enrol();
    for (const typed of [
      "schedule alex every other monday 5:30pm",
      "schedule alex biweekly mon 17:30",
      "schedule alex fortnightly mon 17:30",
    ]) {
      const text = await reply(typed);
      expect(text, typed).toContain("rapport schedules weekly sessions only");
      expect(text, typed).toContain("session alex DATE TIME");
      // The example is a date to come (the conversation's clock reads Nov 26, 2026), not one past.
      expect(text, typed).toContain("for example session alex 2026-12-03 15:30");
      expect(text, typed).not.toContain("Usage:");
    }
    expect((await c.data("alex")).schedule).toBeNull();
    c.clock.set(new Date("2027-03-10T09:00:00Z"));
    expect(await reply("schedule alex every other monday 5:30pm")).toContain(
      "for example session alex 2027-03-17 15:30",
    );
  });
});

describe("one-off sessions as therapists phrase them", () => {
  it("reads tomorrow, a weekday and a date without a year, naming the date as year-month-day", async () => {
    c = new Conversation();
    // Tuesday, December 1.
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    for (const [typed, when] of [
      ["session alex tomorrow 3pm", "Wednesday 2026-12-02, 15:00"],
      ["session alex dec 10 15:00", "Thursday 2026-12-10, 15:00"],
      ["session alex thu at 15.00", "Thursday 2026-12-03, 15:00"],
      // A weekday is the next such day after today, never today.
      ["session alex tuesday 10 45 min", "Tuesday 2026-12-08, 10:00"],
      ["session alex 5 jan 9:30am", "Tuesday 2027-01-05, 09:30"],
      ["session alex 2026-12-04 15:30 50m", "Friday 2026-12-04, 15:30"],
    ]) {
      expect(await reply(typed as string), typed).toBe(
        `Session for alex noted: ${when} (UTC). The check-in follows the session.`,
      );
    }
    // "10 dec" is "dec 10": the same session, not a second one.
    expect(await reply("session alex 10 dec 15:00")).toContain(
      "A session for alex on Thursday 2026-12-10, 15:00 (UTC) is already noted",
    );
    expect(await reply("session alex tomorrow 3")).toContain('"3" could be morning or afternoon');
    for (const [typed, words] of [
      ["session alex 12/10 15:00", "12/10"],
      ["session alex someday 15:00", "someday"],
      ["session alex tomorrow 3pm 50m please", "please"],
    ]) {
      const refused = await reply(typed as string);
      expect(refused, typed).toContain(`I could not read "${words}".`);
      expect(refused, typed).toContain("Usage: session ALIAS now");
    }
    expect(await reply("session alex now")).toContain("Session for alex noted: Tuesday 2026-12-01, 09:00");
  });
});
