import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { ChannelHealth } from "../../src/delivery/channel-health.js";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import { type RecoveryOptions, SendRecovery } from "../../src/delivery/recovery.js";
import { SentMarks } from "../../src/delivery/sent-marks.js";
import type { BroughtForward } from "../../src/store/store.js";
import type { OutboxRow } from "../../src/store/types.js";
import { silentLog } from "../helpers/conversation.js";
import { sleep, waitFor } from "../support/wait.js";

const NOW = new Date("2026-11-26T10:00:00Z");

const row = (over: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 5,
  personId: 1,
  channel: "fake",
  externalId: "alex",
  address: {},
  message: { kind: "info", text: "hello" },
  attempts: 0,
  ...over,
});

/** A send that answers when the test says: resolve or reject it by hand. */
function heldSend() {
  let answer: { resolve: () => void; reject: (e: unknown) => void } = { resolve: () => {}, reject: () => {} };
  const sender: ChannelSender = {
    channel: "fake",
    send: () =>
      new Promise<void>((resolve, reject) => {
        answer = { resolve, reject };
      }),
  };
  return { sender, answer: () => answer };
}

const failing = (error: unknown): ChannelSender => ({
  channel: "fake",
  send: async () => {
    throw error;
  },
});

/** SendRecovery over a store that records what it is told, on a clock that stands still. */
function setup(options: Partial<RecoveryOptions> = {}) {
  const calls: string[] = [];
  /** What bringForward was asked, and how many rows it says were waiting. */
  const forward = { asked: [] as string[], waiting: [] as BroughtForward[] };
  const store = {
    bringForward: async (channel: string, now: string, limit?: number) => {
      forward.asked.push(`${channel} at ${now}${limit ? `, ${limit}` : ""}`);
      return forward.waiting.slice(0, limit);
    },
    markSentMany: async (ids: readonly number[]) => void calls.push(`sent ${ids.join(",")}`),
    markRetry: async (id: number, _error: string, next: string, counts?: boolean) =>
      void calls.push(`retry ${id} at ${next} counts ${counts}`),
    markFailed: async (id: number, error: string) => void calls.push(`failed ${id}: ${error}`),
  };
  const clock = new ManualClock(NOW);
  const woken = vi.fn();
  const recovery = new SendRecovery(
    store,
    new SentMarks(store, clock, silentLog),
    clock,
    silentLog,
    { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, sendTimeoutMs: 30, ...options },
    woken,
    new ChannelHealth(),
  );
  return { recovery, calls, woken, forward, clock };
}

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe("a send's recovery", () => {
  it("reports a send the platform accepted in time as sent, and writes nothing", async () => {
    const { recovery, calls } = setup();
    expect(await recovery.attempt({ channel: "fake", send: async () => {} }, row())).toBe("sent");
    expect(calls).toEqual([]);
  });

  it("counts a send that hangs past the time-out as failed, and marks it sent when it answers late", async () => {
    const { recovery, calls, woken } = setup();
    const { sender, answer } = heldSend();
    expect(await recovery.attempt(sender, row())).toBe("later");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^retry 5 at .* counts true$/);
    expect(woken).not.toHaveBeenCalled();
    answer().resolve();
    await waitFor(() => woken.mock.calls.length > 0);
    expect(woken).toHaveBeenCalledTimes(1);
    expect(calls.slice(1)).toEqual(["sent 5"]);
  });

  it("neither marks nor wakes for a send that fails after its time-out", async () => {
    const { recovery, calls, woken } = setup();
    const { sender, answer } = heldSend();
    expect(await recovery.attempt(sender, row())).toBe("later");
    answer().reject(new DeliveryError("HTTP 500", "retry"));
    await sleep(20);
    expect(woken).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
  });

  it("retries after the platform's own wait without counting an attempt", async () => {
    const { recovery, calls } = setup();
    expect(await recovery.attempt(failing(new DeliveryError("HTTP 429", "retry", 7_000)), row())).toBe(
      "later",
    );
    expect(calls).toEqual([`retry 5 at ${at(7_000)} counts false`]);
  });

  it("settles an unreachable recipient, and the last failed attempt, through settle", async () => {
    const settled: string[] = [];
    const { recovery, calls } = setup({
      settle: async (r, outcome, error) => void settled.push(`${r.id} ${outcome} ${error}`),
    });
    const blocked = failing(new DeliveryError("HTTP 403", "unreachable"));
    expect(await recovery.attempt(blocked, row())).toBe("final");
    expect(await recovery.attempt(failing(new Error("ECONNRESET")), row({ id: 6, attempts: 2 }))).toBe(
      "final",
    );
    expect(settled).toEqual(["5 unreachable DeliveryError: HTTP 403", "6 failed Error: ECONNRESET"]);
    expect(calls).toEqual([]);
  });

  it("only marks a permanent failure failed, without the therapist's notice", async () => {
    const settle = vi.fn(async () => {});
    const { recovery, calls } = setup({ settle });
    const refused = failing(new DeliveryError("HTTP 400", "permanent"));
    expect(await recovery.attempt(refused, row())).toBe("final");
    expect(settle).not.toHaveBeenCalled();
    expect(calls).toEqual(["failed 5: DeliveryError: HTTP 400"]);
  });

  it("marks a message failed without settle when none is given", async () => {
    const { recovery, calls } = setup();
    expect(await recovery.attempt(failing(new DeliveryError("HTTP 403", "unreachable")), row())).toBe(
      "final",
    );
    expect(calls).toEqual(["failed 5: DeliveryError: HTTP 403"]);
  });

  it("brings the channel's waiting messages forward when it sends again, and only then", async () => {
    const { recovery, woken, forward, clock } = setup();
    const ok: ChannelSender = { channel: "fake", send: async () => {} };
    // The first accepted send of the process: it may have started after an outage.
    forward.waiting = [
      { id: 20, due: at(3_600_000) },
      { id: 21, due: at(7_200_000) },
    ];
    expect(await recovery.attempt(ok, row())).toBe("sent");
    await waitFor(() => woken.mock.calls.length > 0);
    expect(forward.asked).toEqual([`fake at ${at(0)}`]);
    // Sending as usual: no store write.
    await recovery.attempt(ok, row({ id: 6 }));
    // A wait the platform asked for is no outage.
    await recovery.attempt(failing(new DeliveryError("HTTP 429", "retry", 7_000)), row({ id: 7 }));
    await recovery.attempt(ok, row({ id: 8 }));
    expect(forward.asked).toHaveLength(1);
    // A failed send, then an accepted one: the channel is back.
    await recovery.attempt(failing(new DeliveryError("HTTP 502", "retry")), row({ id: 9 }));
    clock.advance(600_000);
    await recovery.attempt(ok, row({ id: 10 }));
    expect(forward.asked).toEqual([`fake at ${at(0)}`, `fake at ${at(600_000)}`]);
    await waitFor(() => woken.mock.calls.length > 1);
    // Nothing was waiting: nothing to wake for.
    forward.waiting = [];
    await recovery.attempt(failing(new DeliveryError("HTTP 502", "retry")), row({ id: 11 }));
    await recovery.attempt(ok, row({ id: 12 }));
    await sleep(20);
    expect(forward.asked).toHaveLength(3);
    expect(woken).toHaveBeenCalledTimes(2);
  });

  it("gives a message tried early and failing back its own next attempt, not counting it", async () => {
    const { recovery, calls, forward, clock } = setup();
    forward.waiting = [{ id: 20, due: at(3_600_000) }];
    await recovery.attempt(failing(new DeliveryError("HTTP 502", "retry")), row({ id: 9 }));
    clock.advance(61_000);
    await recovery.probeFailing();
    expect(forward.asked).toEqual([`fake at ${at(61_000)}, 1`]);
    await recovery.attempt(failing(new DeliveryError("HTTP 502", "retry")), row({ id: 20, attempts: 1 }));
    expect(calls.at(-1)).toBe(`retry 20 at ${at(3_600_000)} counts false`);
    // Its next failure is an ordinary one again: counted, with its backoff.
    clock.advance(3_600_000);
    await recovery.attempt(failing(new DeliveryError("HTTP 502", "retry")), row({ id: 20, attempts: 1 }));
    expect(calls.at(-1)).toMatch(/^retry 20 at .* counts true$/);
    // A 429 on an early try keeps to the platform's wait when that is the longer.
    forward.waiting = [{ id: 30, due: at(3_600_000 + 61_000 + 1_000) }];
    clock.advance(61_000);
    await recovery.probeFailing();
    const pacing = new DeliveryError("HTTP 429", "retry", 10_000);
    await recovery.attempt(failing(pacing), row({ id: 30, attempts: 2 }));
    expect(calls.at(-1)).toBe(`retry 30 at ${at(3_600_000 + 61_000 + 61_000 + 10_000)} counts false`);
  });
});
