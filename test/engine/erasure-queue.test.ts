import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { takeQueued } from "../helpers/outbox.js";

/**
 * Messages still queued for the therapist that name a client (a summary, a reply to `clients`,
 * the weekly digest, a delivery notice) do not outlive the client's erasure: they are withdrawn,
 * and a withdrawn digest is made again without the client.
 */
let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 3_600_000;

/** Hands a line to the engine without delivering anything: what it queues stays queued. */
async function queue(name: string, text: string): Promise<void> {
  await c.engine.handle(c.event(name, { kind: "text", text }));
}

/**
 * The texts still waiting for a person, in send order, without taking them (`Store.pending`). The
 * file is not sealed here, so the outbox knows a recipient by their platform id.
 */
async function pendingFor(name: string): Promise<string[]> {
  return (await c.store.pending({ channel: "console", recipient: name })).map((r) => r.message.text);
}

/** What is queued for a person, taken as the delivery worker takes it (and marked sent). */
async function queuedTexts(name: string): Promise<string[]> {
  const rows = await takeQueued(c.store, c.clock.now().toISOString(), ["console"]);
  return rows.filter((r) => r.externalId === name).map((r) => r.message.text);
}

describe("erasure withdraws queued messages about the client", () => {
  it("summary, clients, age and a delivery notice queued for the therapist are gone; only the erasure notice names them", async () => {
    c = new Conversation();
    await c.enrol("rivera", "zephyrine");
    await c.enrol("rivera", "bo");
    await c.say("rivera", "checkin zephyrine");
    await c.answerAll("zephyrine", [9, 8, 7, 9, 5, 5, 4, 5, "no"]);
    for (const line of ["summary zephyrine", "clients", "age zephyrine 30", "history zephyrine"]) {
      await queue("rivera", line);
    }
    // A message to the client that is given up: the therapist's notice names the client.
    await queue("rivera", "checkin zephyrine");
    const row = await c.store.nextSendable(
      { channel: "console", recipient: "zephyrine" },
      c.clock.now().toISOString(),
    );
    if (!row) throw new Error("no message queued for the client");
    await c.engine.settleFailure(row, "failed", "test: every attempt failed");
    const before = (await pendingFor("rivera")).filter((t) => t.includes("zephyrine"));
    expect(before.some((t) => t.includes("could not be delivered") || t.includes("couldn't"))).toBe(true);
    expect(before.length).toBeGreaterThanOrEqual(5);
    await queue("rivera", "discharge zephyrine --erase --confirm");
    const after = (await queuedTexts("rivera")).filter((t) => t.includes("zephyrine"));
    expect(after.length).toBe(1);
    expect(after[0]).toMatch(/erased/i);
  });

  it("a queued weekly digest that lists the client is made again without them", async () => {
    c = new Conversation({ digest: { day: "thu", time: "12:00" } });
    await c.enrol("rivera", "zephyrine");
    await c.enrol("rivera", "bo");
    await c.tick(60_000);
    for (const name of ["zephyrine", "bo"]) {
      await c.say("rivera", `checkin ${name}`);
      await c.answerAll(name, [9, 8, 7, 9, 5, 5, 4, 5, "no"]);
    }
    // The digest falls due and is queued, not yet sent.
    c.clock.advance(WEEK);
    await c.engine.runDue();
    const queued = (await pendingFor("rivera")).find((t) => t.startsWith("Weekly digest"));
    expect(queued).toContain("zephyrine");
    await queue("zephyrine", "forget");
    const [question] = (await pendingFor("zephyrine")).slice(-1);
    expect(question).toBeDefined();
    await c.engine.handle(c.event("zephyrine", { kind: "text", text: "erase" }));
    expect((await queuedTexts("rivera")).some((t) => t.startsWith("Weekly digest"))).toBe(false);
    const again = (await c.tick(60_000)).find((d) => d.message.text.startsWith("Weekly digest"));
    expect(again?.message.text).toContain("bo");
    expect(again?.message.text).not.toContain("zephyrine");
  });
});
