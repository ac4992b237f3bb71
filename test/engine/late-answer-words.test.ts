import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * A number sent after a check-in closed unfinished, behind words that excuse the delay ("sorry was
 * away. 2"), is a late answer as the bare number is: the client is told that the check-in closed,
 * and the number is kept nowhere (not an answer, not a comment). Regression:
 * it got "I don't pass messages on" as if it were news for the therapist.
 */
const HOUR = 3_600_000;
let c: Conversation;
afterEach(() => c.close());

async function closedUnfinished(language = "en"): Promise<number> {
  c = new Conversation();
  await c.enrol();
  if (language !== "en") await c.say("rivera", `language alex ${language}`);
  await c.say("rivera", "checkin alex");
  for (const v of ["9", "8"]) await c.say("alex", v);
  await c.tick(49 * HOUR);
  return (await c.answers("alex")).length;
}

describe("a late answer behind words", () => {
  it.each([
    [
      "en",
      "sorry was away. 2",
      /^Your check-in of Nov 26, 2026 closed on Nov 28, 2026 before it was finished, so this answer could not be added to it\. There is no check-in open right now\./,
    ],
    ["de", "sorry, war weg. 2", /^Dein Check-in vom .* wurde am .* geschlossen/],
    ["es", "perdón, estuve fuera. 2", /^Tu cuestionario del .* se cerró el .*/],
  ])("%s: %j is told the check-in closed, and kept nowhere", async (language, typed, closed) => {
    const before = await closedUnfinished(language);
    const sent = await c.say("alex", typed);
    const mine = sent.filter((d) => d.externalId === "alex").map((d) => d.message.text);
    expect(mine).toEqual([expect.stringMatching(closed)]);
    expect(sent.filter((d) => d.externalId === "rivera")).toEqual([]);
    expect(await c.answers("alex")).toHaveLength(before);
    const [summary] = await c.say("rivera", "summary alex --all");
    expect(summary?.message.text).not.toContain("was away");
    expect(summary?.message.text).not.toContain("war weg");
    expect(summary?.message.text).not.toContain("estuve fuera");
  });

  it("words that say something before the number are not read as a late answer", async () => {
    await closedUnfinished();
    const [reply] = await c.say("alex", "i'm not safe. 1");
    expect(reply?.message.text).not.toMatch(/^Your check-in of/);
  });
});

/**
 * Back after a check-in closed unfinished ("sorry was away", then "6", "5", "5"):
 * the first message is told that it closed, words or a number, and once; the numbers after it get
 * the short reply, not the same paragraph three times.
 */
describe("back after a check-in closed", () => {
  it.each([
    [
      "en",
      "sorry was away",
      /^Your check-in of .* closed on .* before it was finished\.\n\nThank you for writing/,
      "There is no check-in open right now",
    ],
    [
      "de",
      "sorry, war weg",
      /^Dein Check-in vom .* wurde am .* geschlossen, bevor er fertig war\.\n\n/,
      "Gerade ist kein Check-in offen",
    ],
    [
      "es",
      "perdón, estuve fuera",
      /^Tu cuestionario del .* se cerró el .* antes de terminarse\.\n\n/,
      "Ahora mismo no tienes ningún cuestionario abierto",
    ],
  ])(
    "%s: %j hears it closed, and the numbers after it do not hear it again",
    async (language, typed, closed, none) => {
      await closedUnfinished(language);
      const first = await c.say("alex", typed);
      expect(first.map((d) => d.message.text)).toEqual([expect.stringMatching(closed)]);
      for (const n of ["6", "5", "5"]) {
        const [reply, ...more] = await c.say("alex", n);
        expect(more).toEqual([]);
        expect(reply?.message.text.startsWith(none)).toBe(true);
      }
    },
  );

  it("a number first is told it closed, once", async () => {
    await closedUnfinished();
    const [first] = await c.say("alex", "6");
    expect(first?.message.text).toMatch(/^Your check-in of .* so this answer could not be added to it\./);
    const [second] = await c.say("alex", "5");
    expect(second?.message.text).toBe(
      "There is no check-in open right now. You'll get one after your next session.",
    );
  });
});
