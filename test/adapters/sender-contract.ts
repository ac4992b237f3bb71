import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import type { Address, Delivery } from "../../src/model.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { silentLog } from "../helpers/conversation.js";
import { sleep, until } from "../support/wait.js";

/**
 * A channel's sender on the real platform client, against the fake of its platform on loopback,
 * and what the fake can be told to do wrong. Each fault applies to the next call only.
 */
export interface SenderUnderTest {
  sender: ChannelSender;
  /** The one recipient the contract sends to: their id and address on the platform. */
  recipient: { externalId: string; address: Address };
  /**
   * How many calls the platform's client makes within one send before it gives up: a fault must
   * come this often in a row to reach the worker. 1 for Telegram and Slack (rapport turns their
   * clients' retries off); Teams' Bot Connector client retries a 429, a 5xx and a dropped
   * connection 3 times itself, with no setting in botbuilder's CloudAdapter to turn that off.
   */
  callsPerSend: number;
  /** Messages the platform accepted for the recipient: what the person sees. */
  delivered(): number;
  /** Calls that reached the platform to send to the recipient, answered or not. */
  calls(): number;
  /** The next call answers 429 with this Retry-After. */
  rateLimitNext(retryAfterSeconds: number): void;
  /** The next call answers as when the person blocked the bot or the bot left the conversation. */
  blockNext(): void;
  /** The next call answers this 5xx status. */
  serverErrorNext(status: number): void;
  /** The next call's connection is dropped without an answer. */
  resetNext(): void;
  /** Calls wait until the returned function is called. */
  hold(): () => void;
  /** Stops the fake: connections are refused from now on. */
  stop(): Promise<void>;
}

/**
 * What the delivery worker needs from every channel's sender (src/delivery/channel-sender.ts):
 * the platform's "slow down" becomes a retry after its wait, a person who cannot be reached
 * becomes unreachable (given up at once, the therapist told), a platform in trouble and a network
 * failure become a retry, and a send that times out is retried without reaching the person twice,
 * or marked sent when it succeeds late. Run for Telegram, Slack and Teams against their fakes.
 */
export function runSenderContract(name: string, setup: () => Promise<SenderUnderTest>): void {
  describe(`${name} sender contract`, () => {
    let p: SenderUnderTest;
    beforeEach(async () => {
      p = await setup();
    });
    afterEach(() => p.stop());

    const delivery = (): Delivery => ({
      outboxId: 1,
      channel: p.sender.channel,
      ...p.recipient,
      message: { kind: "info", text: "Thanks, see you next week." },
    });
    const repeat = (fault: () => void) => {
      for (let i = 0; i < p.callsPerSend; i++) fault();
    };
    /** What the send threw: it must be the worker's DeliveryError, keeping the platform's error. */
    const failure = async (): Promise<DeliveryError> => {
      const error = await p.sender.send(delivery()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).cause).toBeDefined();
      return error as DeliveryError;
    };
    /** A retry that finds the platform well again reaches the person exactly once. */
    const retryDeliversOnce = async () => {
      expect(p.delivered()).toBe(0);
      await p.sender.send(delivery());
      expect(p.delivered()).toBe(1);
    };

    it("delivers a message with one call", async () => {
      await p.sender.send(delivery());
      expect([p.delivered(), p.calls()]).toEqual([1, 1]);
    });

    it("429 with Retry-After: retry after the platform's wait", async () => {
      repeat(() => p.rateLimitNext(2));
      const error = await failure();
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBe(2_000);
      await retryDeliversOnce();
    });

    it("blocked, or the bot out of the conversation: unreachable", async () => {
      p.blockNext();
      const error = await failure();
      expect(error.outcome).toBe("unreachable");
      expect(error.retryAfterMs).toBeUndefined();
      expect([p.delivered(), p.calls()]).toEqual([0, 1]);
    });

    it("a 5xx: retry with backoff", async () => {
      repeat(() => p.serverErrorNext(503));
      const error = await failure();
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBeUndefined();
      await retryDeliversOnce();
    });

    it("a connection reset: retry", async () => {
      repeat(() => p.resetNext());
      const error = await failure();
      expect(error.outcome).toBe("retry");
      await retryDeliversOnce();
    });

    it("a connection refused: retry", async () => {
      await p.stop();
      const error = await failure();
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBeUndefined();
    });

    describe("through the worker, with a time-out", () => {
      let dir: string;
      let store: SqliteStore;
      let worker: DeliveryWorker;
      const clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));
      const status = () =>
        (store.connection.prepare("SELECT status FROM outbox WHERE id = 1").get() as { status: string })
          .status;

      beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), "rapport-contract-"));
        store = SqliteStore.open(join(dir, "r.db"));
        const now = clock.now().toISOString();
        await store.transaction(async (tx) => {
          const id = await tx.createPerson("client", "alex", now);
          await tx.saveIdentity(
            { channel: p.sender.channel, personId: id, locale: null, ...p.recipient },
            now,
          );
          await tx.enqueue(id, { kind: "info", text: "Thanks, see you next week." }, now);
        });
        worker = new DeliveryWorker(store, [p.sender], clock, silentLog, { sendTimeoutMs: 300 });
      });
      afterEach(() => {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      });

      it("a send that answers after its time-out is marked sent, not sent again", async () => {
        const release = p.hold();
        expect(await worker.drain()).toBe(0);
        expect(status()).toBe("pending");
        release();
        expect(await until(() => status() === "sent")).toBe(true);
        clock.advance(600_000);
        expect(await worker.drain()).toBe(0);
        expect([p.delivered(), p.calls()]).toEqual([1, 1]);
      });

      it("a send that times out and then fails is retried, and reaches the person once", async () => {
        repeat(() => p.serverErrorNext(503));
        const release = p.hold();
        expect(await worker.drain()).toBe(0);
        release();
        // The late failure arrives (after the client's own retries) and changes nothing.
        expect(await until(() => p.calls() === p.callsPerSend)).toBe(true);
        await sleep(100);
        expect([status(), p.delivered()]).toEqual(["pending", 0]);
        clock.advance(600_000);
        expect(await worker.drain()).toBe(1);
        expect([status(), p.delivered(), p.calls()]).toEqual(["sent", 1, p.callsPerSend + 1]);
      });
    });
  });
}
