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
