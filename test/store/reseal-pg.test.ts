import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DataKey, parseDataKey } from "../../src/store/field-crypto.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { StoreConversation } from "../helpers/store-conversation.js";
import { tableFilesHolding } from "../support/pg-files.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * Re-sealing on PostgreSQL (src/store/postgres/reseal.ts), as SQLite's: a first key seals a plain
 * database, a new key with the old one beside it moves every value, a key that does not match is
 * refused; in one transaction under the migration lock, refused while a server runs.
 */
const COMMENT = "MY-SECRET-COMMENT-about-the-panic";
const CONTACT = "EMERGENCY-DETAILS-sealed";
const RISK = "RISK-WORDS-kept-sealed";
const QUEUED = "QUEUED-NOTE-for-rivera";
const NEEDLES = [COMMENT, CONTACT, RISK, QUEUED, "zephyrine"];

/** Opens once a server just closed has left the database (its connections end in the background). */
async function waitForOpen(open: () => Promise<PostgresStore>): Promise<PostgresStore> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (attempt > 50 || !/in use by a running rapport serve/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function key(): DataKey {
  return parseDataKey(randomBytes(32).toString("base64"));
}

describe.skipIf("missing" in found)("re-sealing a PostgreSQL database", () => {
  let server: TestPostgres;
  let made = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Every row of every table as text: what anyone reading the database sees. */
  async function contentHolding(url: string, needles: readonly string[]): Promise<string[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = (
        await client.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        )
      ).rows;
      const hits: string[] = [];
      for (const { name } of tables) {
        const text = (
          await client.query<{ t: string | null }>(`SELECT string_agg(x::text, ' ') AS t FROM ${name} x`)
        ).rows[0]?.t;
        for (const n of needles) if (text?.includes(n)) hits.push(`${name}: ${n}`);
      }
      return hits;
    } finally {
      await client.end();
    }
  }

  /** A practice on a database of its own: a check-in with a comment, risk words, a contact, a queued message. */
  async function practice(keys: DataKey[]): Promise<{ name: string; url: string }> {
    const name = `reseal_${++made}`;
    const url = await server.createDatabase(name);
    const c = new StoreConversation(await PostgresStore.open(url, new Date(), { keys, poolSize: 4 }));
    await c.enrol("rivera", "zephyrine");
    await c.say("rivera", "checkin zephyrine");
    await c.answerAll("zephyrine", [9, 9, 9, 9, 6, 6, 6, 6, "no"], COMMENT);
    await c.say("zephyrine", `${RISK}, I've been stockpiling my pills`);
    await c.say("rivera", `contact zephyrine ${CONTACT}`);
    // Queued and not sent: re-sealed with its address and recipient hash.
    await c.store.transaction(async (tx) => {
      const rivera = await tx.findIdentity("console", "rivera");
      await tx.enqueue(rivera?.personId ?? 0, { kind: "info", text: QUEUED }, "2026-11-26T09:00:00.000Z");
    });
    await c.close();
    return { name, url };
  }

  /** What the client and the therapist read afterwards, and the queued message delivered. */
  async function readBack(url: string, keys: DataKey[]) {
    const store = await PostgresStore.open(url, new Date(), { keys, poolSize: 4 });
    const c = new StoreConversation(store);
    await c.worker.drain();
    const queued = c.delivered.find((d) => d.message.text === QUEUED);
    const [mydata] = await c.say("zephyrine", "mydata");
    const [summary] = await c.say("rivera", "summary zephyrine");
    await c.close();
    return { queued, mydata: mydata?.message.text ?? "", summary: summary?.message.text ?? "", store };
  }

  it("seals a plain database when the first key is set, leaving no value in clear in the tables or their files", async () => {
    const { name, url } = await practice([]);
    expect(await contentHolding(url, NEEDLES)).toEqual(expect.arrayContaining([`checkins: ${COMMENT}`]));
    const k = key();
    const store = await PostgresStore.open(url, new Date(), { keys: [k] });
    expect(store.resealed).toBeGreaterThan(10);
    store.close();
    expect(await contentHolding(url, NEEDLES)).toEqual([]);
    // The clear values of before were in the old row versions: the tables were rewritten.
    expect(await tableFilesHolding(server, name, NEEDLES)).toEqual([]);

    const after = await readBack(url, [k]);
    expect(after.queued?.externalId).toBe("rivera");
    expect(after.mydata).toContain(`comment: ${COMMENT}`);
    expect(after.mydata).toContain(`Name here: zephyrine`);
    expect(after.mydata).toContain(`${RISK}, I've been stockpiling my pills`);
    expect(after.mydata).toContain(`Emergency details your therapist recorded: ${CONTACT}`);
    expect(after.summary).toContain("zephyrine · episode since");
    expect(after.store.resealed).toBeNull();
  });

  it("moves every value to a new key with the old one beside it; the old key alone, or a wrong one, is refused", async () => {
    const old = key();
    const { url } = await practice([old]);
    const next = key();
    await expect(PostgresStore.open(url, new Date(), { keys: [next] })).rejects.toThrow(
      `the database is sealed with key ${old.id}, not ${next.id} (RAPPORT_DATA_KEY). If the database was moved to key ${old.id} (rotate-key), set RAPPORT_DATA_KEY to that key; to move it to this key, run \`rapport rotate-key --old OLD_KEY\` with OLD_KEY the key ${old.id}`,
    );
    // An --old that is not the key in use is told so, not told to run rotate-key again.
    await expect(PostgresStore.open(url, new Date(), { keys: [next, key()] })).rejects.toThrow(
      /neither key given is that one .*--old must be the key the database is sealed with now/,
    );
    const rotated = await PostgresStore.open(url, new Date(), { keys: [next, old] });
    expect(rotated.resealed).toBeGreaterThan(10);
    rotated.close();
    await expect(PostgresStore.open(url, new Date(), { keys: [old] })).rejects.toThrow(
      `the database is sealed with key ${next.id}, not ${old.id}`,
    );
    await expect(PostgresStore.open(url)).rejects.toThrow(
      `the database is sealed with key ${next.id}: set RAPPORT_DATA_KEY to that key`,
    );
    const after = await readBack(url, [next]);
    expect(after.queued?.externalId).toBe("rivera");
    expect(after.mydata).toContain(`comment: ${COMMENT}`);
    expect(after.summary).toContain("zephyrine · episode since");
  });

  it("is refused while a server runs on the database, and changes nothing then", async () => {
    const old = key();
    const { url } = await practice([old]);
    const serving = await PostgresStore.open(url, new Date(), { keys: [old], purpose: "serve" });
    const next = key();
    await expect(PostgresStore.open(url, new Date(), { keys: [next, old] })).rejects.toThrow(
      `RAPPORT_DATA_KEY: this instance has a new key, but the database in use by a running rapport serve is sealed with key ${old.id}`,
    );
    serving.close();
    await serving.vacuumed();
    const still = await PostgresStore.open(url, new Date(), { keys: [old] });
    expect(still.resealed).toBeNull();
    still.close();
    // A server starting with the new key re-seals (its own session does not count against it); a
    // second server with that key then opens beside it with nothing to re-seal.
    const server2 = await waitForOpen(() =>
      PostgresStore.open(url, new Date(), { keys: [next, old], purpose: "serve" }),
    );
    expect(server2.resealed).toBeGreaterThan(10);
    const server3 = await PostgresStore.open(url, new Date(), { keys: [next], purpose: "serve" });
    expect(server3.resealed).toBeNull();
    server3.close();
    server2.close();
  });

  it("refuses a new instance with a key beside a server on an unencrypted database, naming RAPPORT_DATA_KEY", async () => {
    const { url } = await practice([]);
    const serving = await PostgresStore.open(url, new Date(), { purpose: "serve" });
    await expect(PostgresStore.open(url, new Date(), { keys: [key()], purpose: "serve" })).rejects.toThrow(
      "RAPPORT_DATA_KEY: this instance has a key, but the database in use by a running rapport serve is not encrypted",
    );
    serving.close();
    await serving.vacuumed();
  });

  it("re-seals once when two instances start together with the new key: the second waits and finds it done", async () => {
    const old = key();
    const { url } = await practice([old]);
    const next = key();
    const stores = await Promise.all(
      [1, 2].map(() => PostgresStore.open(url, new Date(), { keys: [next, old] })),
    );
    for (const s of stores) s.close();
    expect(stores.map((s) => s.resealed === null).sort()).toEqual([false, true]);
    const after = await readBack(url, [next]);
    expect(after.mydata).toContain(`comment: ${COMMENT}`);
  });
});
