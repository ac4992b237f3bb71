import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import { Engine } from "../../src/engine/engine.js";
import type { Delivery } from "../../src/model.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { silentLog, testDeps } from "../helpers/conversation.js";

/**
 * A platform that answers 429, 500, never answers (a time-out), or 403 (blocked), as scripted
 * per message: every deliverable message must arrive exactly once, urgent ones first, and the
 * blocked recipient must be reported to the therapist once.
 */
describe("delivery through a faulty platform", () => {
  let dir: string;
  let store: SqliteStore;
  const clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-faults-"));
    store = SqliteStore.open(join(dir, "r.db"));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers every deliverable message exactly once, urgent first, and reports the blocked recipient once", async () => {
    const now = clock.now().toISOString();
    const engine = new Engine(store, testDeps(clock));
    await store.transaction(async (tx) => {
      const therapist = await tx.createPerson("therapist", "Dr Rivera", now);
      await tx.saveIdentity(
        { channel: "fake", externalId: "rivera", personId: therapist, address: {}, locale: null },
        now,
      );
      for (const name of ["a", "b", "c", "blocked"]) {
        const { personId } = await tx.createClient(therapist, name, now);
        await tx.setClientStatus(personId, "active");
        await tx.saveIdentity(
          { channel: "fake", externalId: name, personId, address: {}, locale: null },
          now,
        );
        for (let i = 1; i <= 5; i++) await tx.enqueue(personId, { kind: "info", text: `${name}-${i}` }, now);
        await tx.enqueue(personId, { kind: "urgent", urgent: true, text: `${name}-urgent` }, now);
      }
    });
    // The first attempt of each of these fails in its own way.
    const script: Record<string, "429" | "500" | "hang"> = {
      "a-2": "429",
      "b-1": "500",
      "c-3": "hang",
      "a-urgent": "500",
    };
    const attempted = new Set<string>();
    const arrived: string[] = [];
    const toTherapist: string[] = [];
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d: Delivery) => {
        const text = d.message.text;
        if (d.externalId === "blocked") throw new DeliveryError("HTTP 403", "unreachable");
        if (d.externalId === "rivera") return void toTherapist.push(text);
        const fault = attempted.has(text) ? undefined : script[text];
        attempted.add(text);
        if (fault === "429") throw new DeliveryError("HTTP 429", "retry", 2_000);
        if (fault === "500") throw new DeliveryError("HTTP 500", "retry");
        if (fault === "hang") await new Promise(() => {});
        arrived.push(text);
      },
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, {
      baseDelayMs: 500,
      sendTimeoutMs: 50,
      settle: (row, outcome, error) => engine.settleFailure(row, outcome, error),
    });
    for (let round = 0; round < 30 && arrived.length < 18; round++) {
      await worker.drain();
      clock.advance(5_000);
    }
    await worker.drain();
    const expected = ["a", "b", "c"].flatMap((n) => [
      ...[1, 2, 3, 4, 5].map((i) => `${n}-${i}`),
      `${n}-urgent`,
    ]);
    expect([...arrived].sort()).toEqual(expected.sort());
    expect(new Set(arrived).size).toBe(arrived.length);
    for (const name of ["a", "b", "c"]) {
      // Ordinary messages keep their order whatever failed in between.
      const mine = arrived.filter((t) => t.startsWith(`${name}-`) && !t.endsWith("urgent"));
      expect(mine).toEqual([1, 2, 3, 4, 5].map((i) => `${name}-${i}`));
    }
    // The urgent message goes before the ordinary ones still waiting.
    expect(arrived.indexOf("b-urgent")).toBeLessThan(arrived.indexOf("b-1"));
    expect(arrived.indexOf("c-urgent")).toBeLessThan(arrived.indexOf("c-1"));
    // The therapist hears once, and nothing more is tried for the blocked recipient.
    expect(toTherapist.filter((t) => t.includes("blocked can no longer be reached"))).toHaveLength(1);
    const rows = store.connection
      .prepare(
        "SELECT status, attempts FROM outbox WHERE person_id = (SELECT person_id FROM clients WHERE alias = 'blocked')",
      )
      .all() as {
      status: string;
      attempts: number;
    }[];
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === "failed")).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBeLessThanOrEqual(2);
  });
});
