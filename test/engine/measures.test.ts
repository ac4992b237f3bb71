import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation, CRISIS } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * The PHQ-9 and the GAD-7, imported from the FHIR fixtures and named in the clinic's check-in:
 * item 9 of the PHQ-9 takes the risk path, and the therapist's summary reads each measure by its
 * bands, its direction and its change since the first check-in, with the combined outcome.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

async function start(): Promise<Conversation> {
  c = new Conversation({ checkin: { instruments: ["phq9", "gad7"] } }, "console", [], dir);
  await c.enrol();
  return c;
}

const urgentTo = (ds: readonly Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to && d.message.urgent);

/** One check-in: the nine PHQ-9 answers, the seven GAD-7 answers, no comment; the therapist's summary. */
async function checkin(phq: number[], gad: number[]): Promise<string> {
  // A minute apart, so a client answering 17 times a check-in stays under the flood limit.
  await c.tick(60_000);
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [...phq, ...gad]);
  return c.lastTo("rivera").message.text;
}

describe("measures with a scoring profile in a check-in", () => {
  it("asks the PHQ-9 with its named answers, and an item-9 answer above 0 takes the risk path", async () => {
    await start();
    const sent = await c.say("rivera", "checkin alex");
    const first = sent.find((d) => d.externalId === "alex" && d.message.choices?.length);
    expect(first?.message.text).toContain("PHQ item 1 (placeholder)");
    expect(first?.message.choices?.map((ch) => ch.value)).toEqual(["0", "1", "2", "3"]);
    expect(first?.message.choices?.[3]?.label).toBe("PHQ answer 3 (placeholder)");
    for (const v of [1, 1, 1, 1, 1, 1, 1, 1]) await c.say("alex", String(v));
    const replies = await c.say("alex", "2");
    const toAlex = replies.filter((d) => d.externalId === "alex");
    expect(toAlex[0]?.message.urgent).toBe(true);
    expect(toAlex[0]?.message.text).toContain(CRISIS);
    const alert = urgentTo(replies, "rivera")[0]?.message.text ?? "";
    expect(alert).toContain(
      'they answered 2 (PHQ answer 2 (placeholder)) to PHQ-9 item "PHQ item 9 (placeholder)"',
    );
    expect(alert).not.toContain("safety question");
    // The check-in goes on at the client's next message, with the GAD-7's first question, which
    // the crisis message came in place of: a number then cannot answer it unseen.
    const [next] = (await c.say("alex", "0")).filter((d) => d.externalId === "alex");
    expect(next?.message.text).toContain("GAD item 1 (placeholder)");
    await c.answerAll("alex", [0, 0, 0, 0, 0, 0, 0]);
    const summary = c.lastTo("rivera").message.text;
    expect(summary).toContain("PHQ-9 10/27, moderate");
    expect(summary).toContain("they answered 2");
  });

  it("an item-9 answer of 0 does not", async () => {
    await start();
    await checkin([3, 3, 3, 3, 3, 3, 3, 3, 0], [0, 0, 0, 0, 0, 0, 0]);
    expect(urgentTo(c.delivered, "alex")).toEqual([]);
    expect(urgentTo(c.delivered, "rivera")).toEqual([]);
  });

  it("reads each measure by band and direction, the change since the first check-in, and the combined outcome", async () => {
    await start();
    const first = await checkin([3, 3, 2, 2, 2, 2, 2, 1, 0], [2, 2, 2, 2, 1, 1, 1]);
    expect(first).toContain("PHQ-9 17/27, moderately severe · GAD-7 11/21, moderate");
    expect(first).toContain(
      "PHQ-9 17/27, moderately severe (lower is better): the first check-in of this episode.",
    );
    expect(first).toContain("In the clinical range (caseness cutoff 10).");
    expect(first).toContain("  PHQ item 1 (placeholder) 3 · PHQ item 2 (placeholder) 3");
    expect(first).not.toContain("NHS Talking Therapies");
    // Before a session after one check-in: no "0 since the first: no reliable change".
    const once = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(once).toContain(
      "PHQ-9 17/27, moderately severe (lower is better), the first check-in of this episode.",
    );
    expect(once).not.toMatch(/PHQ-9[^\n]*since the first/);

    const second = await checkin([1, 1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 0, 0, 0]);
    expect(second).toContain("PHQ-9 8/27, mild · GAD-7 4/21, minimal");
    expect(second).toContain(
      "PHQ-9 8/27, mild (lower is better): -9 since the last check-in, -9 since the first (17, moderately severe); recovered (a reliable improvement, now out of the clinical range).",
    );
    expect(second).toContain(
      "GAD-7 4/21, minimal (lower is better): -7 since the last check-in, -7 since the first (11, moderate)",
    );
    expect(second).toContain("Not in the clinical range (caseness cutoff 8).");
    expect(second).toContain(
      "PHQ-9 + GAD-7 together (NHS Talking Therapies definitions): reliable recovery (a reliable improvement, and out of caseness on both).",
    );
    expect(second).not.toContain("Warnings:");

    const before = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(before).toContain(
      "PHQ-9 8/27, mild (lower is better), -9 since the first (17, moderately severe): recovered",
    );
    expect(before).toContain("PHQ-9 + GAD-7 together (NHS Talking Therapies definitions): reliable recovery");
  });

  it("warns of a reliable rise on a lower-is-better measure as deteriorating, once", async () => {
    await start();
    await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0]);
    const worse = await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [2, 2, 1, 1, 1, 0, 0]);
    expect(worse).toContain("Warnings:");
    expect(worse).toContain(
      "Deteriorating on the GAD-7 (rule method): 7, +4 since the first check-in (3); a change of 4 or more for the worse is reliable.",
    );
    expect(worse).toContain("reliable deterioration (a reliable change for the worse on at least one)");
    expect(worse).toContain("not at caseness on either at the start, so recovery does not apply");
    // Still deteriorated, not clearly worse: named as still applying, not warned again.
    const same = await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [2, 2, 1, 1, 1, 0, 0]);
    expect(same).toContain("Still in force: deteriorating (GAD-7) since check-in 2.");
    const before = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(before).toContain("Warnings in force: deteriorating (GAD-7) since check-in 2.");
  });

  it("names where a warning in force began, not its latest repeat, before a session", async () => {
    await start();
    await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0]);
    await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [2, 2, 1, 1, 1, 0, 0]);
    await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [2, 2, 1, 1, 1, 0, 0]);
    // 11: four more than at the warning of check-in 2 (7), a further reliable change: warned again.
    const worse = await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [3, 3, 2, 1, 1, 1, 0]);
    expect(worse).toContain("Deteriorating on the GAD-7 (rule method): 11, +8 since the first check-in (3)");
    const again = await checkin([1, 1, 0, 0, 0, 0, 0, 0, 0], [3, 3, 2, 1, 1, 1, 0]);
    // Repeated at check-in 4, in force since its first warning at 2.
    expect(again).toContain("Still in force: deteriorating (GAD-7) since check-in 2.");
    const before = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(before).toContain("Warnings in force: deteriorating (GAD-7) since check-in 2.");
  });
});
