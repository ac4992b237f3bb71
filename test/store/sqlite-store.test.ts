import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import type { Recipient } from "../../src/store/types.js";

describe("SqliteStore", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-store-"));
    path = join(dir, "nested", "rapport.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the folder and file, in WAL mode with foreign keys on, at the latest schema version", () => {
    const store = SqliteStore.open(path);
    const db = store.connection;
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    expect(versions.map((r) => (r as { version: number }).version)).toEqual(MIGRATIONS.map((m) => m.version));
    store.close();
  });

  it("applies migrations once: opening again changes nothing", () => {
    SqliteStore.open(path).close();
    const store = SqliteStore.open(path);
    expect(
      (store.connection.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get() as { n: number }).n,
    ).toBe(MIGRATIONS.length);
    store.close();
  });

  it("refuses a database written by a newer rapport", () => {
    SqliteStore.open(path).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    db.close();
    expect(() => SqliteStore.open(path)).toThrow(/newer than this rapport knows/);
  });

  it("enforces foreign keys and the one-open-check-in rule", async () => {
    const store = SqliteStore.open(path);
    const now = new Date().toISOString();
    await expect(
      store.transaction((tx) => tx.createCheckin(12345, [{ instrument: "alliance", item: "heard" }], now)),
    ).rejects.toThrow(/FOREIGN KEY/);
    const client = await store.transaction(async (tx) => {
      const therapist = await tx.createPerson("therapist", "T", now);
      return tx.createClient(therapist, "alex", now);
    });
    await store.transaction((tx) => tx.createCheckin(client.personId, [], now));
    await expect(store.transaction((tx) => tx.createCheckin(client.personId, [], now))).rejects.toThrow(
      /UNIQUE/,
    );
    store.close();
  });

  it("rolls back every write of a transaction that throws", async () => {
    const store = SqliteStore.open(path);
    const now = new Date().toISOString();
    await expect(
      store.transaction(async (tx) => {
        await tx.createPerson("therapist", "T", now);
        await tx.recordInbound("console", "e1", now);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const db = store.connection;
    expect((db.prepare("SELECT COUNT(*) AS n FROM people").get() as { n: number }).n).toBe(0);
    expect((db.prepare("SELECT COUNT(*) AS n FROM inbound_events").get() as { n: number }).n).toBe(0);
    store.close();
  });

  it("hands out a recipient's messages in order, urgent ones first, and holds later ones behind a pending one", async () => {
    const store = SqliteStore.open(path);
    const now = "2026-11-26T10:00:00.000Z";
    await store.transaction(async (tx) => {
      const a = await tx.createPerson("client", "a", now);
      const b = await tx.createPerson("therapist", "b", now);
      await tx.saveIdentity(
        { channel: "console", externalId: "a", personId: a, address: {}, locale: null },
        now,
      );
      await tx.saveIdentity(
        { channel: "console", externalId: "b", personId: b, address: {}, locale: null },
        now,
      );
      await tx.enqueue(a, { kind: "info", text: "a1" }, now);
      await tx.enqueue(a, { kind: "info", text: "a2" }, now);
      await tx.enqueue(b, { kind: "info", text: "b1" }, now);
      await tx.enqueue(b, { kind: "urgent", text: "b-urgent", urgent: true }, now);
    });
    // b has an urgent message, so b goes first; the key is not the platform id itself.
    const due = await store.sendableRecipients(["console"], now, 10);
    expect(due.map((d) => d.channel)).toEqual(["console", "console"]);
    const [b, a] = due as [Recipient, Recipient];
    const urgent = await store.nextSendable(b, now);
    expect(urgent?.message.text).toBe("b-urgent");
    expect(urgent?.externalId).toBe("b");
    const a1 = await store.nextSendable(a, now);
    expect(a1?.message.text).toBe("a1");
    await store.markSent(urgent?.id ?? 0, now);
    expect((await store.nextSendable(b, now))?.message.text).toBe("b1");
    // a2 waits while a1 waits for its retry.
    await store.markRetry(a1?.id ?? 0, "HTTP 500", "2026-11-26T10:05:00.000Z");
    expect(await store.nextSendable(a, now)).toBeUndefined();
    expect(await store.sendableRecipients(["console"], now, 10)).toContainEqual(b);
    expect(await store.sendableRecipients(["console"], now, 1)).toHaveLength(1);
    expect(await store.nextAttemptAt(["console"])).toBe(now);
    store.close();
  });

  it("keeps a message for someone with no reachable identity as failed, not lost", async () => {
    const store = SqliteStore.open(path);
    const now = new Date().toISOString();
    await store.transaction(async (tx) => {
      const p = await tx.createPerson("therapist", "nobody", now);
      await tx.enqueue(p, { kind: "info", text: "hello" }, now);
    });
    const row = store.connection.prepare("SELECT status, last_error FROM outbox").get();
    expect(row).toEqual({ status: "failed", last_error: "no reachable identity" });
    store.close();
  });
});
