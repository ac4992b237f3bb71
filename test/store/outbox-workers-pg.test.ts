import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import type { ChannelSender } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import type { PostgresOptions } from "../../src/store/postgres/pool.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import type { Recipient } from "../../src/store/types.js";
import { silentLog } from "../helpers/conversation.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { sleep, waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** One send as the platform saw it: who sent it, which row, to whom, and when it began and ended. */
interface Sent {
  instance: string;
  id: number;
  to: string;
  text: string;
  began: number;
  ended: number;
}

/**
 * Two instances on one database, each with its store (a pool of its own, as two processes have)
 * and its delivery worker, sending through one platform that records every send: nothing is sent
 * twice, each recipient's messages arrive in order and never from both at once, and a row left
 * claimed by an instance that died is sent by the other once the claim runs out.
 */
describe.skipIf("missing" in found)("two delivery workers on one PostgreSQL database", () => {
  let server: TestPostgres;
  let made = 0;
  let url = "";
  let stores: PostgresStore[] = [];
  let workers: DeliveryWorker[] = [];
  let sent: Sent[] = [];
  /** Orders the platform's events (a send begins, a send ends) across both workers. */
  let tick = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    for (const store of stores) store.close();
    stores = [];
    workers = [];
    sent = [];
  });

  const now = () => systemClock.now().toISOString();

  async function instance(options: PostgresOptions = {}): Promise<PostgresStore> {
    const store = await PostgresStore.open(url, new Date(), { poolSize: 4, ...options });
    stores.push(store);
    return store;
  }

  /** A worker on `store` whose platform takes a few milliseconds per message, as a real one would. */
  function worker(store: PostgresStore, name: string): DeliveryWorker {
    const sender: ChannelSender = {
      channel: "test",
      send: async (d) => {
        const began = ++tick;
        await sleep(Math.random() * 4);
        sent.push({
          instance: name,
          id: d.outboxId,
          to: d.externalId,
          text: d.message.text,
          began,
          ended: ++tick,
        });
      },
    };
    // A short poll, so the test need not wait a second for rows the other instance queued.
    const w = new DeliveryWorker(store, [sender], systemClock, silentLog, { pollMs: 50 });
    workers.push(w);
    return w;
  }

  const queue = (store: PostgresStore, to: string, text: string) =>
    store.transaction(
      async (tx) => (await tx.enqueueDirect("test", to, {}, { kind: "info", text }, now())) as Recipient,
    );

  it("sends a burst to many recipients once each, in order per recipient, never to one from both at once", async () => {
    url = await server.createDatabase(`workers_${++made}`);
    const [a, b] = [await instance(), await instance()];
    const [wa, wb] = [worker(a, "a"), worker(b, "b")];
    wa.start();
    wb.start();
    const RECIPIENTS = 30;
    const EACH = 6;
    // Round by round, each message queued by one instance or the other, which wakes its own worker
    // for it (as serve does); the other finds it by its poll.
    for (let k = 1; k <= EACH; k++) {
      await Promise.all(
        Array.from({ length: RECIPIENTS }, async (_, i) => {
          const [store, w] = (i + k) % 2 === 0 ? [a, wa] : [b, wb];
          w.wake([await queue(store, `r${i}`, `r${i} ${k}`)]);
        }),
      );
    }
    const total = RECIPIENTS * EACH;
    await waitFor(() => sent.length >= total, {
      timeoutMs: 30_000,
      failure: () => `${sent.length} of ${total} sent`,
    });
    await Promise.all(workers.map((w) => w.stop()));

    expect(sent).toHaveLength(total);
    expect(new Set(sent.map((s) => s.id)).size).toBe(total);
    for (let i = 0; i < RECIPIENTS; i++) {
      const theirs = sent.filter((s) => s.to === `r${i}`).sort((x, y) => x.began - y.began);
      expect(theirs.map((s) => s.text)).toEqual(Array.from({ length: EACH }, (_, k) => `r${i} ${k + 1}`));
      // One send to them at a time: each ends before the next begins, whichever instance sends.
      for (let n = 1; n < theirs.length; n++)
        expect(theirs[n]?.began).toBeGreaterThan(theirs[n - 1]?.ended ?? Number.POSITIVE_INFINITY);
    }
    expect(new Set(sent.map((s) => s.instance))).toEqual(new Set(["a", "b"]));
    const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({
      channel: "test",
      recipient: `r${i}`,
    }));
    // The fake records a send before the worker's mark of it commits: the last marks are waited for.
    const marked = async () =>
      (await Promise.all(recipients.map((r) => a.pending(r)))).every((p) => p.length === 0);
    await waitFor(marked, { failure: () => "a sent message is not marked sent" });
    for (const r of recipients) expect(await a.pending(r)).toEqual([]);
  });

  it("leaves a recipient to the instance that holds a live claim on their first message", async () => {
    url = await server.createDatabase(`workers_${++made}`);
    const [live, b] = [await instance(), await instance()];
    const alex = await queue(live, "alex", "alex 1");
    await queue(live, "alex", "alex 2");
    await queue(live, "sam", "sam 1");
    const claimed = await live.nextSendable(alex, now());
    const wb = worker(b, "b");
    expect(await wb.drain()).toBe(1);
    expect(sent.map((s) => s.text)).toEqual(["sam 1"]);
    // Sent and marked by the instance that claimed it: the rest of theirs may go from anyone.
    await live.markSent(claimed?.id ?? 0, now());
    expect(await wb.drain()).toBe(1);
    expect(sent.map((s) => s.text)).toEqual(["sam 1", "alex 2"]);
  });

  it("sends the row of an instance killed mid-send from the other once the claim runs out, once", async () => {
    url = await server.createDatabase(`workers_${++made}`);
    const killed = await instance({ claimLeaseMs: 500 });
    const b = await instance();
    const alex = await queue(killed, "alex", "alex 1");
    await queue(killed, "alex", "alex 2");
    // Taken to be sent, never marked: the process died with the send in flight.
    const claimed = await killed.nextSendable(alex, now());
    killed.close();
    worker(b, "b").start();
    await waitFor(() => sent.length >= 2, { failure: () => `${sent.length} of 2 sent` });
    expect(sent.map((s) => [s.id, s.text])).toEqual([
      [claimed?.id, "alex 1"],
      [(claimed?.id ?? 0) + 1, "alex 2"],
    ]);
    // The fake records a send before the worker's mark of it commits: the mark is waited for.
    await waitFor(async () => (await b.pending(alex)).length === 0, {
      failure: () => "alex 2 not marked sent",
    });
    expect(await b.pending(alex)).toEqual([]);
  });
});
