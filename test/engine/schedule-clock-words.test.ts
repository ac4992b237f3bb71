import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * Times as German- and Spanish-speaking therapists write them ("schedule alex di 18 uhr", "a las
 * 18", "18.30 Uhr"): each was once refused with the usage line. Times that could be
 * two ("6 Uhr", "18 Uhr 30") are still refused.
 */
let c: Conversation;
afterEach(() => c.close());

const reply = async (typed: string) => (await c.say("rivera", typed))[0]?.message.text ?? "";

describe("schedule with a German or Spanish time", () => {
  it("reads Uhr, h, hs, um, a las and the half of the day said in words", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    for (const [typed, shown] of [
      ["schedule alex di 18 uhr", "Tuesday 18:00 (50 minutes"],
      ["schedule alex di 18 Uhr", "Tuesday 18:00 (50 minutes"],
      ["schedule alex di 18h", "Tuesday 18:00 (50 minutes"],
      ["schedule alex di 18:00 uhr", "Tuesday 18:00 (50 minutes"],
      ["schedule alex martes a las 18", "Tuesday 18:00 (50 minutes"],
      ["schedule alex di 6pm", "Tuesday 18:00 (50 minutes"],
      ["schedule alex di 18.30 uhr", "Tuesday 18:30 (50 minutes"],
      ["schedule alex do um 18 Uhr 45 Minuten", "Thursday 18:00 (45 minutes"],
      ["schedule alex jueves 18 hs", "Thursday 18:00 (50 minutes"],
      ["schedule alex jueves a las 18:30 h 1 hora", "Thursday 18:30 (60 minutes"],
      ["schedule alex mi 6 Uhr abends", "Wednesday 18:00 (50 minutes"],
      ["schedule alex lunes a las 6 de la tarde", "Monday 18:00 (50 minutes"],
      ["schedule alex fr 9 uhr morgens", "Friday 09:00 (50 minutes"],
    ]) {
      expect(await reply(typed as string), typed).toContain(`scheduled with each session: ${shown}`);
    }
    expect(await reply("session alex do 18 uhr")).toContain(
      "Session for alex noted: Thursday 2026-12-03, 18:00",
    );
  });

  it("refuses what could be two times, with the usage line, and keeps the schedule", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    await reply("schedule alex weekly tue 17:00 50m");
    for (const typed of ["schedule alex di 6 uhr", "schedule alex jueves a las 6"]) {
      const refused = await reply(typed);
      expect(refused, typed).toContain('"6" could be morning or afternoon');
      expect(refused, typed).toContain("Usage: schedule ALIAS weekly");
    }
    for (const [typed, words] of [
      // 18:30, or 18:00 for 30 minutes?
      ["schedule alex di 18 Uhr 30", "18 Uhr 30"],
      ["schedule alex di 18 uhr morgens", "18 uhr morgens"],
      ["schedule alex lunes a las 12 de la noche", "12 de la noche"],
    ]) {
      const refused = await reply(typed as string);
      expect(refused, typed).toContain(`I could not read "${words}".`);
      expect(refused, typed).toContain("Usage: schedule ALIAS weekly");
    }
    expect((await c.data("alex")).schedule).toMatchObject({ weekday: 2, time: "17:00", durationMin: 50 });
  });
});
