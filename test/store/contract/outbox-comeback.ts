import { describe, expect, it } from "vitest";
import { at, drainTexts, info, type OpenStore, t, therapist, withStore } from "./harness.js";

/** A channel sending again after an outage: what waits for a retry on it may go at once. */
export function outboxComebackContract(open: OpenStore): void {
  describe("the outbox when a channel is sending again", () => {
    it("brings forward the channel's failed messages, not a wait the platform asked for, nor another channel's", () =>
      withStore(open, async (store) => {
        const [rivera, , night, slack] = await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          const night = await therapist(tx, "night");
          return [
            await tx.enqueue(rivera, info("one"), at),
            await tx.enqueue(rivera, info("two"), at),
            await tx.enqueue(night, info("paced"), at),
            await tx.enqueueDirect("slack", "U1", { user: "U1" }, info("on slack"), at),
          ];
        });
        const first = async (recipient: typeof rivera) => {
          const [row] = await store.pending(recipient ?? { channel: "none", recipient: "none" });
          return row?.id ?? 0;
        };
        await store.markRetry(await first(rivera), "HTTP 502", t(60));
        await store.markRetry(await first(night), "429", t(30), false);
        await store.markRetry(await first(slack), "HTTP 502", t(60));
        expect(await drainTexts(store, t(2), ["console", "slack"])).toEqual([]);

        expect(await store.bringForward("console", t(2))).toEqual([{ id: await first(rivera), due: t(60) }]);
        expect(await drainTexts(store, t(2), ["console", "slack"])).toEqual(["rivera: one", "rivera: two"]);
        expect(await store.nextAttemptAt(["console"])).toBe(t(30));
        expect(await store.nextAttemptAt(["slack"])).toBe(t(60));
        // Nothing is waiting any more: a second call changes nothing.
        expect(await store.bringForward("console", t(3))).toEqual([]);
      }));

    it("brings forward only as many as asked, those due soonest", () =>
      withStore(open, async (store) => {
        const recipients = await store.transaction(async (tx) => {
          const queued = [];
          for (const name of ["ana", "ben", "cy"])
            queued.push(await tx.enqueue(await therapist(tx, name), info(name), at));
          return queued;
        });
        const ids: number[] = [];
        for (const [i, recipient] of recipients.entries()) {
          const [row] = await store.pending(recipient ?? { channel: "none", recipient: "none" });
          ids.push(row?.id ?? 0);
          await store.markRetry(row?.id ?? 0, "HTTP 502", t([90, 30, 60][i] ?? 0));
        }
        expect(await store.bringForward("console", t(1), 1)).toEqual([{ id: ids[1], due: t(30) }]);
        expect(await drainTexts(store, t(1))).toEqual(["ben: ben"]);
        expect(await store.bringForward("console", t(2), 1)).toEqual([{ id: ids[2], due: t(60) }]);
        expect(await store.nextAttemptAt(["console"])).toBe(t(2));
      }));
  });
}
