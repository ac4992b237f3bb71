import { afterEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { clinicConfigSchema } from "../../src/config/clinic-config.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * `contact ALIAS TEXT`: the reply says where the emergency details will go as the risk path
 * stands. They travel only with an escalated alert, to the on-call contact (CLINICAL.md, "Risk
 * and safety"); with nobody to escalate to, the repeats go to the treating therapist without them.
 */
let c: Conversation;
afterEach(() => c.close());

const DETAILS = "contact alex Partner Sam 0151 234 5678";

async function enrolled(config: z.input<typeof clinicConfigSchema> = {}): Promise<void> {
  c = new Conversation(config);
  await c.enrol();
}

/** The therapist's reply, typed from an app in this language. */
async function saveDetails(locale?: string): Promise<string> {
  const event = c.event("rivera", { kind: "text", text: DETAILS });
  const { replies } = await c.send(locale ? { ...event, sender: { ...event.sender, locale } } : event);
  return replies.find((d) => d.externalId === "rivera")?.message.text ?? "";
}

/** A disclosure left unacknowledged past the escalation: who got what. */
async function escalated(): Promise<Delivery[]> {
  await c.say("alex", "I want to kill myself");
  return c.tick(31 * 60_000);
}

describe("contact ALIAS TEXT says where the details go", () => {
  it("with an on-call contact: to them, by name, and the escalation carries them", async () => {
    await enrolled({ risk: { onCall: "Dr Night" } });
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    expect(await saveDetails()).toBe(
      "Emergency details for alex saved. They go to the on-call contact, Dr Night, with an urgent alert nobody acknowledges in time, and are erased with the client.",
    );
    const sent = await escalated();
    expect(sent.find((d) => d.externalId === "night")?.message.text).toContain(
      "Emergency details: Partner Sam 0151 234 5678",
    );
  });

  it("without one: that they reach nobody, that the repeats come without them, and how one is set", async () => {
    await enrolled();
    expect(await saveDetails()).toBe(
      "Emergency details for alex saved, but they reach nobody: your practice has no on-call contact, so an unacknowledged urgent alert about alex is repeated to you, without them. contact alex shows them.\n" +
        "To have them sent on, whoever runs rapport sets risk.onCall in the clinic's config file to a therapist added with rapport therapist add.",
    );
    // What the reply says is what happens: the repeat goes to the therapist, without the details.
    const sent = await escalated();
    expect(sent.map((d) => d.externalId)).toEqual(["rivera"]);
    expect(sent[0]?.message.text).toContain("URGENT, reminder");
    expect(sent[0]?.message.text).not.toContain("Partner Sam");
  });

  it("with an on-call contact who has not linked a chat: for now nobody, until they link", async () => {
    await enrolled({ risk: { onCall: "Dr Night" } });
    const night = await c.engine.addTherapist("Dr Night");
    expect(await saveDetails()).toContain(
      "but for now they reach nobody: the on-call contact, Dr Night, can't be reached in chat",
    );
    await c.say("night", `link ${night.code}`);
    expect(await saveDetails()).toContain("They go to the on-call contact, Dr Night,");
  });

  it("when the on-call contact is the client's own therapist: nobody else", async () => {
    await enrolled({ risk: { onCall: "Dr rivera" } });
    expect(await saveDetails()).toBe(
      "Emergency details for alex saved, but they reach nobody: you are the practice's on-call contact yourself, so an unacknowledged urgent alert about alex is repeated to you, without them. contact alex shows them.",
    );
    expect((await escalated()).map((d) => d.externalId)).toEqual(["rivera"]);
    const alex = await c.client("alex");
    const alert = await c.read((tx) => tx.openRiskAlert(alex?.personId ?? 0));
    expect(alert?.escalationNote).toBe("on-call contact is the treating therapist: repeated to them");
  });

  it("when the on-call contact names nobody registered: nobody, and what to correct", async () => {
    await enrolled({ risk: { onCall: "Dr Nobody" } });
    const reply = await saveDetails();
    expect(reply).toContain("the on-call contact in your practice's settings, Dr Nobody, is not registered");
    expect(reply).toContain("rapport therapist add, or corrects risk.onCall");
  });

  it.each([
    [
      "es",
      "Datos de emergencia de alex guardados, pero no le llegan a nadie",
      "Se envían al contacto de guardia, Dr Night,",
    ],
    [
      "de",
      "Notfallangaben zu alex gespeichert, aber sie erreichen niemanden",
      "an die Bereitschaft, Dr Night,",
    ],
  ])("in %s too, with and without an on-call contact", async (locale, nobody, onCall) => {
    await enrolled();
    const without = await saveDetails(locale);
    expect(without).toContain(nobody);
    expect(without).toContain("risk.onCall");
    c.close();
    await enrolled({ risk: { onCall: "Dr Night" } });
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    expect(await saveDetails(locale)).toContain(onCall);
  });
});
