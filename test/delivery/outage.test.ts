import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramChannel } from "../../adapters/telegram/telegram-channel.js";
import { ManualClock } from "../../src/clock.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import type { OutboundMessage } from "../../src/model.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { silentLog } from "../helpers/conversation.js";
import { waitFor } from "../support/wait.js";

/**
 * A platform that refuses the bot's token, or is down for a while, through the real Telegram
 * sender over loopback HTTP into a real SQLite outbox: nothing urgent, and nothing on the risk
 * path, is given up, and the channel's health says what is going on.
 */
describe("delivery while the platform refuses the bot or is down", () => {
  let dir: string;
  let store: SqliteStore;
  let fake: FakeTelegram;
  const clock = new ManualClock(new Date("2026-12-05T10:00:00Z"));
  const chatId = 8001;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-outage-"));
    store = SqliteStore.open(join(dir, "r.db"));
    fake = new FakeTelegram();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function queue(messages: OutboundMessage[]): Promise<void> {
    const now = clock.now().toISOString();
    await store.transaction(async (tx) => {
      const therapist = await tx.createPerson("therapist", "Dr Rivera", now);
      const { personId } = await tx.createClient(therapist, "alex", now);
      await tx.setClientStatus(personId, "active");
      await tx.saveIdentity(
        { channel: "telegram", externalId: String(chatId), personId, address: { chatId }, locale: null },
        now,
      );
      for (const m of messages) await tx.enqueue(personId, m, now);
    });
  }

  function worker(): DeliveryWorker {
    const { sender } = createTelegramChannel({ token: "123456:OUTAGE", apiRoot: fake.url }, silentLog);
    return new DeliveryWorker(store, [sender], clock, silentLog, { sendTimeoutMs: 5_000 });
  }

  const outbox = () =>
    store.connection.prepare("SELECT status, attempts FROM outbox ORDER BY id").all() as {
      status: string;
      attempts: number;
    }[];

  const delivered = () =>
    fake
      .sent()
      .filter((c) => Number(c.body.chat_id) === chatId && c.result !== undefined)
      .map((c) => String(c.body.text));

  it("keeps every message queued, uncounted, while the Bot API refuses the token (401)", async () => {
    await queue([
      { kind: "urgent", urgent: true, text: "crisis contacts" },
      { kind: "info", riskPath: true, text: "thank you for telling me" },
      { kind: "info", text: "an ordinary line" },
    ]);
    for (let i = 0; i < 5; i++) fake.failNext("sendMessage", 401, "Unauthorized");
    const w = worker();
    for (let round = 0; round < 5; round++) {
      await w.drain();
      expect(w.deliveryHealth("telegram")).toBe("refused");
      clock.advance(61_000);
    }
    expect(outbox().map((r) => [r.status, r.attempts])).toEqual([
      ["pending", 0],
      ["pending", 0],
      ["pending", 0],
    ]);
    // One message at a time asks whether the token is still refused; the rest wait.
    expect(fake.sent().length).toBe(5);
    await w.drain();
    expect(delivered()).toEqual(["<b>⚠️</b> crisis contacts", "thank you for telling me", "an ordinary line"]);
    expect(w.deliveryHealth("telegram")).toBe("ok");
  });

  it("keeps a risk-path message through an outage and reports the channel failing until a send succeeds", async () => {
    await queue([
      { kind: "info", riskPath: true, text: "thank you for telling me" },
      { kind: "info", text: "an ordinary line" },
    ]);
    for (let i = 0; i < 40; i++) fake.failNext("sendMessage", 502, "Bad Gateway");
    const w = worker();
    await w.drain();
    expect(w.deliveryHealth("telegram")).toBe("ok");
    // Forty failed attempts, each up to a minute apart: far more than delivery.maxAttempts.
    for (let round = 0; round < 39; round++) {
      clock.advance(61_000);
      await w.drain();
      expect(w.deliveryHealth("telegram")).toBe("failing");
    }
    const rows = outbox();
    expect(rows[0]).toMatchObject({ status: "pending" });
    expect(rows[0]?.attempts).toBeGreaterThan(8);
    clock.advance(61_000);
    await w.drain();
    expect(delivered()).toEqual(["thank you for telling me", "an ordinary line"]);
    expect(w.deliveryHealth("telegram")).toBe("ok");
  });

  /** Fails alex's one message five times in an outage of about six minutes: its next try is 13 to 17 minutes away. */
  async function outage(w: DeliveryWorker): Promise<void> {
    await queue([{ kind: "question", text: "How was this week?", choices: [{ label: "7", value: "7" }] }]);
    for (let i = 0; i < 5; i++) fake.failNext("sendMessage", 502, "Bad Gateway");
    await w.drain();
    for (let i = 0; i < 4; i++) {
      clock.advance(300_000);
      await w.drain();
    }
    expect(outbox()).toEqual([{ status: "pending", attempts: 5 }]);
    expect(delivered()).toEqual([]);
  }

  /** A message for the therapist: the first send that goes once the platform is back. */
  async function toTherapist(): Promise<void> {
    await store.transaction(async (tx) => {
      const now = clock.now().toISOString();
      await tx.saveIdentity(
        { channel: "telegram", externalId: "9001", personId: 1, address: { chatId: 9001 }, locale: null },
        now,
      );
      await tx.enqueue(1, { kind: "info", text: "a summary" }, now);
    });
  }

  it("sends a client's waiting question as soon as the platform takes messages again", async () => {
    const w = worker();
    w.start();
    try {
      await outage(w);
      await toTherapist();
      w.wake();
      // The clock stands still: only bringing the question forward can send it now.
      await waitFor(() => delivered().length > 0);
      expect(delivered()).toEqual(["How was this week?"]);
    } finally {
      await w.stop();
    }
  });

  it("sends them on the first accepted message of a process started after the outage", async () => {
    const before = worker();
    await outage(before);
    await before.stop();
    const after = worker();
    await toTherapist();
    await after.drain();
    await after.drain();
    expect(delivered()).toEqual(["How was this week?"]);
  });

  it("probes a failing channel once a minute with a waiting message, counting only the failures of its own retries", async () => {
    const w = worker();
    await outage(w);
    const tries = () => fake.sent().filter((c) => Number(c.body.chat_id) === chatId).length;
    const before = tries();
    // Twenty more minutes down: one early try a minute, none of them counted.
    for (let minute = 0; minute < 20; minute++) {
      fake.failNext("sendMessage", 502, "Bad Gateway");
      clock.advance(61_000);
      await w.drain();
    }
    expect(tries() - before).toBe(20);
    // Only its own retry, due 13 to 17 minutes after the fifth, was counted.
    expect(outbox()).toEqual([{ status: "pending", attempts: 6 }]);
    expect(w.deliveryHealth("telegram")).toBe("failing");
    // Back: the question goes within the minute, hours before its own retry was due.
    clock.advance(61_000);
    await w.drain();
    expect(delivered()).toEqual(["How was this week?"]);
    expect(w.deliveryHealth("telegram")).toBe("ok");
  });
});
