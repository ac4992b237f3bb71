import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { backoffMs } from "../../src/delivery/backoff.js";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import type { Delivery } from "../../src/model.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { silentLog } from "../helpers/conversation.js";

describe("DeliveryWorker", () => {
  let dir: string;
  let store: SqliteStore;
  const clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-worker-"));
    store = SqliteStore.open(join(dir, "r.db"));
    const now = clock.now().toISOString();
    await store.transaction(async (tx) => {
      for (const name of ["a", "b"]) {
        const id = await tx.createPerson("client", name, now);
        await tx.saveIdentity(
          { channel: "fake", externalId: name, personId: id, address: { name }, locale: null },
          now,
        );
        for (let i = 1; i <= 3; i++) await tx.enqueue(id, { kind: "info", text: `${name}${i}` }, now);
      }
    });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Status by message text; sent rows keep no text, so texts are known from the order they were queued. */
  const QUEUED = ["a1", "a2", "a3", "b1", "b2", "b3", "crisis"];
  function statuses(): Record<string, string> {
    const rows = store.connection.prepare("SELECT id, status FROM outbox ORDER BY id").all() as {
      id: number;
      status: string;
    }[];
    return Object.fromEntries(rows.map((r) => [QUEUED[r.id - 1] ?? String(r.id), r.status]));
  }
  const attemptsOf = (text: string) =>
    (
      store.connection.prepare("SELECT attempts FROM outbox WHERE id = ?").get(QUEUED.indexOf(text) + 1) as {
        attempts: number;
      }
    ).attempts;

  it("sends every message once, in order per recipient", async () => {
    const got: string[] = [];
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d: Delivery) => void got.push(d.message.text),
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog);
    expect(await worker.drain()).toBe(6);
    expect(got.filter((t) => t.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(got.filter((t) => t.startsWith("b"))).toEqual(["b1", "b2", "b3"]);
    expect(await worker.drain()).toBe(0);
  });

  it("waits the platform's retry-after, holds that recipient's later messages, and sends the rest", async () => {
    const got: string[] = [];
    let refused = false;
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        if (d.message.text === "a2" && !refused) {
          refused = true;
          throw new DeliveryError("HTTP 429", "retry", 30_000);
        }
        got.push(d.message.text);
      },
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog);
    await worker.drain();
    expect(got).toEqual(expect.arrayContaining(["a1", "b1", "b2", "b3"]));
    expect(got).not.toContain("a3");
    clock.advance(29_000);
    await worker.drain();
    expect(got).not.toContain("a2");
    clock.advance(1_000);
    await worker.drain();
    expect(got.filter((t) => t.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(Object.values(statuses()).every((s) => s === "sent")).toBe(true);
  });

  it("marks a message failed after the last attempt, and at once when the recipient is unreachable", async () => {
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        if (d.externalId === "a") throw new Error("connection reset");
        if (d.message.text === "b1") throw new DeliveryError("HTTP 403 blocked", "unreachable");
      },
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, { maxAttempts: 3, baseDelayMs: 10 });
    for (let i = 0; i < 5; i++) {
      await worker.drain();
      clock.advance(60_000);
    }
    const s = statuses();
    expect(s.a1).toBe("failed");
    expect(s.b1).toBe("failed");
    expect(s.b2).toBe("sent");
    expect(attemptsOf("a1")).toBe(3);
  });

  it("never gives up an urgent message, and does not count a platform's 429 as an attempt", async () => {
    const now = clock.now().toISOString();
    await store.transaction(async (tx) => {
      const id = await tx.createPerson("client", "c", now);
      await tx.saveIdentity(
        { channel: "fake", externalId: "c", personId: id, address: {}, locale: null },
        now,
      );
      await tx.enqueue(id, { kind: "urgent", urgent: true, text: "crisis" }, now);
    });
    let calls = 0;
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        if (d.externalId !== "c") return;
        calls++;
        if (calls <= 3) throw new DeliveryError("HTTP 429", "retry", 1_000);
        if (calls <= 20) throw new Error("connection reset");
      },
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, { maxAttempts: 3, baseDelayMs: 10 });
    for (let i = 0; i < 40 && statuses().crisis !== "sent"; i++) {
      await worker.drain();
      clock.advance(61_000);
    }
    expect(statuses().crisis).toBe("sent");
    expect(calls).toBe(21);
    // 17 network failures and the success count; the three 429s do not.
    expect(attemptsOf("crisis")).toBe(18);
  });

  it("gives a waiting recipient its turn after two messages of a busy one", async () => {
    const now = clock.now().toISOString();
    await store.transaction(async (tx) => {
      const a = (await tx.findIdentity("fake", "a"))?.personId ?? 0;
      for (let i = 4; i <= 8; i++) await tx.enqueue(a, { kind: "info", text: `a${i}` }, now);
    });
    const got: string[] = [];
    const sender: ChannelSender = { channel: "fake", send: async (d) => void got.push(d.message.text) };
    // One lane: a (eight messages) goes first; b must not wait for all of them.
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, { concurrency: 1 });
    expect(await worker.drain()).toBe(11);
    expect(got.slice(0, 4)).toEqual(["a1", "a2", "b1", "b2"]);
    expect(got.filter((t) => t.startsWith("a"))).toEqual(["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]);
    expect(got.filter((t) => t.startsWith("b"))).toEqual(["b1", "b2", "b3"]);
  });

  it("sends what is queued for a recipient while its lane is busy, without waiting for the timer", async () => {
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const got: string[] = [];
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        if (d.message.text === "a1") await firstHeld;
        got.push(d.message.text);
      },
    };
    // The timer would look again only after a minute: anything sooner comes from wake().
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, { pollMs: 60_000 });
    worker.start();
    await vi.waitFor(() => expect(got).toEqual(expect.arrayContaining(["b1", "b2", "b3"])));
    await store.transaction(async (tx) => {
      const a = (await tx.findIdentity("fake", "a"))?.personId ?? 0;
      await tx.enqueue(a, { kind: "info", text: "a4" }, clock.now().toISOString());
    });
    worker.wake();
    await new Promise((r) => setTimeout(r, 20));
    releaseFirst();
    await vi.waitFor(() => expect(got.filter((t) => t.startsWith("a"))).toEqual(["a1", "a2", "a3", "a4"]));
    await worker.stop();
  });

  /** The store, with its calls to `method` counted. */
  function counting(method: "sendableRecipients" | "nextSendable") {
    const count = { calls: 0 };
    const counted = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (name === method) count.calls++;
          return value.apply(target, args);
        };
      },
    });
    return { counted, count };
  }

  it("sends what a commit queued for the recipients it names, asking the store about them only", async () => {
    const got: string[] = [];
    const sender: ChannelSender = { channel: "fake", send: async (d) => void got.push(d.message.text) };
    const { counted, count } = counting("sendableRecipients");
    const worker = new DeliveryWorker(counted, [sender], clock, silentLog, { pollMs: 60_000 });
    worker.start();
    await vi.waitFor(() => expect(got).toHaveLength(6));
    const looks = count.calls;
    const recipient = await store.transaction(async (tx) => {
      const a = (await tx.findIdentity("fake", "a"))?.personId ?? 0;
      return tx.enqueue(a, { kind: "info", text: "a4" }, clock.now().toISOString());
    });
    expect(recipient).toEqual({ channel: "fake", recipient: "a" });
    worker.wake(recipient ? [recipient] : []);
    await vi.waitFor(() => expect(got).toContain("a4"));
    expect(count.calls).toBe(looks);
    await worker.stop();
  });

  it("asks for the message a commit queued before the events that arrived during that commit", async () => {
    await store.markSentMany([1, 2, 3, 4, 5, 6], clock.now().toISOString());
    const order: string[] = [];
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => void order.push(`sent ${d.message.text}`),
    };
    const watched = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (name === "nextSendable") order.push("asked");
          return value.apply(target, args);
        };
      },
    });
    const worker = new DeliveryWorker(watched, [sender], clock, silentLog, { pollMs: 60_000 });
    worker.start();
    await worker.drain();
    // The first look at the whole outbox, made at start, is over.
    await new Promise((r) => setTimeout(r, 20));
    // An answer's event queues the next question; another client's event arrives while it
    // commits, and goes in the next batch. The question is not held behind that batch.
    const recipient = await store.transaction(async (tx) => {
      const a = (await tx.findIdentity("fake", "a"))?.personId ?? 0;
      void store.transaction(async () => void order.push("next batch"));
      return tx.enqueue(a, { kind: "info", text: "a4" }, clock.now().toISOString());
    });
    worker.wake(recipient ? [recipient] : []);
    await vi.waitFor(() => expect(order).toContain("sent a4"));
    expect(order.indexOf("asked")).toBeLessThan(order.indexOf("next batch"));
    await worker.stop();
  });

  it("does not ask again after a recipient's only pending message", async () => {
    await store.markSentMany([2, 3, 4, 5, 6], clock.now().toISOString());
    const got: string[] = [];
    const sender: ChannelSender = { channel: "fake", send: async (d) => void got.push(d.message.text) };
    const { counted, count } = counting("nextSendable");
    const worker = new DeliveryWorker(counted, [sender], clock, silentLog);
    expect(await worker.drain()).toBe(1);
    expect(got).toEqual(["a1"]);
    expect(count.calls).toBe(1);
  });

  // Whoever queues the next message while the only one is in flight, the engine naming the
  // recipient or a look at the whole outbox, the lane must not let the recipient go unasked.
  for (const how of ["named", "whole"] as const) {
    it(`sends what is queued while a recipient's only message is in flight, at once (${how} wake)`, async () => {
      await store.markSentMany([2, 3, 4, 5, 6], clock.now().toISOString());
      let releaseFirst = () => {};
      const firstHeld = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let inFlight = () => {};
      const sending = new Promise<void>((resolve) => {
        inFlight = resolve;
      });
      const got: string[] = [];
      const sender: ChannelSender = {
        channel: "fake",
        send: async (d) => {
          if (d.message.text === "a1") {
            inFlight();
            await firstHeld;
          }
          got.push(d.message.text);
        },
      };
      const worker = new DeliveryWorker(store, [sender], clock, silentLog, { pollMs: 60_000 });
      worker.start();
      await sending;
      const recipient = await store.transaction(async (tx) => {
        const a = (await tx.findIdentity("fake", "a"))?.personId ?? 0;
        return tx.enqueue(a, { kind: "info", text: "a2'" }, clock.now().toISOString());
      });
      worker.wake(how === "named" && recipient ? [recipient] : undefined);
      await new Promise((r) => setTimeout(r, 20));
      releaseFirst();
      await vi.waitFor(() => expect(got).toEqual(["a1", "a2'"]), { timeout: 2_000 });
      await worker.stop();
    });
  }

  it("does not let recipients whose first message waits for a retry hide the others", async () => {
    const now = clock.now().toISOString();
    const later = "2026-11-26T11:00:00.000Z";
    await store.transaction(async (tx) => {
      const c = await tx.createPerson("client", "c", now);
      await tx.saveIdentity(
        { channel: "fake", externalId: "c", personId: c, address: {}, locale: null },
        now,
      );
      await tx.enqueue(c, { kind: "info", text: "c1" }, now);
    });
    // a1 and b1 wait for their retry; a2, a3, b2 and b3 wait behind them. (Waits the platform
    // asked for: a failed attempt's wait would be cut short by the process's first accepted send.)
    await store.markRetry(1, "HTTP 429", later, false);
    await store.markRetry(4, "HTTP 429", later, false);
    const got: string[] = [];
    const sender: ChannelSender = { channel: "fake", send: async (d) => void got.push(d.message.text) };
    // A look lists two recipients at most: a and b must not take both places.
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, { batchSize: 2 });
    expect(await worker.drain()).toBe(1);
    expect(got).toEqual(["c1"]);
  });

  it("sends a recipient's next message at once after one is given up", async () => {
    const got: string[] = [];
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        if (d.message.text === "a1") throw new DeliveryError("HTTP 400 bad request", "permanent");
        got.push(d.message.text);
      },
    };
    // Only a has messages, so nothing else keeps the drain going.
    await store.markSentMany([4, 5, 6], clock.now().toISOString());
    const worker = new DeliveryWorker(store, [sender], clock, silentLog);
    expect(await worker.drain()).toBe(2);
    expect(got).toEqual(["a2", "a3"]);
    expect(statuses().a1).toBe("failed");
  });

  it("never sends a message again because marking it sent failed", async () => {
    let failMark = true;
    const flaky = new Proxy(store, {
      get(target, name, receiver) {
        if (name === "markSentMany" && failMark) {
          return async () => {
            failMark = false;
            throw new Error("SQLITE_BUSY: database is locked");
          };
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const got: string[] = [];
    const sender: ChannelSender = { channel: "fake", send: async (d) => void got.push(d.message.text) };
    const worker = new DeliveryWorker(flaky, [sender], clock, silentLog);
    await worker.drain();
    await worker.drain();
    await worker.drain();
    expect([...got].sort()).toEqual(["a1", "a2", "a3", "b1", "b2", "b3"]);
    expect(Object.values(statuses()).every((s) => s === "sent")).toBe(true);
  });

  it("marks a send that answered after its time-out as sent, instead of sending it again", async () => {
    const started: string[] = [];
    const sender: ChannelSender = {
      channel: "fake",
      send: async (d) => {
        started.push(d.message.text);
        if (d.message.text === "a1") await new Promise((r) => setTimeout(r, 100));
      },
    };
    const worker = new DeliveryWorker(store, [sender], clock, silentLog, { sendTimeoutMs: 20 });
    await worker.drain();
    expect(statuses().a1).toBe("pending");
    await vi.waitFor(() => expect(statuses().a1).toBe("sent"));
    clock.advance(60_000);
    await worker.drain();
    expect(started.filter((t) => t === "a1")).toHaveLength(1);
    expect(started.filter((t) => t.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
  });

  it("backs off fourfold with jitter between three quarters and the whole, within the cap", () => {
    expect(backoffMs(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(backoffMs(3, 1000, 60_000, () => 0.999)).toBe(15_996);
    expect(backoffMs(20, 1000, 60_000, () => 0.999)).toBe(59_985);
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(12_000);
  });
});
