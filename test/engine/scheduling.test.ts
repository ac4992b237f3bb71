import { afterEach, describe, expect, it } from "vitest";
import { Conversation, checkinOpenings } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;
const MINUTE = 60_000;
describe("weekly schedules", () => {
  it("sends a check-in 10 minutes after each session, at the same local time across a daylight-saving change", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-03-16T09:00:00Z"));
    await c.enrol();
    // Typed in any case, kept as the zone is spelled.
    const [zone] = await c.say("rivera", "timezone alex europe/berlin");
    expect(zone?.message.text).toBe("alex's time zone is now Europe/Berlin.");
    const [set] = await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    expect(set?.message.text).toContain(
      "Check-ins for alex are scheduled with each session: Tuesday 17:00 (50 minutes, Europe/Berlin)",
    );
    // 17:00 CET is 16:00Z: the session ends 16:50Z, the check-in goes at 17:00Z.
    expect(checkinOpenings(await c.tickTo("2026-03-17T16:59:00Z"))).toHaveLength(0);
    expect(checkinOpenings(await c.tickTo("2026-03-17T17:00:00Z"))).toHaveLength(1);
    expect(checkinOpenings(await c.tickTo("2026-03-24T16:59:00Z"))).toHaveLength(0);
    expect(checkinOpenings(await c.tickTo("2026-03-24T17:00:00Z"))).toHaveLength(1);
    // Berlin moves to summer time on 29 March: 17:00 CEST is 15:00Z, so the check-in goes at 16:00Z.
    expect(checkinOpenings(await c.tickTo("2026-03-31T15:59:00Z"))).toHaveLength(0);
    expect(checkinOpenings(await c.tickTo("2026-03-31T16:00:00Z"))).toHaveLength(1);
  });

  it("sends one check-in, not one per missed week, when the process was down for weeks", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    const sent = await c.tick(3 * 7 * 24 * HOUR);
    expect(checkinOpenings(sent)).toHaveLength(1);
    expect(checkinOpenings(await c.tick(MINUTE))).toHaveLength(0);
    expect((await c.data("alex")).checkins).toHaveLength(1);
  });

  it("splits the plan: progress before the next session, alliance after it", async () => {
    c = new Conversation({ schedule: { plan: "split", progressBeforeMinutes: 60 } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 12:00 50m");
    const before = await c.tickTo("2026-11-02T11:00:00Z");
    expect(
      before.find((d) => d.externalId === "alex" && d.message.text.includes("1/5."))?.message.text,
    ).toContain("past week");
    // Sent an hour before the session, it says so; the one after the session says that.
    expect(before.find((d) => d.externalId === "alex")?.message.text).toMatch(
      /^Before your session with Dr rivera: 5 quick/,
    );
    for (const v of [7, 7, 7, 7, "no"]) await c.say("alex", String(v));
    await c.say("alex", "skip");
    const after = await c.tickTo("2026-11-02T13:00:00Z");
    expect(after.find((d) => d.externalId === "alex")?.message.text).toMatch(
      /^Time for your check-in after your session/,
    );
    expect(
      after.find((d) => d.externalId === "alex" && d.message.text.includes("1/4."))?.message.text,
    ).toContain("your last session");
  });

  it("turns a schedule off", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "schedule alex weekly thu 10:00 50m");
    const [off] = await c.say("rivera", "schedule alex off");
    expect(off?.message.text).toContain("The session schedule for alex is off");
    expect(checkinOpenings(await c.tick(8 * 24 * HOUR))).toHaveLength(0);
  });

  it("refuses a malformed schedule with the usage", async () => {
    c = new Conversation();
    await c.enrol();
    for (const bad of [
      "schedule alex weekly tue 25:00",
      "schedule alex daily 17:00",
      "schedule alex weekly xyz 10:00",
      "schedule alex weekly tue 17:00 2m",
      "schedule alex weekly tue 5",
      "schedule alex weekly tue 13pm",
    ]) {
      const [reply] = await c.say("rivera", bad);
      expect(reply?.message.text).toContain("Usage: schedule ALIAS weekly");
    }
    expect((await c.data("alex")).schedule).toBeNull();
  });
});

describe("times and days as therapists type them", () => {
  it("takes 5pm, 5:30pm, 17h and a weekday written out; one date is a pause of that day", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    for (const [typed, shown] of [
      ["schedule alex weekly tuesday 5pm", "Tuesday 17:00"],
      ["schedule alex weekly tue 17:00", "Tuesday 17:00"],
      [
        "schedule alex weekly wed 10:00",
        "This replaces the weekly session on Tuesday 17:00: a client has one",
      ],
      // As people say it: "every", a weekday first, "on" and "at".
      ["schedule alex every thursday 10am", "Thursday 10:00"],
      ["schedule alex thursdays at 10am", "Thursday 10:00"],
      ["schedule alex weekly on fri at 5:30 pm 45m", "Friday 17:30 (45 minutes"],
      ["schedule alex weekly thu 5:30pm 45m", "Thursday 17:30 (45 minutes"],
      ["schedule alex weekly thu 5:30 pm", "Thursday 17:30"],
      ["schedule alex weekly fri 9 AM 50m", "Friday 09:00 (50 minutes"],
      ["schedule alex weekly wed 4:15 p.m.", "Wednesday 16:15"],
      ["schedule alex weekly mon 9h", "Monday 09:00"],
    ]) {
      const [reply] = await c.say("rivera", typed as string);
      expect(reply?.message.text, typed).toContain(shown);
    }
    // A date with slashes is refused with both forms, one day among them: the month's place differs.
    const [slashed] = await c.say("rivera", "pause alex 1/2");
    expect(slashed?.message.text).toContain("or one day: pause alex 2026-12-24");
    // A date as people say it is read, the next one from today, and named as year-month-day.
    const [spoken] = await c.say("rivera", "pause alex feb 1");
    expect(spoken?.message.text).toBe("No check-ins for alex on 2027-02-01. To lift it: pause alex off");
    const [holidays] = await c.say("rivera", "pause alex Dec 24 - Jan 2");
    expect(holidays?.message.text).toBe(
      "No check-ins for alex from 2026-12-24 to 2027-01-02. To lift it: pause alex off",
    );
    const [paused] = await c.say("rivera", "pause alex 2026-12-07");
    expect(paused?.message.text).toBe("No check-ins for alex on 2026-12-07. To lift it: pause alex off");
    expect((await c.say("rivera", "schedule alex"))[0]?.message.text).toContain(
      "Next check-in: Dec 14, 2026",
    );
    const [session] = await c.say("rivera", "session alex 2026-12-03 4pm");
    expect(session?.message.text).toContain("Thursday 2026-12-03, 16:00");
  });
});

describe("schedule ALIAS shows what is planned", () => {
  it("one-off sessions, the pauses not over, and the true next check-in", async () => {
    c = new Conversation();
    c.clock.set(new Date("2027-01-01T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "session alex 2027-01-02 10:00 50m");
    expect((await c.say("rivera", "schedule alex"))[0]?.message.text).toBe(
      "Check-ins already planned: Jan 2, 2027, 11:00 AM (UTC).",
    );
    await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    await c.say("rivera", "pause alex 2027-01-05");
    await c.say("rivera", "session alex 2027-01-07 17:00");
    const [shown] = await c.say("rivera", "schedule alex");
    expect(shown?.message.text).toBe(
      [
        "alex's sessions: Tuesday 17:00 (50 minutes, UTC), both check-ins after the session. Next check-in: Jan 2, 2027, 11:00 AM.",
        "Check-ins already planned: Jan 2, 2027, 11:00 AM, Jan 7, 2027, 6:00 PM (UTC).",
        "No check-ins on: 2027-01-05.",
      ].join("\n"),
    );
    // The same session typed twice is noted once.
    const [twice] = await c.say("rivera", "session alex 2027-01-07 17:00");
    expect(twice?.message.text).toBe(
      "A session for alex on Thursday 2027-01-07, 17:00 (UTC) is already noted: schedule alex shows it.",
    );
    // A session booked inside a pause is said to get no check-in, at once.
    const [inPause] = await c.say("rivera", "session alex 2027-01-05 15:00");
    expect(inPause?.message.text).toBe(
      "Session for alex noted: Tuesday 2027-01-05, 15:00 (UTC). It falls in the pause 2027-01-05, so no check-in will follow it. To lift the pause: pause alex off",
    );
  });
});

describe("a time zone set after the schedule", () => {
  it("says that the sessions moved with it, and when the next check-in now is", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly wed 19:00 50m");
    const [reply] = await c.say("rivera", "timezone alex America/Los_Angeles");
    expect(reply?.message.text).toBe(
      [
        "alex's time zone is now America/Los_Angeles.",
        "Session times are in the client's time zone, so alex's sessions are now Wednesday 19:00 America/Los_Angeles time. Next check-in: Dec 2, 2026, 8:00 PM (America/Los_Angeles). If the session time should stay as it was, set it again with schedule alex weekly …",
      ].join("\n"),
    );
  });
});

describe("check-ins that fell due while rapport was down", () => {
  it("come as one, not one per missed week, when the quiet hours held the first", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T07:12:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly thu 16:00 50m");
    const sent: string[] = [];
    // Each jump ends inside the quiet hours (07:12), as a server coming back at night would.
    for (const days of [1, 7, 7, 7]) {
      const d = await c.tick(days * 24 * HOUR);
      sent.push(...d.filter((x) => x.externalId === "alex").map((x) => x.message.text));
    }
    const after = await c.tick(HOUR);
    sent.push(...after.filter((x) => x.externalId === "alex").map((x) => x.message.text));
    expect(sent.filter((t) => t.startsWith("Time for your check-in"))).toHaveLength(1);
    expect((await c.data("alex")).checkins.map((ch) => ch.status)).toEqual(["open"]);
  });
});

describe("one-off sessions, reminders and expiry", () => {
  it("reminds a client who has not begun of how short it is, not to carry on where they stopped", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T08:00:00Z"));
    await c.enrol();
    await c.say("rivera", "session alex 2026-12-03 09:30 50m");
    await c.tickTo("2026-12-03T10:30:00Z");
    const reminder = await c.tickTo("2026-12-03T14:30:00Z");
    expect(reminder.map((d) => d.message.text)).toEqual([
      "A gentle reminder: your check-in is still open, 9 quick questions whenever it suits you.",
      expect.stringContaining("1/9."),
    ]);
  });

  it("sends the check-in after a one-off session, one reminder after 4 hours, and expires it after 48", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T08:00:00Z"));
    await c.enrol();
    await c.say("rivera", "session alex 2026-12-03 09:30 50m");
    expect(checkinOpenings(await c.tickTo("2026-12-03T10:29:00Z"))).toHaveLength(0);
    expect(checkinOpenings(await c.tickTo("2026-12-03T10:30:00Z"))).toHaveLength(1);
    await c.say("alex", "8");
    const reminder = await c.tickTo("2026-12-03T14:30:00Z");
    expect(reminder.map((d) => d.message.text)).toEqual([
      "A gentle reminder: your check-in from Dr rivera is still open. You can carry on where you stopped.",
      expect.stringContaining("2/9."),
    ]);
    expect(await c.tickTo("2026-12-04T14:30:00Z")).toEqual([]);
    // The client carries on where they stopped after the reminder.
    const [next] = await c.say("alex", "9");
    expect(next?.message.text).toContain("3/9.");
    await c.tickTo("2026-12-05T10:30:00Z");
    expect((await c.data("alex")).checkins.map((ch) => ch.status)).toEqual(["expired"]);
    const [late] = await c.say("alex", "7");
    expect(late?.message.text).toContain("no check-in open");
  });

  it("sends no reminder while the client's urgent alert is open: they were told the check-in can wait", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T08:00:00Z"));
    await c.enrol();
    await c.say("rivera", "session alex 2026-12-03 09:30 50m");
    await c.tickTo("2026-12-03T10:30:00Z");
    await c.say("alex", "8");
    const crisis = await c.say("alex", "i have pills saved up");
    expect(
      crisis.some((d) => d.externalId === "alex" && d.message.text.includes("The check-in can wait")),
    ).toBe(true);
    const later = await c.tickTo("2026-12-03T14:30:00Z");
    expect(later.filter((d) => d.externalId === "alex").map((d) => d.message.text)).toEqual([]);
  });

  it("sends no reminder that runs after the check-in's expiry, or during a holiday pause", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T08:00:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    // Down for a week: the reminder (4 hours) and the expiry (48 hours) are both due when it is back.
    expect(await c.tick(7 * 24 * 3_600_000)).toEqual([]);
    expect((await c.data("alex")).checkins.map((ch) => ch.status)).toEqual(["expired"]);
    // A holiday that begins before the reminder is due: no reminder, and the check-in still expires.
    await c.say("rivera", "checkin alex");
    await c.say("rivera", "pause alex 2026-12-10..2026-12-20");
    expect(await c.tickTo("2026-12-10T13:00:00Z")).toEqual([]);
    await c.tickTo("2026-12-12T09:00:00Z");
    expect((await c.data("alex")).checkins.map((ch) => ch.status)).toEqual(["expired", "expired"]);
  });

  it("does not ask again the same day: a scheduled check-in within 12 hours of one answered is left out, the next week's goes", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-02T16:00:00Z"));
    await c.enrol();
    // The therapist asks by hand after a session, the client answers, and the schedule set
    // minutes later has its first session's check-in due that evening.
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 8, 8, 8, 7, 7, 7, 7, "no"]);
    const [set] = await c.say("rivera", "schedule alex weekly wed 17:00 50m");
    expect(set?.message.text).toContain("scheduled with each session");
    expect(checkinOpenings(await c.tickTo("2026-12-02T18:30:00Z"))).toHaveLength(0);
    expect((await c.data("alex")).checkins).toHaveLength(1);
    // A week later the check-in goes as scheduled.
    expect(checkinOpenings(await c.tickTo("2026-12-09T18:00:00Z"))).toHaveLength(1);
  });

  it("a therapist's checkin still goes at once", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    expect(checkinOpenings(await c.say("rivera", "checkin alex"))).toHaveLength(1);
  });
});

describe("quiet hours, holidays and pauses", () => {
  it("holds a check-in due in quiet hours until 08:00 local, but never an urgent alert", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-07T18:00:00Z"));
    await c.enrol();
    await c.say("rivera", "timezone alex Europe/Berlin");
    // A session 20:30 to 21:20 Berlin: its check-in is due 21:30, in the quiet hours.
    await c.say("rivera", "session alex 2026-12-07 20:30 50m");
    // Both are told when it will come: in the morning, not at 21:30, when nothing comes.
    const [planned] = await c.say("rivera", "schedule alex");
    expect(planned?.message.text).toContain("Dec 8, 2026, 8:00 AM");
    expect(checkinOpenings(await c.tickTo("2026-12-07T20:40:00Z"))).toHaveLength(0);
    const [asked] = await c.say("alex", "hey when is my next checkin");
    expect(asked?.message.text).toContain("The next one comes on Dec 8, 2026, 8:00 AM.");
    const crisis = await c.say("alex", "I want to die");
    expect(crisis[0]?.message.urgent).toBe(true);
    expect(crisis.some((d) => d.externalId === "rivera" && d.message.urgent)).toBe(true);
    expect(checkinOpenings(await c.tickTo("2026-12-08T06:59:00Z"))).toHaveLength(0);
    const morning = await c.tickTo("2026-12-08T07:00:00Z");
    expect(checkinOpenings(morning)).toHaveLength(1);
    // The session was yesterday evening: nothing the client reads the next morning calls it today's.
    const toAlex = morning.filter((d) => d.externalId === "alex").map((d) => d.message.text);
    expect(toAlex.join("\n")).toContain("Four questions about your last session.");
    expect(toAlex.join("\n")).not.toMatch(/today/i);
  });

  it("sends nothing on a holiday", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-20T09:00:00Z"));
    await c.enrol();
    const [paused] = await c.say("rivera", "pause alex 2026-12-24..2027-01-02");
    expect(paused?.message.text).toBe(
      "No check-ins for alex from 2026-12-24 to 2027-01-02. To lift it: pause alex off",
    );
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    expect(checkinOpenings(await c.tickTo("2026-12-21T11:00:00Z"))).toHaveLength(1);
    await c.tick(49 * HOUR);
    // The schedule names the first check-in after the pause, not one inside it.
    const [shown] = await c.say("rivera", "schedule alex");
    expect(shown?.message.text).toContain("Next check-in: Jan 4, 2027");
    expect(checkinOpenings(await c.tickTo("2026-12-28T11:00:00Z"))).toHaveLength(0);
    expect(checkinOpenings(await c.tickTo("2027-01-04T11:00:00Z"))).toHaveLength(1);
    const [bad] = await c.say("rivera", "pause alex 2027-01-10..2027-01-02");
    expect(bad?.message.text).toContain("pause alex 2026-12-24..2027-01-02");
    // Days already over pause nothing.
    const [past] = await c.say("rivera", "pause alex 2026-11-01..2026-11-05");
    expect(past?.message.text).toMatch(
      /^Those days are over already \(today is 2027-01-0\d\), so nothing is paused/,
    );
  });

  it("names the first check-in after a pause when the schedule is set inside it", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "pause alex 2026-12-05..2026-12-20");
    // A pause already set is not set (and listed) twice.
    const [again] = await c.say("rivera", "pause alex 2026-12-10");
    expect(again?.message.text).toBe("alex already has a pause covering those days: schedule alex shows it.");
    const alex = (await c.client("alex"))?.personId ?? 0;
    expect(await c.read((tx) => tx.pausesOf(alex))).toHaveLength(1);
    const [set] = await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    expect(set?.message.text).toContain("Next check-in: Dec 22, 2026");
    expect(checkinOpenings(await c.tickTo("2026-12-08T18:00:00Z"))).toHaveLength(0);
  });

  it("lifts a pause with pause ALIAS off: the next session's check-in goes out", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-20T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    await c.say("rivera", "pause alex 2026-12-20..2027-01-10");
    const [lifted] = await c.say("rivera", "pause alex off");
    expect(lifted?.message.text).toBe("The pause 2026-12-20..2027-01-10 for alex is lifted.");
    expect((await c.say("rivera", "pause alex off"))[0]?.message.text).toBe("alex has no pause to lift.");
    expect(checkinOpenings(await c.tickTo("2026-12-21T11:00:00Z"))).toHaveLength(1);
  });

  it("pause ALIAS off lifts one pause, today's or the next, and names what is still paused", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-03T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "pause alex 2026-12-24..2027-01-02");
    await c.say("rivera", "pause alex 2026-12-10");
    const [lifted] = await c.say("rivera", "pause alex off");
    expect(lifted?.message.text).toBe(
      [
        "The pause 2026-12-10 for alex is lifted.",
        "Still no check-ins for alex on: 2026-12-24..2027-01-02. To lift that too: pause alex off",
      ].join("\n"),
    );
    const alex = (await c.client("alex"))?.personId ?? 0;
    expect(await c.read((tx) => tx.pausesOf(alex))).toEqual([{ from: "2026-12-24", to: "2027-01-02" }]);
  });

  it("pauses when the client types stop (telling the therapist once) and resumes with start", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    const stopped = await c.say("alex", "stop");
    expect(stopped.map((d) => [d.externalId, d.message.text])).toEqual([
      ["alex", "Check-ins are paused. Type start whenever you want them back."],
      ["rivera", "alex paused their check-ins from the chat. They can type start to resume."],
    ]);
    expect((await c.say("alex", "stop")).map((d) => d.externalId)).toEqual(["alex"]);
    expect(checkinOpenings(await c.tickTo("2026-11-02T11:00:00Z"))).toHaveLength(0);
    const resumed = await c.say("alex", "start");
    expect(resumed.map((d) => d.message.text)).toEqual([
      "Check-ins are back on. Thank you.",
      "alex resumed their check-ins.",
    ]);
    expect(checkinOpenings(await c.tickTo("2026-11-09T11:00:00Z"))).toHaveLength(1);
  });
});

describe("the weekly digest", () => {
  it("gives each therapist what changed this week: news per client, unanswered check-ins, pauses and unreachable clients", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" }, clinic: { timeZone: "Europe/Berlin" } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    // A therapist with no clients (an on-call contact) gets no weekly "nothing to report".
    const { code } = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${code}`);
    await c.tick(MINUTE);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 8, 5, 5, 5, 5, "no"]);
    await c.say("rivera", "pause alex 2026-12-24..2027-01-02");
    await c.say("rivera", "session alex now");
    await c.tick(HOUR);
    await c.tick(49 * HOUR);
    const delivered = await c.tickTo("2026-11-09T07:00:00Z");
    const digest = delivered.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(digest).toContain("Weekly digest, Nov 9, 2026");
    expect(delivered.filter((d) => d.externalId === "night")).toEqual([]);
    // What changed this week, client by client: one check-in and the alliance concern, named once,
    // with the check-in that expired unfinished in the same line, not in a second one.
    expect(digest).toContain(
      "This week:\n- alex: alliance concern; 1 check-in; check-in not finished (expired Nov 4, 2026)\n",
    );
    expect(digest).not.toContain("Check-ins not finished:");
    // A holiday not begun yet is one ahead, not a pause.
    expect(digest).toContain("Pauses ahead:\n- alex: holiday 2026-12-24 to 2027-01-02");
    expect(digest).not.toContain("Paused:");
    // Once a week.
    expect((await c.tick(24 * HOUR)).filter((d) => d.message.text.startsWith("Weekly digest"))).toHaveLength(
      0,
    );
  });

  it("lists a holiday under way as paused, and a client who stopped once, on their line of news", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.enrol("rivera", "bea");
    await c.tick(MINUTE);
    await c.say("rivera", "pause bea 2026-11-05..2026-11-20");
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [10, 10, 10, 10, 8, 8, 8, 8, "no"]);
    await c.say("alex", "stop");
    const digest =
      (await c.tickTo("2026-11-09T08:00:00Z")).find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(digest).toContain("Paused:\n- bea: holiday 2026-11-05 to 2026-11-20");
    expect(digest).not.toContain("Pauses ahead:");
    expect(digest).toMatch(/- alex: paused by the client[^\n]*; 1 check-in/);
    expect(digest).not.toContain("alex: stopped by the client");
  });

  it("gives the numbers behind a client's change: a recovery is named, not only 'on track'", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.tick(MINUTE);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [10, 10, 10, 10, 5, 5, 5, 5, "no"]);
    await c.tick(2 * 24 * HOUR);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [10, 10, 10, 10, 7, 7, 7, 8, "no"]);
    const digest =
      (await c.tickTo("2026-11-09T08:00:00Z")).find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(digest).toContain(
      "- alex: on track; 2 check-ins; progress 29, +9 since the first (20): recovered (a reliable improvement, now out of the clinical range)",
    );
  });

  it("does not name a warning again that the client's state already names, by its rule", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.tick(MINUTE);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [10, 10, 10, 10, 7, 7, 7, 7, "no"]);
    await c.tick(2 * 24 * HOUR);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [10, 10, 10, 10, 3, 3, 3, 3, "no"]);
    const digest =
      (await c.tickTo("2026-11-09T08:00:00Z")).find((d) => d.externalId === "rivera")?.message.text ?? "";
    const line = digest.split("\n").find((l) => l.startsWith("- alex:")) ?? "";
    expect(line).toContain("deteriorated (progress 28 → 12)");
    expect(line).not.toMatch(/new warnings:[^;]*deteriorating/i);
  });

  it("names the clients with nothing new on one line with their status, not again in full", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.tick(MINUTE);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [10, 10, 10, 10, 8, 8, 8, 8, "no"]);
    await c.tickTo("2026-11-09T08:00:00Z");
    const quiet =
      (await c.tickTo("2026-11-16T08:00:00Z")).find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(quiet).toContain("Nothing new for 1: alex (too early to tell).");
    expect(quiet).not.toContain("This week:");
  });
});
