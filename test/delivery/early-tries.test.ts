import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { silentLog } from "../helpers/conversation.js";

/**
 * Messages made due early (a channel sending again, or a failing channel probed once a minute)
 * keep their own schedule of counted retries: one recipient failing among others who are sent
 * to does not use up its attempts in seconds, and a quiet channel's failing message is still
 * given up after its eight attempts (README: about 4½ to 6 hours), not tried for ever.
 */
describe("early tries keep each message's own schedule", () => {
  let dir: string;
  let store: SqliteStore;
  const clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-early-"));
    store = SqliteStore.open(join(dir, "r.db"));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function enqueue(name: string, text: string): Promise<void> {
    const now = clock.now().toISOString();
    await store.transaction(async (tx) => {
      let id = (
        store.connection.prepare("SELECT id FROM people WHERE name = ?").get(name) as
          | { id: number }
          | undefined
      )?.id;
      if (id === undefined) {
        id = await tx.createPerson("client", name, now);
        await tx.saveIdentity(
          { channel: "fake", externalId: name, personId: id, address: {}, locale: null },
          now,
        );
      }
      await tx.enqueue(id, { kind: "info", text }, now);
    });
  }

  it("does not give up the failing row within seconds because other recipients' sends succeed", async () => {
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        if (d.externalId === "a") throw new DeliveryError("HTTP 502 Bad Gateway", "retry");
      },
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog);
    await enqueue("a", "a1");
    await worker.drain();
    // Ten ordinary messages to b, one at a time, the clock standing still (a few seconds of a busy clinic).
    for (let i = 0; i < 10; i++) {
      await enqueue("b", `b${i}`);
      await worker.drain();
      await new Promise((r) => setImmediate(r));
      await worker.drain();
    }
    const a1 = store.connection.prepare("SELECT status, attempts FROM outbox WHERE id = 1").get();
    // With the backoff kept, a1 has had 1 attempt (its next is 3–4 s away) and is still pending.
    expect(a1).toEqual({ status: "pending", attempts: 1 });
  });

  it("gives an ordinary message up within about six hours of failures", async () => {
    let tries = 0;
    const sender: ChannelSender = {
      channel: "fake",
      send: async () => {
        tries++;
        throw new DeliveryError("HTTP 502 Bad Gateway", "retry");
      },
    };
    await enqueue("a", "a1");
    const worker = new DeliveryWorker(store, [sender], clock, silentLog);
    // Twelve hours, a look a minute (the worker's timer looks every second).
    for (let minute = 0; minute < 12 * 60; minute++) {
      await worker.drain();
      clock.advance(61_000);
    }
    const row = store.connection.prepare("SELECT status, attempts FROM outbox WHERE id = 1").get();
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    // One early try a minute while nothing else is tried on the channel, then it is given up.
    expect(tries).toBeLessThan(7 * 60);
  }, 120_000);
});
