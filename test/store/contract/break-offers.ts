import { describe, expect, it } from "vitest";
import {
  activeClient,
  drainTexts,
  info,
  inTransaction,
  type OpenStore,
  t,
  therapist,
  withStore,
} from "./harness.js";

/**
 * A break rapport offered a client (schema 9): kept on the client until taken back, per client,
 * and read back with them; and when the latest message to a person was queued, which tells
 * whether the offer is still the last thing rapport sent them.
 */
export function breakOfferContract(open: OpenStore): void {
  describe("a break offered", () => {
    it("is kept on the client with its end, or none, per client, until taken back", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        expect((await tx.getClient(alex.personId))?.breakOffer).toBeNull();
        await tx.setBreakOffer(alex.personId, { at: t(1), until: "2027-01-01" });
        await tx.setBreakOffer(bea.personId, { at: t(2), until: null });
        expect((await tx.getClient(alex.personId))?.breakOffer).toEqual({ at: t(1), until: "2027-01-01" });
        expect((await tx.findClient(rivera, "bea"))?.breakOffer).toEqual({ at: t(2), until: null });
        // A later offer replaces the earlier one; taken back, none stands.
        await tx.setBreakOffer(alex.personId, { at: t(3), until: null });
        expect((await tx.getClient(alex.personId))?.breakOffer).toEqual({ at: t(3), until: null });
        await tx.setBreakOffer(alex.personId, null);
        expect((await tx.getClient(alex.personId))?.breakOffer).toBeNull();
        expect((await tx.getClient(bea.personId))?.breakOffer).toEqual({ at: t(2), until: null });
      }));

    it("beside it, a late safety answer asked to be confirmed is kept per client until cleared", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        expect((await tx.getClient(alex.personId))?.safetyConfirmAt).toBeNull();
        await tx.setSafetyConfirm(alex.personId, t(5));
        expect((await tx.getClient(alex.personId))?.safetyConfirmAt).toBe(t(5));
        expect((await tx.getClient(bea.personId))?.safetyConfirmAt).toBeNull();
        await tx.setSafetyConfirm(alex.personId, null);
        expect((await tx.findClient(rivera, "alex"))?.safetyConfirmAt).toBeNull();
      }));

    it("is followed by when the latest message to the person was queued, sent or not", () =>
      withStore(open, async (store) => {
        const [alexId, beaId] = await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          const alex = await activeClient(tx, rivera, "alex");
          const bea = await activeClient(tx, rivera, "bea");
          expect(await tx.lastQueuedAt(alex.personId)).toBeUndefined();
          await tx.enqueue(alex.personId, info("first"), t(1));
          await tx.enqueue(alex.personId, info("second"), t(4));
          await tx.enqueue(bea.personId, info("other"), t(9));
          return [alex.personId, bea.personId];
        });
        // Sent rows keep no content, but still say when they were queued.
        expect((await drainTexts(store, t(10))).sort()).toEqual([
          "alex: first",
          "alex: second",
          "bea: other",
        ]);
        await store.transaction(async (tx) => {
          expect(await tx.lastQueuedAt(alexId)).toBe(t(4));
          expect(await tx.lastQueuedAt(beaId)).toBe(t(9));
        });
      }));
  });
}
