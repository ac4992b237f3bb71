import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * `summary ALIAS --all` in a clinic that asks the PHQ-9: its total on every row and its trend under
 * them, named as the therapist calls it; a single check-in is no trend.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 3_600_000;

describe("summary --all with a measure the clinic added", () => {
  it("lists the PHQ-9 on each row and trends it with progress, once there are two", async () => {
    c = new Conversation({ checkin: { instruments: ["progress", "phq9"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [5, 5, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1, 0, "no"]);
    const [one] = await c.say("rivera", "summary alex --all");
    expect(one?.message.text).toMatch(/^1\. Nov 26, 2026, .*progress 20 {2}PHQ-9 14$/m);
    expect(one?.message.text).not.toMatch(/\(20 to 20\)|\(14 to 14\)/);
    c.clock.advance(WEEK);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [6, 6, 6, 6, 1, 1, 1, 1, 1, 1, 1, 0, 0, "no"]);
    const [two] = await c.say("rivera", "summary alex --all");
    const text = two?.message.text ?? "";
    expect(text).toMatch(/^2\. Dec 3, 2026, .*progress 24 {2}PHQ-9 7$/m);
    expect(text).toMatch(/^Progress \S+ {2}\(20 to 24\)$/m);
    expect(text).toMatch(/^PHQ-9 \S+ {2}\(14 to 7\)$/m);
  });
});
