import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEND_TIMEOUT_MS } from "../../src/delivery/worker-options.js";
import { CLAIM_LEASE_MS, type PostgresOptions } from "../../src/store/postgres/pool.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import type { Recipient } from "../../src/store/types.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * The outbox's sending side with two instances on one database (a pool each, as two processes):
 * the row one takes is claimed for it until it is marked or its lease runs out, and a recipient
 * with a live claim of another instance on any of their rows is left to that instance.
 */
describe.skipIf("missing" in found)("claims on outbox rows on PostgreSQL", () => {
  const at = "2026-12-01T10:00:00.000Z";
  const later = "2026-12-01T11:00:00.000Z";
  let server: TestPostgres;
  let made = 0;
  let url = "";
  let open: PostgresStore[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    for (const store of open) store.close();
    open = [];
  });

  async function instance(options: PostgresOptions = {}): Promise<PostgresStore> {
    const store = await PostgresStore.open(url, new Date(), { poolSize: 3, ...options });
    open.push(store);
    return store;
  }

  async function twoInstances(options: PostgresOptions = {}): Promise<[PostgresStore, PostgresStore]> {
    url = await server.createDatabase(`claims_${++made}`);
    return [await instance(options), await instance()];
  }

  /** Queues `text` for `to` (urgent if told); returns the recipient as the outbox names them. */
  const queue = (store: PostgresStore, to: string, text: string, urgent = false) =>
    store.transaction(async (tx) => {
      const recipient = await tx.enqueueDirect("test", to, {}, { kind: "info", text, urgent }, at);
      return recipient as Recipient;
    });
  const textOf = async (store: PostgresStore, r: Recipient) =>
    (await store.nextSendable(r, at))?.message.text;

  it("leaves a row another instance took to it, and the recipient's later rows behind it, until it is marked", async () => {
    const [a, b] = await twoInstances();
    const alex = await queue(a, "alex", "alex 1");
    await queue(b, "alex", "alex 2");
    const sam = await queue(b, "sam", "sam 1");

    const taken = await a.nextSendable(alex, at);
    expect(taken?.message.text).toBe("alex 1");
    expect(await b.nextSendable(alex, at)).toBeUndefined();
    expect(await b.sendableRecipients(["test"], at, 10)).toEqual([sam]);
    // Its own claim is no obstacle to the instance that holds it.
    expect(await a.sendableRecipients(["test"], at, 10)).toEqual([alex, sam]);
    expect((await a.nextSendable(alex, at))?.id).toBe(taken?.id);

    await a.markSent(taken?.id ?? 0, at);
    const next = await b.nextSendable(alex, at);
    expect(next).toMatchObject({ last: true, message: { text: "alex 2" } });
    expect(await a.nextSendable(alex, at)).toBeUndefined();
  });

  it("holds an urgent row back from another instance while a row of the same recipient is claimed", async () => {
    const [a, b] = await twoInstances();
    const alex = await queue(a, "alex", "ordinary");
    expect(await textOf(a, alex)).toBe("ordinary");
    await queue(b, "alex", "urgent", true);
    // Urgent rows do not wait behind ordinary ones, but two instances never send to one person at once.
    expect(await b.nextSendable(alex, at)).toBeUndefined();
    expect(await textOf(a, alex)).toBe("urgent");
  });

  it("frees a row with a retry or a failure, for any instance to take", async () => {
    const [a, b] = await twoInstances();
    const alex = await queue(a, "alex", "alex 1");
    await queue(a, "alex", "alex 2");
    const first = await a.nextSendable(alex, at);
    await a.markRetry(first?.id ?? 0, "timeout", at, false);
    const again = await b.nextSendable(alex, at);
    expect(again?.id).toBe(first?.id);
    expect(await a.nextSendable(alex, at)).toBeUndefined();
    await b.markFailed(again?.id ?? 0, "gone", at);
    expect(await textOf(a, alex)).toBe("alex 2");
    expect(await b.nextSendable(alex, later)).toBeUndefined();
  });

  it("lets another instance take a row whose claim has run out (its instance was killed mid-send)", async () => {
    const [killed, b] = await twoInstances({ claimLeaseMs: 300 });
    const alex = await queue(killed, "alex", "alex 1");
    const taken = await killed.nextSendable(alex, at);
    killed.close();
    expect(await b.nextSendable(alex, at)).toBeUndefined();
    await waitFor(async () => (await b.nextSendable(alex, at))?.id === taken?.id);
  });

  it("gives the rows an instance took but did not send to the others when it stops", async () => {
    const [stopping, b] = await twoInstances();
    const alex = await queue(stopping, "alex", "alex 1");
    const sam = await queue(stopping, "sam", "sam 1");
    await stopping.nextSendable(alex, at);
    const sent = await stopping.nextSendable(sam, at);
    await stopping.markSent(sent?.id ?? 0, at);
    expect(await b.nextSendable(alex, at)).toBeUndefined();
    expect(await stopping.releaseClaims()).toBe(1);
    expect(await textOf(b, alex)).toBe("alex 1");
  });

  it("never gives a row of one recipient to both instances when they ask at the same moment", async () => {
    const [a, b] = await twoInstances();
    let taken = 0;
    for (let round = 1; round <= 25; round++) {
      // An ordinary row and an urgent one after it: both may go first, so both are candidates.
      const r = await queue(a, `r${round}`, "ordinary");
      await queue(b, `r${round}`, "urgent", true);
      const both = await Promise.all([a.nextSendable(r, at), b.nextSendable(r, at)]);
      const got = both.filter((row) => row !== undefined);
      expect(got.length).toBeLessThanOrEqual(1);
      taken += got.length;
    }
    expect(taken).toBeGreaterThan(0);
  });

  it("holds a claim longer than the worker may take over a send, with a margin", () => {
    expect(CLAIM_LEASE_MS).toBeGreaterThanOrEqual(DEFAULT_SEND_TIMEOUT_MS + 30_000);
  });
});
