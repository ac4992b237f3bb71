import { afterEach, describe, expect, it } from "vitest";
import { settleFailure } from "../../src/engine/delivery-settle.js";
import type { Store, Tx } from "../../src/store/types.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * A message given up is settled in one transaction with the therapist's notice: a failure in
 * between leaves the message still queued (to be settled again), never settled without notice.
 */
let c: Conversation;
afterEach(() => c.close());

const status = async (id: number) =>
  (await c.rows<{ status: string }>("SELECT status FROM outbox WHERE id = ?", id))[0]?.status;

async function queuedForAlex() {
  await c.engine.handle(c.event("rivera", { kind: "text", text: "checkin alex" }));
  const row = await c.store.nextSendable(
    { channel: "console", recipient: "alex" },
    c.clock.now().toISOString(),
  );
  if (!row) throw new Error("nothing queued for alex");
  return row;
}

describe("settling a failed delivery", () => {
  it("rolls the row back to pending when the notice cannot be queued", async () => {
    c = new Conversation();
    await c.enrol();
    const row = await queuedForAlex();
    const crashing: Store = {
      ...c.store,
      transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
        c.store.transaction((tx) =>
          fn({
            ...tx,
            enqueue: async () => {
              throw new Error("crash before the notice");
            },
          }),
        ),
    } as unknown as Store;
    await expect(settleFailure(crashing, c.engine.deps, row, "failed", "HTTP 500")).rejects.toThrow(/crash/);
    expect(await status(row.id)).toBe("pending");
  });

  it("marks the row failed and tells the therapist together; an unreachable identity is told once", async () => {
    c = new Conversation();
    await c.enrol();
    const row = await queuedForAlex();
    await c.engine.settleFailure(row, "failed", "HTTP 500");
    expect(await status(row.id)).toBe("failed");
    // The therapist's notices about alex: a delivery given up, and alex unreachable.
    const notices = () =>
      c.count(
        "SELECT COUNT(*) AS n FROM outbox WHERE external_id = 'rivera' AND (message LIKE '%could not be delivered%' OR message LIKE '%can no longer%')",
      );
    expect(await notices()).toBe(1);
    const next = await c.store.nextSendable(
      { channel: "console", recipient: "alex" },
      c.clock.now().toISOString(),
    );
    if (!next) throw new Error("no second message for alex");
    await c.engine.settleFailure(next, "unreachable", "HTTP 403");
    expect(await notices()).toBe(2);
    // Found unreachable again (another message): not told twice.
    const third = await c.store.nextSendable(
      { channel: "console", recipient: "alex" },
      c.clock.now().toISOString(),
    );
    if (third) await c.engine.settleFailure(third, "unreachable", "HTTP 403");
    expect(await notices()).toBe(2);
  });
});
