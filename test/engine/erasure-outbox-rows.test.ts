import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * After an erasure the outbox says nothing about the client, not even when: the rows about them
 * (sent and failed ones too, the urgent alert's among them) and their own rows are deleted, and
 * the goodbye to their address goes once it is sent. In a one-therapist-one-client practice a row
 * of priority 10 at the minute of a disclosure would tell that a risk event happened, and when.
 */
let c: Conversation;
afterEach(() => c.close());

async function disclosedThenErased(erase: () => Promise<unknown>): Promise<{ alexId: number; at: string }> {
  c = new Conversation();
  await c.enrol("rivera", "alex");
  const alexId = (await c.client("alex"))?.personId ?? 0;
  c.clock.advance(60_000);
  const at = c.clock.now().toISOString();
  const alerted = await c.say("alex", "i want to kill myself");
  expect(alerted.some((d) => d.externalId === "rivera" && d.message.urgent)).toBe(true);
  c.clock.advance(3_600_000);
  await erase();
  return { alexId, at };
}

async function expectNothingLeft(alexId: number, at: string): Promise<void> {
  expect(await c.count("SELECT COUNT(*) AS n FROM outbox WHERE about_person_id = ?", alexId)).toBe(0);
  expect(await c.count("SELECT COUNT(*) AS n FROM outbox WHERE person_id = ?", alexId)).toBe(0);
  // The goodbye (addressed to no person) was sent, and went with its sending.
  expect(await c.count("SELECT COUNT(*) AS n FROM outbox WHERE person_id IS NULL")).toBe(0);
  expect(await c.count("SELECT COUNT(*) AS n FROM outbox WHERE created_at = ? OR sent_at = ?", at, at)).toBe(
    0,
  );
  expect(await c.count("SELECT COUNT(*) AS n FROM risk_alerts")).toBe(0);
  expect(await c.count("SELECT COUNT(*) AS n FROM risk_events")).toBe(0);
  expect(await c.count("SELECT COUNT(*) AS n FROM risk_steps")).toBe(0);
}

describe("the outbox after an erasure", () => {
  it("forget: no row about the client, to them, or at the minute of their disclosure is left", async () => {
    const { alexId, at } = await disclosedThenErased(async () => {
      await c.say("alex", "forget");
      const done = await c.press("alex", "yes", "forget");
      expect(done.some((d) => d.externalId === "alex")).toBe(true);
    });
    await expectNothingLeft(alexId, at);
  });

  it("discharge --erase: the same", async () => {
    const { alexId, at } = await disclosedThenErased(async () => {
      const done = await c.say("rivera", "discharge alex --erase --confirm");
      expect(done.some((d) => d.externalId === "alex")).toBe(true);
    });
    await expectNothingLeft(alexId, at);
  });
});
