import { afterEach, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c?.close());

const HOUR = 3_600_000;
/** The day of the disclosure in the therapist's alert ("Dec 4, 2026"). */
const dayIn = (ds: Delivery[], to: string) => {
  const alert = ds.find((d) => d.externalId === to && d.message.urgent)?.message.text ?? "";
  return /(\w{3} \d{1,2}, \d{4}), [^,]*, disclosure/.exec(alert)?.[1];
};

/**
 * After a yes at the check-in's safety question the client is told the check-in can wait; left at
 * its comment, it closes at its expiry days later. The yes is dated when it was said, not then.
 */
it("summary ALIAS dates a check-in's yes when it was said, though the check-in closed at its expiry", async () => {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
  for (const v of [8, 7, 8, 8, 6, 5, 4, 5]) await c.say("alex", String(v));
  const said = dayIn(await c.say("alex", "yes"), "rivera");
  expect(said).toBeDefined();
  await c.say("rivera", "seen 1");
  const closed = await c.tick(3 * 24 * HOUR);
  expect(closed.some((d) => d.externalId === "rivera" && /alex, check-in 1/.test(d.message.text))).toBe(true);
  const [summary] = await c.say("rivera", "summary alex");
  expect(summary?.message.text).toContain(
    `Safety question: yes on ${said}, in the check-in (urgent alert sent).`,
  );
});
