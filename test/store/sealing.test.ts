import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type DataKey, parseDataKey } from "../../src/store/field-crypto.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { Conversation } from "../helpers/conversation.js";
import { sqliteOnly } from "../helpers/sqlite-only.js";

/**
 * With RAPPORT_DATA_KEY every health value is sealed and bound to its place: a sealed value
 * copied to another row does not open there, text that looks sealed stays text, and values of
 * the earlier form are re-sealed when the file is opened.
 */
const open: Conversation[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function key(): DataKey {
  return parseDataKey(randomBytes(32).toString("base64"));
}

function conversation(keys: DataKey[] = []): Conversation {
  const c = new Conversation({}, "console", keys);
  open.push(c);
  return c;
}

/** Reopens a conversation's file with other keys (the store of `c` is closed first). */
function reopen(c: Conversation, keys: DataKey[]): SqliteStore {
  c.sqlite.close();
  return SqliteStore.open(c.dbPath, c.clock.now(), { keys });
}

async function column(c: Conversation, sql: string): Promise<unknown[]> {
  return (await c.rows<{ v: unknown }>(sql)).map((r) => r.v);
}

/** Re-sealing a database opened again with other keys is built for SQLite only. */
const reopening = sqliteOnly(
  "re-sealing on PostgreSQL is not built; its refusals are in postgres-open.test.ts",
);

describe("sealed values", () => {
  it("seals answers, the safety answer, assessments, warnings, repeat control and risk words", async () => {
    const c = conversation([key()]);
    await c.enrol("rivera", "alex");
    await c.say("rivera", "checkin alex");
    // A low alliance: the check-in raises a warning.
    await c.answerAll("alex", [2, 3, 2, 3, 5, 5, 4, 5, "no"], "not sure this helps");
    await c.say("alex", "honestly whats the point anymore");
    await c.say("alex", "no");
    const sealed = {
      answers: await column(c, "SELECT value AS v FROM answers"),
      assessment: await column(c, "SELECT assessment AS v FROM checkins WHERE assessment IS NOT NULL"),
      rules: await column(c, "SELECT rule AS v FROM warnings"),
      severity: await column(c, "SELECT severity AS v FROM warnings"),
      ruleStates: await column(c, "SELECT state AS v FROM rule_states"),
      words: await column(c, "SELECT content AS v FROM risk_events"),
      safetyAnswer: await column(
        c,
        "SELECT safety_answer AS v FROM risk_events WHERE safety_answer IS NOT NULL",
      ),
    };
    for (const [name, values] of Object.entries(sealed)) {
      expect(values.length, name).toBeGreaterThan(0);
      for (const v of values) expect(String(v), name).toMatch(/^enc2:[0-9a-f]{8}:/);
    }
    // Still all readable through the store: the therapist's summary shows the scores and the concern.
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toMatch(/alliance/i);
    expect(summary?.message.text).toContain("whats the point anymore");
  });

  it("does not open a sealed value moved to another row (an address or an alias swapped)", async () => {
    const c = conversation([key()]);
    await c.enrol("rivera", "alex");
    const addresses = await column(c, "SELECT address AS v FROM identities ORDER BY person_id");
    expect(addresses).toHaveLength(2);
    expect(addresses[0]).not.toBe(addresses[1]);
    // The client's address copied onto the therapist's identity: rapport must not write there.
    await c.rows(
      "UPDATE identities SET address = (SELECT address FROM identities i2 WHERE i2.person_id != identities.person_id LIMIT 1)",
    );
    await expect(c.say("rivera", "clients")).rejects.toThrow(/does not open here/);
  });

  reopening("keeps a client's text that looks sealed as text when the first key is set", async () => {
    const c = conversation();
    await c.enrol("rivera", "alex");
    await c.say("rivera", "checkin alex");
    const lookalike = "enc1:deadbeef:AAAAAAAAAAAAAAAA:BBBBBBBBBBBBBBBBBBBBBBBB";
    await c.answerAll("alex", [9, 9, 9, 9, 6, 6, 6, 6, "no"], lookalike);
    const store = reopen(c, [key()]);
    expect(store.resealed).toBeGreaterThan(0);
    const comment = await store.transaction(async (tx) => {
      const client = await tx.findIdentity("console", "alex");
      return (await tx.completedCheckins(client?.personId ?? 0))[0]?.comment;
    });
    store.close();
    expect(comment).toBe(lookalike);
  });

  reopening(
    "re-seals values of the earlier form (sealed without their place) when opened with their key",
    async () => {
      const c = conversation();
      await c.enrol("rivera", "alex");
      const k = key();
      const db = c.sqlite.connection;
      // The earlier version: AES-GCM with the raw key, no associated data; no sealing row.
      const legacy = (plain: string) => {
        const nonce = randomBytes(12);
        const cipher = createCipheriv("aes-256-gcm", k.key, nonce);
        const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
        return `enc1:${k.id}:${nonce.toString("base64")}:${body.toString("base64")}`;
      };
      for (const row of db.prepare("SELECT rowid, address FROM identities").all() as {
        rowid: number;
        address: string;
      }[]) {
        db.prepare("UPDATE identities SET address = ? WHERE rowid = ?").run(legacy(row.address), row.rowid);
      }
      db.prepare("UPDATE people SET name = ? WHERE role = 'client'").run(legacy("alex"));
      db.prepare("DELETE FROM sealing").run();
      const store = reopen(c, [k]);
      expect(store.resealed).toBeGreaterThan(0);
      const found = await store.transaction(async (tx) => tx.findIdentity("console", "alex"));
      const client = await store.transaction(async (tx) => tx.getClient(found?.personId ?? 0));
      const raw = store.connection.prepare("SELECT name FROM people WHERE role = 'client'").get() as {
        name: string;
      };
      store.close();
      expect(client?.alias).toBe("alex");
      expect(raw.name).toMatch(/^enc2:/);
    },
  );

  reopening("refuses a database sealed with a key that is not given, naming RAPPORT_DATA_KEY", async () => {
    const k = key();
    const c = conversation([k]);
    await c.enrol("rivera", "alex");
    expect(() => reopen(c, [])).toThrow(/sealed with key [0-9a-f]{8}: set RAPPORT_DATA_KEY/);
    expect(() => SqliteStore.open(c.dbPath, c.clock.now(), { keys: [key()] })).toThrow(/rotate-key --old/);
    // After a rotation, the old key still configured is told to set the new one: running rotate-key
    // as the message said would move the database back.
    expect(() => SqliteStore.open(c.dbPath, c.clock.now(), { keys: [key()] })).toThrow(
      `If the database was moved to key ${k.id} (rotate-key), set RAPPORT_DATA_KEY to that key`,
    );
    // rotate-key with an --old that is not the key in use is told so, not told to run rotate-key.
    const opened = () => SqliteStore.open(c.dbPath, c.clock.now(), { keys: [key(), key()] });
    expect(opened).toThrow(
      /neither key given is that one .*--old must be the key the database is sealed with now/,
    );
    expect(opened).not.toThrow(/run `rapport rotate-key/);
    // Opened again with its key, everything is there.
    const store = SqliteStore.open(c.dbPath, c.clock.now(), { keys: [k] });
    expect(await store.transaction(async (tx) => tx.findIdentity("console", "alex"))).toBeDefined();
    store.close();
  });
});

describe("keyed hashes", () => {
  it("hashes code attempts and event ids with a key of the database, and keeps event ids a day", async () => {
    const first = conversation();
    const second = conversation();
    for (const c of [first, second]) {
      await c.send(
        c.event("U0SECRETUSER", { kind: "text", text: "start WRONG-CODE-1" }, "action:U0SECRETUSER:1"),
      );
    }
    const hash = async (c: Conversation) =>
      (await column(c, "SELECT sender_hash AS v FROM code_attempts"))[0];
    const fixedKey = createHmac("sha256", "rapport-code-attempts")
      .update("console:U0SECRETUSER")
      .digest("hex")
      .slice(0, 32);
    expect(await hash(first)).toBeDefined();
    expect(await hash(first)).not.toBe(await hash(second));
    expect(String(await hash(first)).startsWith(fixedKey)).toBe(false);
    const events = await column(first, "SELECT event_id AS v FROM inbound_events");
    expect(events.length).toBe(1);
    expect(String(events[0])).not.toContain("U0SECRETUSER");
    expect(String(events[0])).not.toBe(createHash("sha256").update("action:U0SECRETUSER:1").digest("hex"));
    // The same event again is still a duplicate...
    const again = await first.send(
      first.event("U0SECRETUSER", { kind: "text", text: "start WRONG-CODE-1" }, "action:U0SECRETUSER:1"),
    );
    expect(again.result).toBe("duplicate");
    // ...until the redelivery window has passed: then the row is gone.
    await first.tick(25 * 3_600_000);
    expect(await first.count("SELECT COUNT(*) AS n FROM inbound_events")).toBe(0);
    expect(await first.count("SELECT COUNT(*) AS n FROM code_attempts")).toBe(0);
  });

  it("gives the erasure's audit row the day only", async () => {
    const c = conversation();
    await c.enrol("rivera", "alex");
    await c.say("rivera", "discharge alex --erase --confirm");
    expect(await column(c, "SELECT at AS v FROM audit WHERE event = 'client_erased'")).toEqual([
      "2026-11-26",
    ]);
  });

  it("keys export pseudonyms per database, not with the data key's text", async () => {
    const a = conversation();
    const b = conversation();
    await Promise.all([a.ready(), b.ready()]);
    expect(a.store.pseudonym(1)).toMatch(/^p-[0-9a-f]{12}$/);
    expect(a.store.pseudonym(1)).not.toBe(b.store.pseudonym(1));
    expect(a.store.pseudonym(1)).toBe(a.store.pseudonym(1));
  });
});
