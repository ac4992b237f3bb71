import { afterEach, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { type FixturePrompts, fixturePrompts } from "../helpers/fixture-prompts.js";

let c: Conversation;
let prompts: FixturePrompts | undefined;
afterEach(() => {
  c?.close();
  prompts?.close();
});

const HOUR = 3_600_000;
/** The day of the disclosure in the therapist's alert ("Dec 4, 2026"). */
const dayIn = (ds: Delivery[], to: string) => {
  const alert = ds.find((d) => d.externalId === to && d.message.urgent)?.message.text ?? "";
  return /(\w{3} \d{1,2}, \d{4}), [^,]*, disclosure/.exec(alert)?.[1];
};

/**
 * A check-in is dated by the client's last answer. Where the clinic asks the safety question
 * before another measure, a client who says yes is told the check-in can wait, and may finish it
 * the next day: the yes is dated when it was said, not when the check-in completed.
 */
it("summary ALIAS dates a check-in's yes when it was said, though the check-in completed a day later", async () => {
  prompts = fixturePrompts();
  c = new Conversation(
    { checkin: { instruments: ["alliance", "progress", "safety", "fixture"] } },
    "console",
    [],
    prompts.dir,
  );
  await c.enrol();
  await c.say("rivera", "checkin alex");
  for (const v of [8, 7, 8, 8, 6, 5, 4, 5]) await c.say("alex", String(v));
  const said = dayIn(await c.say("alex", "yes"), "rivera");
  expect(said).toBeDefined();
  await c.say("rivera", "seen 1");
  await c.tick(24 * HOUR);
  // The question the crisis message came in place of is shown first, then answered.
  await c.say("alex", "ok");
  for (const v of ["1", "1"]) await c.say("alex", v);
  const done = await c.say("alex", "skip");
  const summary = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
  // Dated by its last answer, the next day.
  expect(summary.split("\n")[0]).toBe("alex, check-in 1 · Nov 27, 2026, 10:00 AM UTC");
  expect(said).toBe("Nov 26, 2026");
  const [history] = await c.say("rivera", "summary alex");
  expect(history?.message.text).toContain(
    `Safety question: yes on ${said}, in the check-in (urgent alert sent).`,
  );
});
