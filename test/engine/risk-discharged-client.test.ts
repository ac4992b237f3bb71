import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// A discharged client may still disclose risk. The alert must not be hidden in `clients`, the
// URGENT message and the on-call contact's must say they were discharged, and the summary's
// count of check-in noes must carry the check-in's date, not the later disclosure's. A concern note
// says so too, and suggests contacting them rather than a next session there may not be.
let c: Conversation;
afterEach(() => c?.close());

const DAY = 24 * 3_600_000;
const urgent = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to && d.message.urgent).map((d) => d.message.text);
const last = (ds: Delivery[], to: string) => ds.filter((d) => d.externalId === to).at(-1)?.message.text ?? "";

async function dischargedThenYes(): Promise<Delivery[]> {
  c = new Conversation({ risk: { onCall: "Dr Night", escalateAfterMinutes: 30 } });
  await c.enrol();
  const night = await c.engine.addTherapist("Dr Night");
  await c.say("night", `link ${night.code}`);
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [8, 8, 8, 8, 5, 5, 5, 5, "no"]);
  await c.say("rivera", "discharge alex");
  await c.tick(3 * DAY);
  await c.say("alex", "cant do this anymore");
  return c.say("alex", "yes");
}

describe("an urgent alert about a discharged client", () => {
  it("the alert and the on-call contact's message say the client was discharged, and when", async () => {
    const replies = await dischargedThenYes();
    expect(urgent(replies, "rivera")[0]).toMatch(
      /^URGENT: alex \(discharged Nov 26, 2026\) may be at risk\./,
    );
    const escalated = urgent(await c.tick(31 * 60_000), "night")[0];
    expect(escalated).toContain("the risk alert about alex (discharged Nov 26, 2026), a client of Dr rivera");
  });

  it("clients shows the open alert on the discharged client's row", async () => {
    await dischargedThenYes();
    expect(last(await c.say("rivera", "clients"), "rivera")).toContain(
      "alex: discharged Nov 26, 2026, URGENT alert 1 open (seen 1)",
    );
  });

  it("summary dates the check-ins' no by the check-in, and shows the answered concern once", async () => {
    await dischargedThenYes();
    const summary = last(await c.say("rivera", "summary alex"), "rivera");
    expect(summary).toContain("no each time a check-in asked it up to Nov 26, 2026 (1)");
    expect(summary).not.toContain("concern:");
    // One line: the yes, with the words and what matched in them.
    expect(summary.split("\n").filter((l) => l.includes("cant do this anymore"))).toHaveLength(1);
  });

  it("a concern answered no: the note says the client was discharged, and suggests contacting them", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 8, 8, 8, 5, 5, 5, 5, "no"]);
    await c.say("rivera", "discharge alex");
    await c.tick(3 * DAY);
    await c.say("alex", "cant do this anymore");
    const note = last(await c.say("alex", "no"), "rivera");
    expect(note).toMatch(/^alex \(discharged Nov 26, 2026\) wrote: "cant do this anymore"/);
    expect(note).toContain("There may be no next session: worth contacting them.");
    expect(note).not.toContain("next session.");
  });

  it("an active client's concern note still points to the next session", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "cant do this anymore");
    const note = last(await c.say("alex", "no"), "rivera");
    expect(note).toMatch(/^alex wrote: "cant do this anymore"/);
    expect(note).toContain("Worth talking about at the next session.");
  });
});
