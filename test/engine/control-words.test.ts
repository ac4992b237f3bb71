import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * Control words come first, at any step: stop holds an open check-in until start, a paused
 * client gets no check-in of any kind, and confirmations do what people mean.
 */
let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;
const texts = (d: { message: { text: string } }[]) => d.map((x) => x.message.text);
const storedAnswers = async () => (await c.answers("alex")).length;
const checkinStates = async () => (await c.data("alex")).checkins.map((ch) => ch.status);

describe("stop and start", () => {
  it("stop in the middle of a check-in holds it: the next 9 is not stored, and start goes on at the same question", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    await c.say("alex", "stop");
    const held = await c.say("alex", "9");
    expect(texts(held)).toEqual([
      "Your check-ins are paused, so I haven't recorded that. Type start to carry on where you left off, before Nov 28, 2026, 10:00 AM, when this check-in closes.",
    ]);
    expect(await storedAnswers()).toBe(1);
    const resumed = await c.say("alex", "start");
    expect(texts(resumed)[0]).toBe("Check-ins are back on. Thank you.");
    expect(resumed.find((d) => d.externalId === "alex" && /^2\/9\./.test(d.message.text))).toBeDefined();
    await c.say("alex", "9");
    expect(await storedAnswers()).toBe(2);
  });

  it("a paused client gets no check-in by hand; the therapist is told since when", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "/pause");
    const refused = await c.say("rivera", "checkin alex");
    expect(texts(refused)).toEqual([
      "alex paused their check-ins from the chat on Nov 26, 2026, so nothing was sent. They can type start to resume.",
    ]);
    expect(await checkinStates()).toEqual([]);
  });

  it("a client who pauses in their own language is not quoted to the therapist as having typed stop", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex es");
    const paused = await c.say("alex", "pausa");
    expect(texts(paused.filter((d) => d.externalId === "rivera"))).toEqual([
      "alex paused their check-ins from the chat. They can type start to resume.",
    ]);
  });

  it("takes the language's own control words as whole messages: 'my data', 'unsubscribe', 'resume'", async () => {
    c = new Conversation();
    await c.enrol();
    expect(texts(await c.say("alex", "My data"))[0]).toMatch(/^Here is everything rapport holds about you/);
    expect(texts(await c.say("alex", "unsubscribe"))[0]).toMatch(/^Check-ins are paused/);
    expect(texts(await c.say("alex", "Resume!"))[0]).toBe("Check-ins are back on. Thank you.");
  });

  it("resumes with start and words after it, or with 'im back', but not with an invite's code", async () => {
    c = new Conversation();
    await c.enrol();
    for (const back of ["start again", "Start pls", "im back", "I'm back!", "unpause"]) {
      await c.say("alex", "stop");
      expect(texts(await c.say("alex", back))[0], back).toBe("Check-ins are back on. Thank you.");
    }
    await c.say("alex", "stop");
    // An invite opened again ("/start CODE") is no wish to resume: the client stays paused.
    expect(texts(await c.say("alex", "/start TBV0-QY2P-YSRX"))[0]).toMatch(/^You're already connected/);
    expect(texts(await c.say("alex", "8"))[0]).toMatch(/^Check-ins are paused/);
  });
});

describe("confirmations", () => {
  it.each(["yes", "Erase everything", "erase"])("forget, then %j, erases", async (answer) => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "forget");
    await c.say("alex", answer);
    expect(await c.clientCount()).toBe(0);
  });

  it("forget, then something else, cancels with a clear line, erases nothing, and shows the open question again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "forget");
    const replies = await c.say("alex", "7");
    expect(texts(replies)[0]).toMatch(/^I didn't erase anything/);
    expect(texts(replies)[1]).toContain("1/9.");
    expect(await c.clientCount()).toBe(1);
    // The message was only the cancelling answer: not taken as an answer to the check-in.
    expect(await storedAnswers()).toBe(0);
    await c.say("alex", "yes");
    expect(await c.clientCount()).toBe(1);
  });

  it("reads stop as people type it: shouting, emoji, please, for now", async () => {
    for (const typed of ["STOP!!! 😡", "please stop", "pls stop 🙏", "pause for now", "Unsubscribe me."]) {
      c = new Conversation();
      await c.enrol();
      expect(texts(await c.say("alex", typed))[0], typed).toMatch(/^Check-ins are paused/);
      c.close();
    }
    c = new Conversation();
  });

  it("takes a phone's dash as the option it was typed as: discharge alex —erase", async () => {
    c = new Conversation();
    await c.enrol();
    const [question] = await c.say("rivera", "discharge alex \u2014erase");
    expect(question?.message.text).toMatch(/^This erases everything rapport holds about alex/);
  });

  it("discharge --erase, then yes or the button's label, erases; anything else cancels", async () => {
    c = new Conversation();
    await c.enrol("rivera", "alex");
    await c.enrol("rivera", "bo");
    await c.say("rivera", "discharge alex --erase");
    const cancelled = await c.say("rivera", "clients");
    expect(texts(cancelled)[0]).toBe(
      "Nothing was erased for alex. To erase, type discharge alex --erase again.",
    );
    expect(texts(cancelled)[1]).toContain("bo");
    await c.say("rivera", "discharge alex --erase");
    await c.say("rivera", "Erase");
    await c.say("rivera", "discharge bo --erase");
    await c.say("rivera", "yes");
    expect(await c.clientCount()).toBe(0);
  });
});

describe("every check-in ends", () => {
  it("discharge in the middle of a check-in tells the client it is closed", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "6");
    const done = await c.say("rivera", "discharge alex");
    expect(done.find((d) => d.externalId === "alex")?.message.text).toBe(
      "Dr rivera has closed this round of check-ins, so the one that was open is closed too. Thank you for taking part. Nothing more is needed from you now.",
    );
  });

  it("discharge tells the therapist what the client wrote in the check-in it closed", async () => {
    // Regression: "my parents are getting divorced", typed at a question, waited in summary ALIAS.
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "6");
    await c.say("alex", "my parents are getting divorced");
    const [reply] = (await c.say("rivera", "discharge alex"))
      .filter((d) => d.externalId === "rivera")
      .map((d) => d.message.text);
    expect(reply).toMatch(
      /\nIn the check-in that was open, alex had written: "my parents are getting divorced"$/,
    );
    // With nothing written, no such line.
    await c.enrol("rivera", "kim");
    await c.say("rivera", "checkin kim");
    await c.say("kim", "6");
    await c.say("kim", "7");
    const [plain] = (await c.say("rivera", "discharge kim"))
      .filter((d) => d.externalId === "rivera")
      .map((d) => d.message.text);
    expect(plain).not.toContain("had written");
  });

  it("a check-in sent by hand is reminded after 4 hours and expires after 48", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const reminded = await c.tick(4 * HOUR + 60_000);
    expect(reminded.some((d) => d.externalId === "alex" && /reminder|still/i.test(d.message.text))).toBe(
      true,
    );
    await c.tick(44 * HOUR + 60_000);
    expect(await checkinStates()).toEqual(["expired"]);
  });

  it("a check-in with every question answered is completed, not expired, when the comment never comes", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 8, 9, 3, 3, 2, 3]) await c.say("alex", String(v));
    await c.say("alex", "no");
    // Left at the comment: reminded once, then completed at its expiry without a comment.
    const reminded = await c.tick(4 * HOUR + 60_000);
    expect(reminded.filter((d) => d.externalId === "alex")).toHaveLength(2);
    const expiry = await c.tick(44 * HOUR + 60_000);
    expect(await checkinStates()).toEqual(["completed"]);
    // The therapist gets the summary with the scores; the client is not written to two days later.
    const summary = expiry.find((d) => d.externalId === "rivera");
    expect(summary?.message.text).toContain("Safety question: no");
    expect(summary?.message.text).toMatch(/Progress 11\/40/);
    expect(expiry.filter((d) => d.externalId === "alex")).toEqual([]);
    const [before] = await c.say("rivera", "summary alex");
    expect(before?.message.text).not.toContain("no completed check-ins");
  });

  it("after a yes at the last question, the summary goes at once, and nothing more at the expiry", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 8, 9, 3, 3, 2, 3]) await c.say("alex", String(v));
    const crisis = await c.say("alex", "yes");
    expect(crisis.some((d) => d.externalId === "rivera" && d.message.urgent)).toBe(true);
    const summary = crisis.find((d) => d.externalId === "rivera" && !d.message.urgent);
    expect(summary?.message.text).toContain("Safety question: yes");
    expect(summary?.message.text).toMatch(/Progress 11\/40/);
    expect(await checkinStates()).toEqual(["completed"]);
    await c.say("rivera", "seen 1");
    expect(await c.tick(48 * HOUR + 60_000)).toEqual([]);
  });

  it("a check-in left at its safety question is completed at expiry with its scores, saying the question was not answered", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [7, 7, 7, 7, 3, 3, 3, 3]) await c.say("alex", String(v));
    const expiry = await c.tick(48 * HOUR + 60_000);
    expect(await checkinStates()).toEqual(["completed"]);
    const summary = expiry.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(summary).toMatch(/Progress 12\/40/);
    expect(summary).toContain("Safety question: not answered; the check-in closed at its expiry before it.");
    expect(summary).not.toContain("Safety question: no.");
    // Before the next session the episode's line says the same, not "not asked in this episode".
    const [episode] = await c.say("rivera", "summary alex");
    expect(episode?.message.text).toMatch(
      /Safety question: not answered in the check-in of [A-Z][a-z]{2} \d+, 2026 \(it closed at its expiry\)/,
    );
    expect(episode?.message.text).not.toContain("not asked in this episode");
  });

  it("a check-in left before its last measure is answered still expires", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [7, 7, 7, 7, 3, 3, 3]) await c.say("alex", String(v));
    await c.tick(48 * HOUR + 60_000);
    expect(await checkinStates()).toEqual(["expired"]);
  });

  it("a paused check-in gets no reminder and still expires", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "stop");
    const quiet = await c.tick(4 * HOUR + 60_000);
    expect(quiet.filter((d) => d.externalId === "alex")).toEqual([]);
    await c.tick(44 * HOUR + 60_000);
    expect(await checkinStates()).toEqual(["expired"]);
  });

  it("a scheduled check-in that finds one open expires the old one and sends the new", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 10:00 50m");
    await c.say("rivera", "checkin alex");
    // Nine days on: the hand-sent one had expired at 48 hours; a second is sent by hand just before the session.
    c.clock.set(new Date("2026-11-09T09:00:00Z"));
    await c.engine.runDue();
    await c.say("rivera", "checkin alex");
    c.clock.set(new Date("2026-11-09T11:00:00Z"));
    await c.engine.runDue();
    await c.worker.drain();
    expect(await checkinStates()).toEqual(["expired", "expired", "open"]);
    expect(c.lastTo("alex").message.text).toContain("1/9.");
  });
});
