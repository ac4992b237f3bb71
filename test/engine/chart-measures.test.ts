import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * A clinic's PHQ-9 on the client's chart: its totals in a panel of their own, and a ninth item
 * answered above 0, which takes the risk path as a safety yes does, marked on its check-in: the
 * chart's words never say there was no risk that day.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

describe("a measure on the chart", () => {
  it("is marked on its check-in, beside a check-in with none", async () => {
    c = new Conversation({ checkin: { instruments: ["progress", "phq9"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [6, 6, 6, 6, 1, 1, 1, 1, 1, 1, 1, 1, 0, "no"]);
    c.clock.advance(7 * 24 * 3_600_000);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    // The crisis message came; the next message brings the check-in back.
    await c.say("alex", "ok");
    await c.answerAll("alex", ["no"]);
    const [reply] = await c.say("rivera", "chart alex");
    const alt = reply?.message.text ?? "";
    expect(alt).toMatch(
      /A risk item of a measure \(such as the PHQ-9's ninth\) answered above its threshold on Dec \d+\./,
    );
    expect(alt).not.toContain("Safety question answered yes");
    expect(alt).not.toContain("no risk item answered");
    // The PHQ-9 has a panel of its own, and its totals are in the words.
    expect(alt).toContain(
      "PHQ-9, out of 27 (lower is better): 8 (Nov 26); 10 (Dec 3). From 8 to 10 (+2): no reliable change. The latest is in the clinical range (cutoff 10).",
    );
    expect(reply?.message.chart).toBeDefined();
  });

  it("marks its reliable change by the PHQ-9's own figure (its profile's 6), as the summary reads it", async () => {
    c = new Conversation({ checkin: { instruments: ["progress", "phq9"] } }, "console", [], dir);
    await c.enrol();
    const phq = [
      [1, 1, 1, 1, 1, 1, 0, 0, 0],
      [1, 1, 1, 1, 1, 1, 1, 1, 0],
      [2, 2, 2, 2, 2, 2, 2, 1, 0],
    ];
    for (const answers of phq) {
      await c.say("rivera", "checkin alex");
      await c.answerAll("alex", [5, 5, 5, 5, ...answers, "no"]);
      c.clock.advance(7 * 24 * 3_600_000);
    }
    const [reply] = await c.say("rivera", "chart alex");
    const alt = reply?.message.text ?? "";
    expect(alt).toMatch(
      /PHQ-9, out of 27 \(lower is better\): 6 \(\w+ \d+\); 8 \(\w+ \d+\); 15 \(\w+ \d+\)\. From 6 to 15 \(\+9\): deteriorated \(a reliable change for the worse\)\./,
    );
    expect(alt).toMatch(/PHQ-9: reliably worse than its first \(6 points or more\) on \w+ \d+\./);
    expect(reply?.message.chart).toBeDefined();
  });
});
