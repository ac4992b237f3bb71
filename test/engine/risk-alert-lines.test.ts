import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// How an alert's events read to the therapist and the on-call contact: the words that matched
// first and what the client wrote besides after them; "… N more" after what is shown; every
// disclosure in the digest while its alert is unacknowledged; times with their zone.
let c: Conversation;
afterEach(() => c?.close());

const MIN = 60_000;
const urgent = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to && d.message.urgent).map((d) => d.message.text);
const last = (ds: Delivery[], to: string) => ds.filter((d) => d.externalId === to).at(-1)?.message.text ?? "";

async function alertWithMessages(config = {}): Promise<void> {
  c = new Conversation(config);
  await c.enrol();
  await c.say("alex", "i want to kill myself");
  await c.say("alex", "he keeps taking my stuff");
  await c.tick(11 * MIN);
  await c.say("alex", "i'm going to hurt him");
}

describe("the lines of an alert", () => {
  it("the escalation lists the disclosures first, what else was written after them", async () => {
    await alertWithMessages({ risk: { escalateAfterMinutes: 30 } });
    const repeat = urgent(await c.tick(31 * MIN), "rivera").at(-1) ?? "";
    const lines = repeat.split("\n").filter((l) => l.startsWith("- "));
    expect(lines.map((l) => l.replace(/^- [^,]+, [^,]+, [^,]+, /u, ""))).toEqual([
      'disclosure: "i want to kill myself" (matched: "kill myself")',
      'disclosure: "i\'m going to hurt him" (matched: "going to hurt him")',
      'also wrote (no risk words): "he keeps taking my stuff"',
    ]);
  });

  it("alert times carry their zone, as the summaries do", async () => {
    c = new Conversation();
    await c.enrol();
    const alert = urgent(await c.say("alex", "i want to kill myself"), "rivera")[0];
    expect(alert).toMatch(/^URGENT: alex may be at risk\. Nov 26, 2026, 10:00 AM UTC, disclosure:/);
  });

  it("a cut summary says how many more after the lines shown, not between them", async () => {
    await alertWithMessages();
    for (const text of ["ok", "the weather is bad", "i dont know", "whatever"]) {
      await c.tick(11 * MIN);
      await c.say("alex", text);
    }
    const risk = last(await c.say("rivera", "summary alex"), "rivera").split("\n");
    const items = risk.filter((l) => l.startsWith("- "));
    expect(items.at(-1)).toMatch(/^- … \d+ more \(summary alex --all shows them all\)$/u);
    expect(items.slice(0, -1).every((l) => !l.includes("more (summary"))).toBe(true);
  });

  it("the digest shows the words of an unacknowledged alert, quoted, not a count of messages", async () => {
    await alertWithMessages();
    const digest = (await c.tick(6 * 24 * 60 * MIN))
      .map((d) => d.message.text)
      .find((t) => t.startsWith("Weekly digest"));
    expect(digest).toBeDefined();
    expect(digest).not.toContain("message(s)");
    expect(digest).toContain('disclosure: "i want to kill myself" (matched: "kill myself")');
    expect(digest).toContain('also wrote (no risk words): "he keeps taking my stuff"');
  });
});
