import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// A client's own words between check-ins are not passed on: they are told so plainly, with the
// crisis text, instead of "there is no check-in open"; a wish for a break gets the way to pause.
let c: Conversation;
afterEach(() => c.close());

const mine = async (text: string, name = "alex") =>
  (await c.say(name, text)).filter((d) => d.externalId === name).map((d) => d.message.text);
const toRivera = async (text: string) => (await c.say("alex", text)).filter((d) => d.externalId === "rivera");

describe("a client's words between check-ins", () => {
  it("are answered honestly: not passed on, tell the therapist yourself, and the crisis text", async () => {
    c = new Conversation();
    await c.enrol();
    const reply = await mine("rough week. just feeling really low and tired all the time");
    expect(reply).toHaveLength(1);
    expect(reply[0]).toContain("I only ask the check-in questions and don't pass messages on");
    expect(reply[0]).toContain("Dr rivera won't see this here");
    expect(reply[0]).toContain("TEST CRISIS TEXT");
    expect(reply[0]).not.toContain("type stop");
    // Nothing reaches the therapist: the reply must not promise otherwise.
    expect(await toRivera("hey where are the questions?")).toEqual([]);
  });

  it("a bare no or ok, and when the next check-in comes, get what comes next without the crisis text", async () => {
    c = new Conversation();
    await c.enrol();
    for (const text of [
      "no",
      "ok",
      "nope",
      "when is my next check-in?",
      "when do i get the next questions",
      "wann kommt der nächste check-in?",
    ]) {
      const [reply] = await mine(text);
      expect(reply, text).toMatch(
        /^There is no check-in open right now\. You'll get one after your next session\.$/,
      );
    }
    await c.say("rivera", "session alex 2026-11-27 15:00");
    const [when] = await mine("when's the next checkin");
    expect(when).toBe("There is no check-in open right now. The next one comes on Nov 27, 2026, 4:00 PM.");
    // Words that say something still get the truth and the crisis text.
    const [words] = await mine("no one gets it");
    expect(words).toContain("TEST CRISIS TEXT");
  });

  it("offer the way to pause when they ask for a break", async () => {
    c = new Conversation();
    await c.enrol();
    // Distress is not a wish for fewer questions.
    for (const text of ["I can't stop crying", "I've had enough", "too many thoughts tonight"]) {
      const [reply] = await mine(text);
      expect(reply, text).not.toContain("type stop");
    }
    for (const text of [
      "can we take a break from these for a bit",
      "ok stop then",
      "too many of these honestly",
    ]) {
      const [reply] = await mine(text);
      expect(reply, text).toContain("If you'd like a break from the check-ins, type stop");
    }
  });

  it("'pause' with more words is the client's own wish for a break, not a therapist's command", async () => {
    c = new Conversation();
    await c.enrol();
    for (const text of ["pause for 2 weeks pls", "pause pls", "can we pause for a while"]) {
      // Each on its own: "pause pls" right after an offer is a yes to it (break-offer-reply.test.ts).
      await c.say("alex", "hmm");
      const [reply] = await mine(text);
      expect(reply, text).not.toContain("only therapists");
      expect(reply, text).toMatch(
        /If you'd like a break from the check-ins(, type stop| until .*, tap the button)/,
      );
    }
    await c.say("rivera", "checkin alex");
    const [inCheckin] = await mine("pause these for 2 weeks please");
    expect(inCheckin).toMatch(
      /^If you'd like a break from the check-ins until .*, tap the button[\s\S]*1\/9\./,
    );
    // A therapist's command typed bare by a client is still not theirs to use.
    expect(await mine("clients")).toEqual([expect.stringContaining("only therapists")]);
  });

  it("a late number is a late answer; a paused client is reminded how to resume", async () => {
    c = new Conversation();
    await c.enrol();
    expect(await mine("7")).toEqual([expect.stringContaining("There is no check-in open right now")]);
    await c.say("alex", "stop");
    expect(await mine("7")).toEqual(["Check-ins are paused. Type start whenever you want them back."]);
    // Words from a paused client get the truth and the crisis text too, then how to resume.
    const [words] = await mine("rough week, feeling really low");
    expect(words).toContain("don't pass messages on");
    expect(words).toContain("TEST CRISIS TEXT");
    expect(words).toMatch(/Type start whenever you want them back\.$/);
  });

  it("thanks after stop is a reply, also with a check-in held open by the pause", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "7");
    await c.say("alex", "stop");
    const paused = "You're welcome. Check-ins are paused; type start whenever you want them back.";
    for (const thanks of ["thanks", "ok thank you!", "thx 🙏"]) expect(await mine(thanks)).toEqual([paused]);
    await c.say("rivera", "language alex es");
    expect(await mine("muchas gracias")).toEqual([
      "De nada. Los cuestionarios están en pausa; escribe seguir cuando quieras retomarlos.",
    ]);
    // Anything else is still held, not taken as the next answer.
    expect(await mine("8")).toEqual([expect.stringContaining("pausa")]);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([7]);
  });

  it("a 'skip' sent just after the check-in's comment is not added to it", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 8, 8, 8, 6, 6, 6, 6, "no"]);
    await c.say("alex", "no");
    const late = await c.say("alex", "skip");
    expect(late.filter((d) => d.externalId === "rivera")).toEqual([]);
    expect(late.map((d) => d.message.text)).toEqual([
      "There is no check-in open right now. You'll get one after your next session.",
    ]);
  });

  it("thanks and 'when is my next check-in?' name the weekly schedule's next check-in, past a pause", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "schedule alex weekly tue 17:00 50m");
    expect(await mine("thanks!")).toEqual([
      "You're welcome. Your next check-in comes on Dec 1, 2026, 6:00 PM.",
    ]);
    expect(await mine("when is my next check-in?")).toEqual([
      "There is no check-in open right now. The next one comes on Dec 1, 2026, 6:00 PM.",
    ]);
    // The therapist's pause moves it on, as the scheduler will; a session inside the pause is no check-in.
    await c.say("rivera", "pause alex 2026-11-30..2026-12-13");
    await c.say("rivera", "session alex 2026-12-03 15:00");
    expect(await mine("thank you")).toEqual([
      "You're welcome. Your next check-in comes on Dec 15, 2026, 6:00 PM.",
    ]);
    await c.say("rivera", "schedule alex off");
    expect(await mine("thx")).toEqual([
      "You're welcome. Your next check-in will come after your next session.",
    ]);
  });

  it("say when a check-in held for the night comes, after an evening session", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-02T12:00:00Z"));
    await c.enrol();
    await c.say("rivera", "session alex 2026-12-02 20:30 50m");
    // Due at 21:30, in quiet hours: held until 08:00.
    await c.tick(9 * 60 * 60_000 + 40 * 60_000);
    const [words] = await mine("hey where are the questions? thought id get them after tonight");
    expect(words).toContain("Your next check-in comes on Dec 3, 2026, 8:00 AM.");
    expect(await mine("8")).toEqual([
      "There is no check-in open right now. The next one comes on Dec 3, 2026, 8:00 AM.",
    ]);
  });

  it("'pls stop messaging me' gets the way to pause and a button that does it; in a check-in, the way to pause", async () => {
    c = new Conversation();
    await c.enrol();
    const [asked] = (await c.say("alex", "pls stop messaging me")).filter((d) => d.externalId === "alex");
    expect(asked?.message.text).toContain("If you'd like a break from the check-ins, type stop");
    expect(asked?.message.choices).toEqual([{ label: "Pause check-ins", value: "stop" }]);
    const pressed = await c.press("alex", "stop");
    expect(pressed.map((d) => d.message.text)).toContain(
      "alex paused their check-ins from the chat. They can type start to resume.",
    );
    expect((await c.client("alex"))?.pausedAt).not.toBeNull();
    await c.say("alex", "start");
    await c.say("rivera", "checkin alex");
    const [inCheckin] = await mine("can you stop texting me");
    expect(inCheckin).toMatch(/^If you'd like a break from the check-ins, type stop[\s\S]*1\/9\./);
    // "I can't stop crying" is about life, not the check-ins.
    expect(await mine("i cant stop crying")).not.toEqual([
      expect.stringContaining("a break from the check-ins"),
    ]);
  });

  it("a greeting is greeted back with what comes next, without the crisis text; in a check-in, the question again", async () => {
    c = new Conversation();
    await c.enrol();
    expect(await mine("hi")).toEqual([
      "Hello! There is no check-in open right now. You'll get one after your next session.",
    ]);
    expect(await mine("Hey there 👋")).toEqual([expect.stringMatching(/^Hello! There is no check-in open/)]);
    // More than a greeting is something they wanted to say.
    expect((await mine("hi, rough week"))[0]).toContain("don't pass messages on");
    await c.say("rivera", "checkin alex");
    expect(await mine("good morning!")).toEqual([
      expect.stringMatching(/^Before we start, four questions|^1\/9\.|^Four questions/),
    ]);
  });

  it("in the client's language", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    const [reply] = await mine("kann ich eine pause machen");
    expect(reply).toContain("leite keine Nachrichten weiter");
    expect(reply).toContain("schreib stopp");
  });
});
