import { afterEach, describe, expect, it } from "vitest";
import { dayRangeIn } from "../../src/schedule/day-range.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * A break asked for with its first and last day ("stop from dec 20 to jan 5", "im away from dec 20
 * to jan 5"): the dates are read, not dropped. A pause begins when it is set, so one that would
 * begin on a later day is not set at once: the client is offered, honestly, a pause from now until
 * the day after the last one (button or typed yes), or to type stop on the first day.
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

const LATER =
  "I can only pause the check-ins from now, not from Dec 20, 2026. Tap the button to pause them from now until Jan 6, 2027, when they start again by themselves; or type stop on Dec 20, 2026, and start when you are back.";
const BUTTON = { label: "Pause from now until Jan 6, 2027", value: "stop until 2027-01-06" };

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

  it("'stop from dec 20 to jan 5' pauses nothing yet: it offers the pause from now, honestly", async () => {
    await enrolled();
    const sent = await c.say("alex", "stop from dec 20 to jan 5");
    expect(texts(sent, "alex")).toEqual([LATER]);
    expect(choices(sent, "alex")).toEqual([BUTTON]);
    expect(texts(sent, "rivera")).toEqual([]);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    // The button, or a typed yes, pauses until the day after the last one named.
    await c.say("alex", "yes please");
    expect((await c.client("alex"))?.pausedUntil).toBe("2027-01-06T08:00:00.000Z");
    expect(c.lastTo("rivera").message.text).toContain("until Jan 6, 2027");
  });

  it("a request in a sentence gets the same offer, not an undated button", async () => {
    await enrolled();
    const asked = await c.say(
      "alex",
      "hey can we pause these over the holidays? im away from dec 20 to jan 5",
    );
    expect(texts(asked, "alex")[0]).toContain(LATER);
    expect(choices(asked, "alex")).toEqual([BUTTON]);
    const none = await c.say("rivera", "clients");
    expect(texts(none, "rivera")[0]).not.toContain("paused");
  });

  it("'no check ins dec 20 - jan 5 pls' is a request for a break", async () => {
    await enrolled();
    const asked = await c.say("alex", "no check ins dec 20 - jan 5 pls");
    expect(texts(asked, "alex")[0]).toContain(LATER);
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
    expect(texts(de, "alex")[0]).toContain("nicht erst ab dem");
    expect(choices(de, "alex")).toEqual([expect.objectContaining({ value: "stop until 2027-01-06" })]);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    c.close();
    await enrolled("es");
    const es = await c.say("alex", "stop del 20 de diciembre al 5 de enero");
    expect(texts(es, "alex")[0]).toContain("no a partir del");
    expect(choices(es, "alex")).toEqual([expect.objectContaining({ value: "stop until 2027-01-06" })]);
    await c.say("alex", "sí porfa");
    expect((await c.client("alex"))?.pausedUntil).toBe("2027-01-06T08:00:00.000Z");
  });
});
