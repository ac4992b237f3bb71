import { afterEach, describe, expect, it } from "vitest";
import { dayRangeIn } from "../../src/schedule/day-range.js";
import { Conversation, checkinOpenings } from "../helpers/conversation.js";

/**
 * A break asked for with its first and last day ("stop from dec 20 to jan 5", "im away from dec 20
 * to jan 5"): the dates are read, not dropped. One that begins on a later day pauses those days, as
 * a therapist's `pause` does, and the check-ins go on until then; one that has begun pauses at once
 * until the day after its last.
 */
let c: Conversation;

const texts = (sent: { externalId: string; message: { text: string } }[], to: string) =>
  sent.filter((d) => d.externalId === to).map((d) => d.message.text);
const choices = (sent: { externalId: string; message: { choices?: unknown } }[], to: string) =>
  sent.filter((d) => d.externalId === to).flatMap((d) => d.message.choices ?? []);

async function enrolled(language?: string): Promise<void> {
  c = new Conversation();
  // Saturday, December 5, 2026, 10:00 UTC (the clinic's zone).
  c.clock.set(new Date("2026-12-05T10:00:00Z"));
  await c.enrol();
  if (language) await c.say("rivera", `language alex ${language}`);
}

const SET =
  "No check-ins from Dec 20, 2026 to Jan 5, 2027: until then they go on as before, and after it they start again by themselves. If you change your mind, tell Dr rivera.";
const OFFER =
  "If you'd like no check-ins from Dec 20, 2026 to Jan 5, 2027, tap the button: until then they go on as before, and after it they start again by themselves.";
const BUTTON = { label: "No check-ins Dec 20, 2026 to Jan 5, 2027", value: "stop 2026-12-20..2027-01-05" };

describe("dayRangeIn", () => {
  it.each([
    ["stop from dec 20 to jan 5", "2026-12-20", "2027-01-05"],
    ["hey can we pause these over the holidays? im away from dec 20 to jan 5", "2026-12-20", "2027-01-05"],
    ["no check ins dec 20 - jan 5 pls", "2026-12-20", "2027-01-05"],
    ["keine check-ins vom 20.12. bis 5.1. bitte", "2026-12-20", "2027-01-05"],
    ["pause vom 20. Dezember bis 5. Januar", "2026-12-20", "2027-01-05"],
    ["una pausa del 20 de diciembre al 5 de enero", "2026-12-20", "2027-01-05"],
  ])("'%s' is %s to %s", (text, from, to) => {
    expect(dayRangeIn(text, "2026-12-05")).toEqual({ from, to });
  });
  it.each(["stop until jan 5", "pause till january", "stop", "dec 20 was rough, jan 5 too"])(
    "'%s' names no range",
    (text) => {
      expect(dayRangeIn(text, "2026-12-05")).toBeUndefined();
    },
  );
});

describe("a break with a first and a last day", () => {
  afterEach(() => c.close());

  it("'stop from dec 20 to jan 5' sets those days, tells the therapist once, and pauses nothing now", async () => {
    await enrolled();
    const sent = await c.say("alex", "stop from dec 20 to jan 5");
    expect(texts(sent, "alex")).toEqual([SET]);
    expect(texts(sent, "rivera")).toEqual([
      "alex asked in the chat for no check-ins from 2026-12-20 to 2027-01-05. To lift it: pause alex off",
    ]);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    expect(texts(await c.say("rivera", "schedule alex"), "rivera")[0]).toContain("2026-12-20..2027-01-05");
    // Asked again: the client is told, the therapist is not told twice.
    expect(texts(await c.say("alex", "stop from dec 20 to jan 5"), "rivera")).toEqual([]);
  });

  it("a request in a sentence gets a button that sets the days; a typed yes does the same", async () => {
    await enrolled();
    const asked = await c.say(
      "alex",
      "hey can we pause these over the holidays? im away from dec 20 to jan 5",
    );
    expect(texts(asked, "alex")[0]).toContain(OFFER);
    expect(choices(asked, "alex")).toEqual([BUTTON]);
    const none = await c.say("rivera", "clients");
    expect(texts(none, "rivera")[0]).not.toContain("paused");
    const yes = await c.say("alex", "yes please");
    expect(texts(yes, "alex")).toEqual([SET]);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    expect(texts(await c.say("rivera", "schedule alex"), "rivera")[0]).toContain("2026-12-20..2027-01-05");
  });

  it("the days set keep the weekly check-ins away, and those after them come", async () => {
    await enrolled();
    await c.say("rivera", "schedule alex weekly mon 09:00 50m");
    await c.say("alex", "stop from dec 20 to jan 5");
    // A day at a time, noting the days a check-in opened.
    const days: string[] = [];
    while (c.clock.now() < new Date("2027-01-13T00:00:00Z")) {
      const sent = await c.tick(24 * 3_600_000);
      if (checkinOpenings(sent).length > 0) days.push(c.clock.now().toISOString().slice(0, 10));
    }
    expect(days.filter((d) => d < "2026-12-20").length).toBeGreaterThan(0);
    expect(days.filter((d) => d > "2027-01-05").length).toBeGreaterThan(0);
    expect(days.filter((d) => d >= "2026-12-21" && d <= "2027-01-05")).toEqual([]);
  });

  it("'no check ins dec 20 - jan 5 pls' is a request for a break", async () => {
    await enrolled();
    const asked = await c.say("alex", "no check ins dec 20 - jan 5 pls");
    expect(texts(asked, "alex")[0]).toContain(OFFER);
    expect(choices(asked, "alex")).toEqual([BUTTON]);
  });

  it("a range that has begun pauses at once, until the day after its last", async () => {
    await enrolled();
    const sent = await c.say("alex", "stop from dec 1 to dec 10");
    expect(texts(sent, "alex")).toEqual([
      "Check-ins are paused until Dec 11, 2026, when they start again by themselves. Type start if you want them back sooner.",
    ]);
    expect((await c.client("alex"))?.pausedUntil).toBe("2026-12-11T08:00:00.000Z");
  });

  it("plain stop pauses until start, as ever", async () => {
    await enrolled();
    expect(texts(await c.say("alex", "stop"), "alex")).toEqual([
      "Check-ins are paused. Type start whenever you want them back.",
    ]);
  });

  it("in German and Spanish", async () => {
    await enrolled("de");
    const de = await c.say("alex", "keine check-ins vom 20.12. bis 5.1. bitte");
    expect(texts(de, "alex")[0]).toContain("Wenn du vom 20.12.2026 bis 05.01.2027 keine Check-ins möchtest");
    expect(choices(de, "alex")).toEqual([expect.objectContaining({ value: "stop 2026-12-20..2027-01-05" })]);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    c.close();
    await enrolled("es");
    const es = await c.say("alex", "stop del 20 de diciembre al 5 de enero");
    expect(texts(es, "alex")[0]).toMatch(/^Sin cuestionarios del /);
    expect(texts(es, "rivera")[0]).toContain("from 2026-12-20 to 2027-01-05");
  });

  it("'stop from dec 20 for two weeks' sets Dec 20 to Jan 2, not a pause ending before Dec 20", async () => {
    await enrolled();
    const sent = await c.say("alex", "stop from dec 20 for two weeks");
    expect(texts(sent, "alex")[0]).toMatch(/^No check-ins from Dec 20, 2026 to Jan 2, 2027/);
    expect(texts(sent, "rivera")[0]).toContain("from 2026-12-20 to 2027-01-02");
    expect((await c.client("alex"))?.pausedAt).toBeNull();
  });

  it.each([
    ["en", "pause from dec 20 to jan 5"],
    ["en", "pause dec 20 - jan 5"],
    ["de", "stopp vom 20.12. bis 5.1."],
    ["de", "pause vom 20. Dezember bis 5. Januar"],
    ["es", "pausa del 20 de diciembre al 5 de enero"],
  ])("the stop word of %s with days, %j, is stop with those days", async (language, typed) => {
    await enrolled(language);
    const sent = await c.say("alex", typed);
    expect(texts(sent, "rivera")[0]).toContain("from 2026-12-20 to 2027-01-05");
    expect((await c.client("alex"))?.pausedAt).toBeNull();
  });

  it("'pause from dec 1 to dec 10', begun already, pauses until Dec 11", async () => {
    await enrolled();
    const sent = await c.say("alex", "pause from dec 1 to dec 10");
    expect(texts(sent, "alex")[0]).toContain("paused until Dec 11, 2026");
  });

  it.each([
    ["en", "im away from dec 20 to jan 5", "stop 2026-12-20..2027-01-05"],
    ["en", "im on holiday dec 20 to jan 5", "stop 2026-12-20..2027-01-05"],
    ["de", "ich bin vom 24.12. bis 6.1. im urlaub", "stop 2026-12-24..2027-01-06"],
    ["es", "estoy de vacaciones del 20 de diciembre al 5 de enero", "stop 2026-12-20..2027-01-05"],
  ])(
    "being away on named days (%s, %j) gets the dated offer with its button",
    async (language, typed, value) => {
      await enrolled(language);
      const sent = await c.say("alex", typed);
      expect(choices(sent, "alex")).toEqual([expect.objectContaining({ value })]);
    },
  );

  it("being away with no days asks for nothing", async () => {
    await enrolled();
    expect(choices(await c.say("alex", "im away this weekend, sorry"), "alex")).toEqual([]);
  });
});
