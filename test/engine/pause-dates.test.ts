import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const checkinsTo = (sent: { externalId: string; message: { text: string } }[]) =>
  sent.filter((d) => d.externalId === "alex" && /Time for your check-in/.test(d.message.text));

/** Days typed without a year, as a therapist means them; the reply names the days paused. */
describe("pause with dates without a year", () => {
  it("a range begun and not over is this year's, paused from today on; one just over is refused as over", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-04T09:00:00Z"));
    await c.enrol();
    const alex = (await c.client("alex"))?.personId ?? 0;
    const [begun] = await c.say("rivera", "pause alex dec 1 - dec 10");
    expect(begun?.message.text).toBe(
      "No check-ins for alex from 2026-12-04 to 2026-12-10. To lift it: pause alex off",
    );
    expect(await c.read((tx) => tx.pausesOf(alex))).toEqual([{ from: "2026-12-04", to: "2026-12-10" }]);
    const [over] = await c.say("rivera", "pause alex nov 1 - nov 10");
    expect(over?.message.text).toMatch(/^Those days are over already \(today is 2026-12-04\)/);
    const [january] = await c.say("rivera", "pause alex jan 2 - jan 9");
    expect(january?.message.text).toBe(
      "No check-ins for alex from 2027-01-02 to 2027-01-09. To lift it: pause alex off",
    );
    const [reversed] = await c.say("rivera", "pause alex dec 10 - dec 5");
    expect(reversed?.message.text).toContain("the first not after the last");
    // Tuesday 8 December is in the pause; the 15th is not.
    await c.say("rivera", "schedule alex weekly tue 10:00 50m");
    expect(checkinsTo(await c.tick(5 * 24 * 3_600_000))).toHaveLength(0);
    expect(checkinsTo(await c.tick(7 * 24 * 3_600_000))).toHaveLength(1);
  });

  it("the holidays typed on New Year's Day are the ones under way, not next year's", async () => {
    c = new Conversation();
    c.clock.set(new Date("2027-01-01T09:00:00Z"));
    await c.enrol();
    const [holidays] = await c.say("rivera", "pause alex dec 24 - jan 2");
    expect(holidays?.message.text).toBe(
      "No check-ins for alex from 2027-01-01 to 2027-01-02. To lift it: pause alex off",
    );
    const [today] = await c.say("rivera", "pause alex dec 30 - jan 1");
    expect(today?.message.text).toBe("alex already has a pause covering those days: schedule alex shows it.");
  });
});

/** A length from today, as a therapist going on leave types it: the days the client's "stop for two weeks" means. */
describe("pause for a length", () => {
  it("pauses from today, with the therapist's pause, names the days and is lifted with off", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-04T09:00:00Z"));
    await c.enrol();
    const alex = (await c.client("alex"))?.personId ?? 0;
    const said = async (text: string) => (await c.say("rivera", text))[0]?.message.text;
    expect(await said("pause alex 2w")).toBe(
      "No check-ins for alex from 2026-12-04 to 2026-12-17; from 2026-12-18 they can go out again. To lift it: pause alex off",
    );
    expect(await c.read((tx) => tx.pausesOf(alex))).toEqual([{ from: "2026-12-04", to: "2026-12-17" }]);
    // The therapist's pause, not the client's own stop.
    expect((await c.client("alex"))?.pausedAt).toBeFalsy();
    expect(await said("pause alex for two weeks")).toBe(
      "alex already has a pause covering those days: schedule alex shows it.",
    );
    expect(await said("pause alex off")).toBe("The pause 2026-12-04..2026-12-17 for alex is lifted.");
    for (const typed of ["2 weeks", "for two weeks", "14d"]) {
      expect(await said(`pause alex ${typed}`)).toContain("from 2026-12-04 to 2026-12-17;");
      await said("pause alex off");
    }
    expect(await said("pause alex a month")).toContain("from 2026-12-04 to 2027-01-03;");
    await said("pause alex off");
    // "until jan 10" was read as the one day January 10.
    expect(await said("pause alex until jan 10")).toBe(
      "No check-ins for alex from 2026-12-04 to 2027-01-09; from 2027-01-10 they can go out again. To lift it: pause alex off",
    );
    expect(await said("pause alex off")).toBe("The pause 2026-12-04..2027-01-09 for alex is lifted.");
    expect(await said("pause alex for a few weeks")).toContain("or a length from today");
    // As schedule: a client who has not joined yet gets no check-ins to pause.
    await said("invite sam");
    expect(await said("pause sam 2w")).toBe("sam can't get check-ins yet (invited, not joined yet).");
  });

  it("a discharged client with nothing planned has nothing to pause; one scheduled again has", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-04T09:00:00Z"));
    await c.enrol();
    const alex = (await c.client("alex"))?.personId ?? 0;
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 7, 7, 7, 7, "no"]);
    await c.say("rivera", "pause alex dec 24 - jan 2");
    await c.say("rivera", "discharge alex");
    const [refused] = await c.say("rivera", "pause alex 2w");
    expect(refused?.message.text).toMatch(/^alex was discharged on .*: .* so there is nothing to pause\./);
    expect(await c.read((tx) => tx.pausesOf(alex))).toEqual([{ from: "2026-12-24", to: "2027-01-02" }]);
    // A pause left from before is still lifted.
    const [lifted] = await c.say("rivera", "pause alex off");
    expect(lifted?.message.text).toBe("The pause 2026-12-24..2027-01-02 for alex is lifted.");
    await c.say("rivera", "schedule alex weekly tue 10:00 50m");
    const [paused] = await c.say("rivera", "pause alex 2w");
    expect(paused?.message.text).toContain("from 2026-12-04 to 2026-12-17;");
  });
});
