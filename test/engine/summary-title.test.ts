import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;

/** The title line of the summary the therapist got for the check-in just answered. */
async function titleAfterAnswering(values: readonly (number | string)[]): Promise<string | undefined> {
  const done = await c.answerAll("alex", values);
  return done.find((d) => d.externalId === "rivera")?.message.text.split("\n")[0];
}

describe("a summary's title", () => {
  it("names the check-ins that closed unanswered since the last answered one, so its number reads plainly", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    // Half answered, then left: it closes at its expiry.
    for (const v of [8, 7, 9]) await c.say("alex", String(v));
    await c.tick(49 * HOUR);
    await c.say("rivera", "checkin alex");
    const second = await titleAfterAnswering([8, 7, 9, 8, 5, 6, 5, 6, "no"]);
    // Begun and left: not "unanswered", since three answers were given (summary --all shows them).
    expect(second).toMatch(/^alex, check-in 2 · .* \(1 begun but closed unfinished before it\)$/);
    await c.say("rivera", "checkin alex");
    expect(await titleAfterAnswering([8, 7, 9, 8, 5, 6, 5, 6, "no"])).toMatch(/^alex, check-in 3 · [^(]*$/);
    // Two left unanswered in a row are counted from the last answered one.
    for (let i = 0; i < 2; i++) {
      await c.say("rivera", "checkin alex");
      await c.tick(49 * HOUR);
    }
    await c.say("rivera", "checkin alex");
    expect(await titleAfterAnswering([8, 7, 9, 8, 5, 6, 5, 6, "no"])).toMatch(
      /^alex, check-in 6 · .* \(2 unanswered before it\)$/,
    );
    // One left unanswered and one begun: each counted as what it was.
    await c.say("rivera", "checkin alex");
    await c.tick(49 * HOUR);
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    await c.tick(49 * HOUR);
    await c.say("rivera", "checkin alex");
    expect(await titleAfterAnswering([8, 7, 9, 8, 5, 6, 5, 6, "no"])).toMatch(
      /^alex, check-in 9 · .* \(1 unanswered, 1 begun but closed unfinished, before it\)$/,
    );
  });
});
