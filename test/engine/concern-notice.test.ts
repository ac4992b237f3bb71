import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * A concern ("what's the point anymore") asks the client the safety question; the therapist
 * hears of it even when the client answers no outside a check-in, or never answers.
 */
let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;
const toTherapist = (d: { externalId: string; message: { text: string } }[]) =>
  d.filter((x) => x.externalId === "rivera").map((x) => x.message.text);

describe("a concern the therapist must hear of", () => {
  it("tells the therapist when the safety question goes unanswered for an hour, once", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    const asked = await c.say("kai", "honestly whats the point of anything anymore");
    expect(asked.some((d) => d.externalId === "kai" && d.message.ref !== undefined)).toBe(true);
    expect(toTherapist(asked)).toEqual([]);
    expect(toTherapist(await c.tick(30 * 60_000))).toEqual([]);
    const told = toTherapist(await c.tick(31 * 60_000));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Possible risk, kai: "honestly whats the point of anything anymore"');
    expect(told[0]).toContain("did not answer within an hour");
    expect(toTherapist(await c.tick(24 * HOUR))).toEqual([]);
  });

  it("tells the therapist of a no outside a check-in, as the client is promised", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("kai", "feeling so hopeless lately");
    const answered = await c.say("kai", "no");
    expect(answered.find((d) => d.externalId === "kai")?.message.text).toContain("Your therapist will see");
    const told = toTherapist(answered);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('kai wrote: "feeling so hopeless lately"');
    expect(told[0]).toContain("they answered no");
    expect(toTherapist(await c.tick(2 * HOUR))).toEqual([]);
  });

  it("tells the therapist when the client writes again after the question lapsed, before the timed step ran", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("kai", "whats the point anymore");
    c.clock.advance(2 * HOUR);
    const later = await c.say("kai", "hello");
    expect(toTherapist(later).some((t) => t.startsWith("Possible risk, kai"))).toBe(true);
    expect(toTherapist(await c.tick(60_000))).toEqual([]);
  });

  it("tells the therapist of a no inside a check-in the client then leaves to expire", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("rivera", "checkin kai");
    await c.say("kai", "3");
    await c.say("kai", "2");
    await c.say("kai", "nothing matters anymore");
    const answered = await c.say("kai", "no");
    // The check-in is open: its summary was to carry the concern, so nothing yet.
    expect(toTherapist(answered)).toEqual([]);
    const told = toTherapist(await c.tick(49 * HOUR)).filter((t) => t.includes("nothing matters"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('kai wrote: "nothing matters anymore"');
    expect(told[0]).toContain("they answered no");
    expect(toTherapist(await c.tick(7 * 24 * HOUR)).filter((t) => t.includes("nothing matters"))).toEqual([]);
  });

  it("tells the therapist of an unclear answer inside a check-in closed by a discharge", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("rivera", "checkin kai");
    await c.say("kai", "3");
    await c.say("kai", "i feel like such a burden");
    await c.say("kai", "idk");
    await c.say("kai", "hard to say really");
    const told = toTherapist(await c.say("rivera", "discharge kai"));
    // Told as the discharge takes effect: named as discharged, with no next session to point to.
    expect(
      told.some((t) =>
        t.startsWith('Possible risk, kai (discharged Nov 26, 2026): "i feel like such a burden"'),
      ),
    ).toBe(true);
    expect(told.join("\n")).toContain("they gave no clear answer");
    expect(told.join("\n")).toContain("There may be no next session: worth contacting them.");
  });

  it("clients names an unanswered safety question and lists that client first, until a check-in is answered", async () => {
    c = new Conversation();
    await c.enrol("rivera", "abe");
    await c.enrol("rivera", "kai");
    const rows = async () => {
      const text = toTherapist(await c.say("rivera", "clients"))[0] ?? "";
      return text.split("\n").slice(1);
    };
    await c.say("kai", "whats the point anymore");
    const waiting = await rows();
    expect(waiting[0]).toMatch(/^kai: safety question asked after worrying words, no answer yet, /);
    expect(waiting[1]).toMatch(/^abe: active, /);
    await c.tick(61 * 60_000);
    expect((await rows())[0]).toMatch(/^kai: safety question after worrying words not answered, /);
    // A check-in answered since: its own safety question has been asked and answered.
    await c.say("rivera", "checkin kai");
    for (const v of ["8", "8", "8", "8", "6", "6", "6", "6", "no", "skip"]) await c.say("kai", v);
    expect((await rows()).find((r) => r.startsWith("kai:"))).not.toContain("safety question");
  });

  it("clients names it when the worrying words were the comment that completed the check-in", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("rivera", "checkin kai");
    for (const v of ["8", "8", "8", "8", "6", "6", "6", "6", "no"]) await c.say("kai", v);
    await c.say("kai", "honestly some days i dont see the point anymore");
    await c.tick(2 * 60 * 60_000);
    const [caseload] = toTherapist(await c.say("rivera", "clients"));
    expect(caseload?.split("\n")[1]).toMatch(/^kai: safety question after worrying words not answered, /);
  });

  it("quotes every worrying message of a burst, not only the last, when the question goes unanswered", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("kai", "whats the point");
    await c.say("kai", "i just want it all to stop");
    await c.say("kai", "i'm so tired of everything");
    const told = toTherapist(await c.tick(61 * 60_000));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(
      'Possible risk, kai: "whats the point / i just want it all to stop / i\'m so tired of everything"',
    );
    expect(toTherapist(await c.tick(24 * HOUR))).toEqual([]);
  });
});
