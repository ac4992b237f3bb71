import { afterEach, describe, expect, it } from "vitest";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// An overdose just taken: the on-call contact gets it sooner, and with the line to act at once.
let c: Conversation;
afterEach(() => c?.close());

const urgentTo = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name && d.message.urgent).map((d) => d.message.text ?? "");

async function withNight(risk: Record<string, unknown> = {}): Promise<void> {
  c = new Conversation({ risk: { onCall: "Dr Night", ...risk } });
  await c.enrol();
  const night = await c.engine.addTherapist("Dr Night");
  await c.say("night", `link ${night.code}`);
}

describe("an acute alert's escalation", () => {
  it("goes to the on-call contact after 10 minutes, saying it may be happening now", async () => {
    await withNight();
    await c.say("alex", "i took 30 pills just now");
    const [escalated] = urgentTo(await c.tick(11 * 60_000), "night");
    expect(escalated).toContain("This may be happening now");
    const [repeat] = urgentTo(await c.tick(31 * 60_000), "night");
    expect(repeat).toContain("This may be happening now");
  });

  it("an ordinary disclosure still waits escalateAfterMinutes, without the line", async () => {
    await withNight();
    await c.say("alex", "i want to die");
    expect(urgentTo(await c.tick(11 * 60_000), "night")).toEqual([]);
    const [escalated] = urgentTo(await c.tick(20 * 60_000), "night");
    expect(escalated).not.toContain("This may be happening now");
  });

  it("risk.acuteEscalateMinutes is refused above escalateAfterMinutes", () => {
    const bad = clinicConfigSchema.safeParse({
      risk: { escalateAfterMinutes: 20, acuteEscalateMinutes: 25 },
    });
    expect(bad.success).toBe(false);
    expect(clinicConfigSchema.safeParse({ risk: { escalateAfterMinutes: 5 } }).success).toBe(true);
  });
});
