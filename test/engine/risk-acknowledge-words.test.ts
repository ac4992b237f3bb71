import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// Right after an URGENT alert a therapist answers as people do: "ok", the button's label typed,
// "seen", "seen alex". Each must either acknowledge the alert, saying which, or say how to; none
// may leave them believing they answered it while it escalates.
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

async function alerted(config = {}): Promise<void> {
  c = new Conversation(config);
  await c.enrol();
  await c.say("alex", "i want to kill myself");
}

const acknowledged = () => c.peek(async (tx) => (await tx.getRiskAlert(1))?.acknowledgedAt ?? null);

describe("acknowledging an urgent alert in the therapist's own words", () => {
  it.each([
    "I've seen this",
    "i’ve seen this!",
    "Ive seen this",
    "Gesehen",
    "Lo he visto",
    "seen",
    "seen alex",
  ])("%j acknowledges the one open alert and says which", async (text) => {
    await alerted();
    expect(texts(await c.say("rivera", text), "rivera")).toEqual([
      "Alert 1 about alex marked as seen. Thank you.",
    ]);
    expect(await acknowledged()).not.toBeNull();
  });

  it.each(["ok", "thanks", "ok thanks"])(
    "%j acknowledges nothing and says the alert is still open",
    async (text) => {
      await alerted();
      expect(texts(await c.say("rivera", text), "rivera")).toEqual([
        "Alert 1 about alex is still open. To acknowledge it, type seen 1 or tap I've seen this under the alert.",
      ]);
      expect(await acknowledged()).toBeNull();
    },
  );

  it("with no alert open, ok is a nod and seen says there is nothing to acknowledge", async () => {
    c = new Conversation();
    await c.enrol();
    expect(texts(await c.say("rivera", "ok"), "rivera")[0]).toMatch(/^You're welcome/);
    expect(texts(await c.say("rivera", "seen"), "rivera")).toEqual([
      "There is no open alert for you to acknowledge.",
    ]);
    expect(texts(await c.say("rivera", "seen alex"), "rivera")).toEqual([
      "There is no open alert about alex.",
    ]);
  });

  it("with two alerts open, a bare seen lists the open ones by number and client; seen ALIAS picks one", async () => {
    await alerted();
    await c.enrol("rivera", "sam");
    await c.say("sam", "i want to end my life");
    // The real numbers, each with whom it is about and its own button: no made-up "seen 12".
    const asked = (await c.say("rivera", "seen")).filter((d) => d.externalId === "rivera");
    expect(asked.map((d) => d.message.text)).toEqual([
      "2 alerts are open: which one have you seen? Type seen with its number, or tap I've seen this under it:",
      "seen 1 (alex)",
      "seen 2 (sam)",
    ]);
    expect(asked.map((d) => d.message.choices?.map((ch) => [ch.value, ch.label]))).toEqual([
      undefined,
      [["seen 1", "I've seen this"]],
      [["seen 2", "I've seen this"]],
    ]);
    expect(await acknowledged()).toBeNull();
    expect(texts(await c.say("rivera", "seen sam"), "rivera")).toEqual([
      "Alert 2 about sam marked as seen. Thank you.",
    ]);
  });

  it("seen with a word that names no client: the one open alert's real number, or that none is open", async () => {
    await alerted();
    expect(texts(await c.say("rivera", "seen it"), "rivera")).toEqual([
      "Type seen 1 to acknowledge the alert about alex, or tap I've seen this under the alert.",
    ]);
    expect(await acknowledged()).toBeNull();
    await c.say("rivera", "seen 1");
    expect(texts(await c.say("rivera", "seen it"), "rivera")).toEqual([
      "There is no open alert for you to acknowledge.",
    ]);
  });

  it("a listed alert's button acknowledges that alert", async () => {
    await alerted();
    await c.enrol("rivera", "sam");
    await c.say("sam", "i want to end my life");
    await c.say("rivera", "seen");
    expect(texts(await c.press("rivera", "seen 2", "risk:2"), "rivera")).toEqual([
      "Alert 2 about sam marked as seen. Thank you.",
    ]);
  });

  it("erasing a client while the list is queued withdraws the line naming them, not the others", async () => {
    await alerted();
    await c.enrol("rivera", "sam");
    await c.say("sam", "i want to end my life");
    // Queued, not yet delivered, when alex is erased.
    await c.engine.handle(c.event("rivera", { kind: "text", text: "seen" }));
    const after = texts(await c.say("rivera", "discharge alex --erase --confirm"), "rivera");
    expect(after.some((t) => t.includes("seen 1 (alex)"))).toBe(false);
    expect(after).toContain("seen 2 (sam)");
  });

  it("the on-call contact's seen N before the escalation: the alert is with the treating therapist", async () => {
    await alerted({ risk: { onCall: "Dr Night", escalateAfterMinutes: 30 } });
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    expect(texts(await c.say("night", "seen 1 pls"), "night")[0]).toMatch(
      /^Alert 1 has not been passed to you yet: it is with the treating therapist/,
    );
    expect(await acknowledged()).toBeNull();
    await c.tick(31 * 60_000);
    expect(texts(await c.say("night", "seen"), "night")).toEqual([
      "Alert 1 about alex marked as seen. Thank you.",
    ]);
  });

  it("the on-call contact holding several escalated alerts is told of each by ok, not the first alone", async () => {
    await alerted({ risk: { onCall: "Dr Night", escalateAfterMinutes: 30 } });
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    await c.enrol("rivera", "sam");
    await c.say("sam", "i want to end my life");
    await c.tick(31 * 60_000);
    for (const text of ["ok", "thanks"]) {
      expect(texts(await c.say("night", text), "night")).toEqual([
        "2 alerts are still open. To acknowledge them all, type seen with each number, or tap I've seen this under each:",
        "seen 1 (alex)",
        "seen 2 (sam)",
      ]);
    }
    expect(await acknowledged()).toBeNull();
    await c.say("night", "seen 1");
    expect(texts(await c.say("night", "ok"), "night")).toEqual([
      "Alert 2 about sam is still open. To acknowledge it, type seen 2 or tap I've seen this under the alert.",
    ]);
  });

  it("another therapist's seen N still learns nothing about the alert", async () => {
    await alerted();
    const other = await c.engine.addTherapist("Dr Other");
    await c.say("other", `link ${other.code}`);
    expect(texts(await c.say("other", "seen 1"), "other")).toEqual([
      "There is no alert with that number for you.",
    ]);
  });
});
