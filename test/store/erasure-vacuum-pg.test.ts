import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { StoreConversation } from "../helpers/store-conversation.js";
import { tableFilesHolding } from "../support/pg-files.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * An erasure on PostgreSQL leaves no byte of the client in the table files once it has
 * committed and the tables it reached are rewritten (src/store/postgres/erasure-vacuum.ts). Without
 * a data key, so that what is left would show in clear. The erased client's check-in is the last
 * one written, so its row lies lowest in its page: the case a plain VACUUM leaves behind.
 */
const COMMENT = "PANIC-ATTACKS-on-the-night-bus";
const CONTACT = "sister-Marta-0151-000";
const NEEDLES = [COMMENT, "zephyrine", CONTACT, "want to die"];

describe.skipIf("missing" in found)("erasure on PostgreSQL", () => {
  let server: TestPostgres;
  let made = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Two clients with a check-in each; the second, erased later, also disclosed risk and has a contact. */
  async function practice(vacuumAfterErasure: boolean) {
    const name = `erasure_${++made}`;
    await server.createDatabase(name);
    const store = await PostgresStore.open(server.url(name), new Date(), { poolSize: 4, vacuumAfterErasure });
    const c = new StoreConversation(store);
    await c.enrol("rivera", "alex");
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 8, 8, 9, 6, 6, 5, 6, "no"], "a good week");
    await c.enrol("rivera", "zephyrine");
    await c.say("rivera", "checkin zephyrine");
    await c.answerAll("zephyrine", [9, 8, 7, 9, 5, 5, 4, 5, "no"], COMMENT);
    await c.say("zephyrine", "i want to die");
    await c.say("rivera", `contact zephyrine ${CONTACT}`);
    expect(await tableFilesHolding(server, name, NEEDLES)).toEqual(
      expect.arrayContaining([`checkins: ${COMMENT}`, `clients: ${CONTACT}`]),
    );
    return { name, store, c };
  }

  async function forget(c: StoreConversation): Promise<void> {
    const [question] = await c.say("zephyrine", "forget");
    const done = await c.press("zephyrine", "erase", question?.message.ref);
    expect(done.length).toBeGreaterThan(0);
  }

  it("leaves nothing of the client in the table and index files once the erasure's rewrite is done", async () => {
    const { name, store, c } = await practice(true);
    await forget(c);
    await store.vacuumed();
    expect(await tableFilesHolding(server, name, NEEDLES)).toEqual([]);
    // The other client is untouched.
    expect(await tableFilesHolding(server, name, ["a good week", "alex"])).toEqual(
      expect.arrayContaining(["checkins: a good week"]),
    );
    await c.close();
  });

  it("without the rewrite, the erased rows' old versions stay readable; a plain VACUUM leaves them too", async () => {
    const { name, store, c } = await practice(false);
    await forget(c);
    await store.vacuumed();
    expect(await tableFilesHolding(server, name, NEEDLES)).toContain(`checkins: ${COMMENT}`);
    // VACUUM frees the dead rows' space without overwriting it: the lowest row of a page stays.
    const admin = new pg.Client({ connectionString: server.url(name) });
    await admin.connect();
    await admin.query("VACUUM");
    await admin.end();
    expect(await tableFilesHolding(server, name, NEEDLES)).toContain(`checkins: ${COMMENT}`);
    await c.close();
  });
});
