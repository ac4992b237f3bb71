import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// CLINICAL.md, "Risk and safety": an alert nobody acknowledged goes to the on-call contact. When
// that contact cannot get it (removed while rapport runs, or never linked a chat), the treating
// therapist holds it alone and must be told so, by name and why: the client was told at consent
// that the on-call person gets it too.
let c: Conversation;
afterEach(() => c.close());

async function withOnCall(): Promise<void> {
  c = new Conversation({ risk: { onCall: "Dr Night", escalateAfterMinutes: 30, repeatMinutes: 20 } });
  await c.enrol();
}

describe("an escalation the on-call contact cannot get", () => {
  it("removed while rapport runs: the treating therapist is told it could not go to them, and why", async () => {
    await withOnCall();
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    // `rapport therapist remove "Dr Night"` from a shell without RAPPORT_CONFIG, while this runs.
    await c.read(async (tx) => {
      const found = await tx.findTherapistByName("Dr Night");
      if (found) await tx.removeTherapist(found.id);
    });
    await c.say("alex", "kms");
    const escalated = await c.tick(31 * 60_000);
    expect(escalated.map((d) => [d.externalId, d.message.urgent])).toEqual([["rivera", true]]);
    const text = escalated[0]?.message.text ?? "";
    expect(text).toContain("URGENT, reminder: the risk alert about alex");
    expect(text).toContain(
      "It could not go to the on-call contact, Dr Night: Dr Night is not registered with rapport",
    );
    const alex = await c.client("alex");
    const alert = await c.read((tx) => tx.openRiskAlert(alex?.personId ?? 0));
    expect(alert?.escalationNote).toBe("on-call contact not registered: repeated to the treating therapist");
    // Every repeat says so, for one of them may be the first the therapist reads.
    const repeat = await c.tick(20 * 60_000);
    expect(repeat[0]?.message.text).toContain("It could not go to the on-call contact, Dr Night");
  });

  it("never linked a chat: the treating therapist is told it could not reach them", async () => {
    await withOnCall();
    await c.engine.addTherapist("Dr Night");
    await c.say("alex", "kms");
    const escalated = await c.tick(31 * 60_000);
    expect(escalated.map((d) => d.externalId)).toEqual(["rivera"]);
    expect(escalated[0]?.message.text).toContain(
      "It could not go to the on-call contact, Dr Night: they can't be reached in chat",
    );
  });

  it("with no on-call contact, every repeat says the treating therapist is the only one who has it", async () => {
    // A reminder every few hours that never says nobody else was told reads as noise, and gets muted.
    c = new Conversation({ risk: { repeatMinutes: 20 } });
    await c.enrol();
    await c.say("alex", "kms");
    const [first] = await c.tick(31 * 60_000);
    expect(first?.message.text).toContain("URGENT, reminder: the risk alert about alex");
    expect(first?.message.text).toContain("Only you have this alert: your practice has no on-call contact.");
    const [later] = await c.tick(40 * 60_000);
    expect(later?.message.text).toContain("Only you have this alert: your practice has no on-call contact.");
  });

  it("with the therapist on call themselves, the repeat says nothing of one", async () => {
    c = new Conversation({ risk: { onCall: "Dr rivera" } });
    await c.enrol();
    await c.say("alex", "kms");
    const [escalated] = await c.tick(31 * 60_000);
    expect(escalated?.message.text).not.toContain("on-call");
  });
});
