import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// CLINICAL.md, "Risk and safety": an urgent alert must reach someone. When the treating therapist
// has no chat rapport can write to (they blocked the bot), the failed outbox row is read by
// nobody: the log gets an error (ids only), and the on-call contact gets the alert at once,
// not after risk.escalateAfterMinutes.
let c: Conversation;
afterEach(() => c.close());

/** A conversation whose engine logs errors into `errors` (each entry's fields and message). */
async function withOnCall(onCall: string | undefined): Promise<Record<string, unknown>[]> {
  c = new Conversation({ risk: { ...(onCall ? { onCall } : {}), escalateAfterMinutes: 30 } });
  const errors: Record<string, unknown>[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => void errors.push(JSON.parse(line)) });
  Object.assign(c.engine.deps, { log });
  await c.enrol();
  if (onCall) {
    const night = await c.engine.addTherapist(onCall);
    await c.say("night", `link ${night.code}`);
  }
  return errors;
}

const blocked = () =>
  c.read(async (tx) => {
    await tx.markUnreachable("console", "rivera", c.clock.now().toISOString());
  });

describe("an urgent alert its therapist cannot get", () => {
  it("is logged as an error without the client's words, and goes to the on-call contact at once", async () => {
    const errors = await withOnCall("Dr Night");
    await blocked();
    const said = await c.say("alex", "i want to kill myself");
    expect(said.some((d) => d.externalId === "rivera")).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ step: "therapist_alerted", escalateNow: true });
    expect(typeof errors[0]?.alertId).toBe("number");
    expect(JSON.stringify(errors)).not.toMatch(/kill/);
    // The next timed pass, seconds later, not 30 minutes.
    const escalated = await c.tick(15_000);
    const toNight = escalated.filter((d) => d.externalId === "night");
    expect(toNight.map((d) => d.message.urgent)).toEqual([true]);
    expect(toNight[0]?.message.text).toContain("alex");
  });

  it("without an on-call contact, is still logged as an error, and escalation keeps its time", async () => {
    const errors = await withOnCall(undefined);
    await blocked();
    await c.say("alex", "i want to kill myself");
    expect(errors.map((e) => [e.step, e.escalateNow])).toEqual([["therapist_alerted", false]]);
    const alex = await c.client("alex");
    const alert = await c.read((tx) => tx.openRiskAlert(alex?.personId ?? 0));
    expect(alert?.escalateAt).toBe(new Date(c.clock.now().getTime() + 30 * 60_000).toISOString());
    // Each repeat that cannot reach them is logged too.
    await c.tick(31 * 60_000);
    expect(errors.map((e) => e.step)).toEqual(["therapist_alerted", "escalated"]);
  });

  it("a therapist found blocked while an alert is open: the on-call contact gets it at once", async () => {
    const errors = await withOnCall("Dr Night");
    await c.say("alex", "i want to kill myself");
    // The alert went out; rivera then blocks the bot, found at the next delivery to them.
    await c.engine.handle(c.event("rivera", { kind: "text", text: "clients" }));
    const row = await c.store.nextSendable(
      { channel: "console", recipient: "rivera" },
      c.clock.now().toISOString(),
    );
    if (!row) throw new Error("nothing queued for rivera");
    await c.engine.settleFailure(row, "unreachable", "blocked by the user");
    expect(errors.map((e) => [e.step, e.escalateNow])).toEqual([["therapist_unreachable", true]]);
    const escalated = await c.tick(15_000);
    expect(escalated.filter((d) => d.externalId === "night").map((d) => d.message.urgent)).toEqual([true]);
  });
});
