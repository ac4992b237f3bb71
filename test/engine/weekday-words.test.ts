import { afterEach, describe, expect, it } from "vitest";
import { weekdayNumber } from "../../src/schedule/weekday-names.js";
import { Conversation } from "../helpers/conversation.js";

describe("weekdays in the therapist's language", () => {
  it.each([
    ["di", 2],
    ["Di.", 2],
    ["dienstag", 2],
    ["Dienstags", 2],
    ["mo", 1],
    ["mi", 3],
    ["do", 4],
    ["fr", 5],
    ["sa", 6],
    ["so", 7],
    ["Sonnabend", 6],
    ["martes", 2],
    ["mar", 2],
    ["lun.", 1],
    ["mié", 3],
    ["mie", 3],
    ["miércoles", 3],
    ["jue", 4],
    ["vie", 5],
    ["sáb", 6],
    ["sab", 6],
    ["sábados", 6],
    ["dom", 7],
    ["tue", 2],
    ["Thursdays", 4],
  ])("%s is day %i", (word, day) => {
    expect(weekdayNumber(word)).toBe(day);
  });

  it("reads nothing else as a weekday", () => {
    for (const word of ["d", "m", "morgen", "mañana", "dec", "marzo", "x", "sonne"]) {
      expect(weekdayNumber(word), word).toBeUndefined();
    }
  });
});

describe("schedule and session with weekdays in the clinic's language", () => {
  let c: Conversation;
  afterEach(() => c.close());
  const reply = async (typed: string) => (await c.say("rivera", typed))[0]?.message.text ?? "";

  it("schedules a German clinic's 'weekly di 17:00' and 'dienstag', as its confirmation names the day", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    for (const typed of [
      "schedule alex weekly di 17:00 50m",
      "schedule alex weekly dienstag 17:00 50m",
      "schedule alex Di. 17:00",
    ]) {
      expect(await reply(typed), typed).toContain("Dienstag 17:00 (50 Minuten");
    }
    expect(await reply("schedule alex weekly so 10:00 50m")).toContain("Sonntag 10:00");
    expect((await c.data("alex")).schedule).toMatchObject({ weekday: 7, time: "10:00" });
    expect(await reply("session alex do 15:00")).toContain("Donnerstag 2026-12-03, 15:00");
  });

  it("schedules a Spanish clinic's 'weekly martes', 'mar' and 'mié'; 'mar 10' in a session stays March 10", async () => {
    c = new Conversation({ clinic: { language: "es" } });
    // Tuesday, December 1.
    c.clock.set(new Date("2026-12-01T09:00:00Z"));
    await c.enrol();
    for (const typed of ["schedule alex weekly martes 17:00 50m", "schedule alex weekly mar 17:00 50m"]) {
      expect(await reply(typed), typed).toContain("martes 17:00 (50 minutos");
    }
    expect(await reply("schedule alex weekly mié. 17:00")).toContain("miércoles 17:00");
    expect((await c.data("alex")).schedule).toMatchObject({ weekday: 3, time: "17:00" });
    expect(await reply("session alex sáb 10:00")).toContain("sábado 2026-12-05, 10:00");
    expect(await reply("session alex mar 15:00")).toContain("martes 2026-12-08, 15:00");
    expect(await reply("session alex mar 10 15:00")).toContain("miércoles 2027-03-10, 15:00");
  });
});
