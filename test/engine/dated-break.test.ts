import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * A client's break with an end ("stop for 2 weeks", "can we pause till january"): paused until
 * that day, told so with the date, and lifted by itself then, with a word to the client; the
 * therapist hears of it once, with its end, and sees the end wherever the pause shows.
 */
let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;
/** The days pass as they do for the timed steps: each one run in its turn, not skipped over. */
async function days(n: number) {
  const sent = [];
  for (let i = 0; i < n * 4; i++) sent.push(...(await c.tick(6 * HOUR)));
  return sent;
}

const texts = (sent: { externalId: string; message: { text: string } }[], to: string) =>
  sent.filter((d) => d.externalId === to).map((d) => d.message.text);

async function enrolled(): Promise<void> {
  c = new Conversation();
  // Friday, December 4, 2026, 10:00 UTC (the clinic's zone).
  c.clock.set(new Date("2026-12-04T10:00:00Z"));
  await c.enrol();
  await c.say("rivera", "schedule alex weekly thu 10:00 50m");
}

describe("a client's break with an end", () => {
  it("'stop for 2 weeks' pauses until that day, and the pause lifts itself then", async () => {
    await enrolled();
    const sent = await c.say("alex", "stop for 2 weeks");
    expect(texts(sent, "alex")).toEqual([
      "Check-ins are paused until Dec 18, 2026, when they start again by themselves. Type start if you want them back sooner.",
    ]);
    expect(texts(sent, "rivera")).toEqual([
      "alex paused their check-ins from the chat until Dec 18, 2026. They start again by themselves then, or sooner if alex types start.",
    ]);
    expect(await texts(await c.say("rivera", "clients"), "rivera")[0]).toContain(
      "alex: paused by the client until Dec 18, 2026",
    );
    // Thursday's session falls in the break: no check-in goes out.
    const during = await days(7);
    expect(texts(during, "alex")).toEqual([]);
    // The break ends on the 18th, after the quiet hours: the client hears it once, the therapist not.
    const after = await days(7);
    expect(texts(after, "alex")).toEqual([
      "Your break from the check-ins is over: they're back on from today. Type stop if you'd like more time.",
    ]);
    expect(texts(after, "rivera").filter((t) => /alex/.test(t) && /break|paused/.test(t))).toEqual([]);
    const client = await c.client("alex");
    expect(client?.pausedAt).toBeNull();
    expect(client?.pausedUntil).toBeNull();
    // And the next session's check-in goes out as it should.
    const next = await days(7);
    expect(texts(next, "alex").join("\n")).toMatch(/check-in/);
  });

  it("offers a dated pause button for a request in a sentence, and keeps the date on a press", async () => {
    await enrolled();
    const sent = await c.say("alex", "can we pause till january? going away for the holidays");
    const offer = sent.find((d) => d.externalId === "alex")?.message;
    expect(offer?.text).toContain(
      "If you'd like a break from the check-ins until Jan 1, 2027, tap the button: they start again by themselves then",
    );
    expect(offer?.kind === "question" && offer.choices).toEqual([
      { label: "Pause until Jan 1, 2027", value: "stop until 2027-01-01" },
    ]);
    await c.press("alex", "stop until 2027-01-01");
    expect((await c.client("alex"))?.pausedUntil).toBe("2027-01-01T08:00:00.000Z");
    expect(c.lastTo("rivera").message.text).toContain("until Jan 1, 2027");
  });

  it("'start' ends the break sooner, and a plain 'stop' makes it open again", async () => {
    await enrolled();
    await c.say("alex", "stop for a week");
    expect((await c.client("alex"))?.pausedUntil).toBe("2026-12-11T08:00:00.000Z");
    await c.say("alex", "stop");
    expect((await c.client("alex"))?.pausedUntil).toBeNull();
    expect(c.lastTo("rivera").message.text).toBe(
      "alex paused their check-ins from the chat. They can type start to resume.",
    );
    await c.say("alex", "stop until monday");
    await c.say("alex", "start");
    expect(await c.client("alex")).toMatchObject({ pausedAt: null, pausedUntil: null });
    expect(texts(await c.tick(4 * 24 * HOUR), "alex")).not.toContain(
      "Your break from the check-ins is over: they're back on from today. Type stop if you'd like more time.",
    );
  });

  it("a vague end ('a few weeks') guesses no date: the pause lasts until start, as it says", async () => {
    await enrolled();
    const sent = await c.say("alex", "stop for a few weeks");
    expect(texts(sent, "alex")).toEqual(["Check-ins are paused. Type start whenever you want them back."]);
    expect((await c.client("alex"))?.pausedUntil).toBeNull();
  });

  it("names the end in the therapist's views and the client's data", async () => {
    await enrolled();
    await c.say("alex", "stop for 2 weeks");
    expect(texts(await c.say("rivera", "checkin alex"), "rivera")).toEqual([
      "alex paused their check-ins from the chat on Dec 4, 2026, until Dec 18, 2026, so nothing was sent. They start again by themselves then, or sooner if alex types start.",
    ]);
    expect(texts(await c.say("rivera", "pause alex off"), "rivera")).toEqual([
      "alex paused the check-ins themselves, from the chat, on Dec 4, 2026, until Dec 18, 2026: they start again by themselves then, or sooner if alex types start.",
    ]);
    expect(texts(await c.say("rivera", "schedule alex"), "rivera")[0]).toContain(
      "alex paused them from the chat on Dec 4, 2026, until Dec 18, 2026, and they start again by themselves then",
    );
    const mine = texts(await c.say("alex", "mydata"), "alex").join("\n");
    expect(mine).toMatch(/You paused your check-ins on Dec 4, 2026, [^,]+, until Dec 18, 2026, 8:00 AM\./);
    expect((await c.data("alex")).pausedUntil).toBe("2026-12-18T08:00:00.000Z");
  });
});

describe("a paused client who says they are back", () => {
  it.each([
    ["en", "ok im back. sorry been a mess", "Welcome back."],
    ["en", "hey, I’m back!", "Welcome back."],
    ["es", "hola! ya estoy de vuelta 😊", "Qué bien tenerte de vuelta."],
  ])("%s: %j gets a button that resumes", async (language, typed, welcome) => {
    await enrolled();
    await c.say("alex", "stop");
    if (language !== "en") await c.say("rivera", `language alex ${language}`);
    const [reply] = texts(await c.say("alex", typed), "alex");
    expect(reply).toMatch(new RegExp(`^${welcome}`));
    expect(c.lastTo("alex").message.choices?.map((ch) => ch.value)).toEqual(["start"]);
    await c.press("alex", "start");
    expect((await c.client("alex"))?.pausedAt).toBeNull();
  });
});

// Regression: after "stop till january", "when do they start again?" and "thanks" got "Check-ins are
// paused. Type start whenever you want them back.", as if the end they had been told were gone.
describe("a dated pause, asked about later", () => {
  it("is told with its end, to words and to thanks", async () => {
    await enrolled();
    await c.say("alex", "stop till january");
    const [asked] = texts(await c.say("alex", "when do they start again?"), "alex");
    expect(asked).toMatch(/^Check-ins are paused until Jan 1, \d{4}, when they start again by themselves\./);
    const [thanks] = texts(await c.say("alex", "thanks"), "alex");
    expect(thanks).toMatch(
      /^You're welcome\. Check-ins are paused until Jan 1, \d{4}, when they start again by themselves/,
    );
    const [words] = texts(await c.say("alex", "ok cool. work has been a lot"), "alex");
    expect(words).toMatch(/Check-ins are paused until Jan 1, \d{4}/);
  });
});
