import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";

/**
 * The store contract: what any Store implementation must do, asserted through the Store and Tx
 * interfaces only (no SQL). SQLite runs it (store-contract.test.ts); a second store is held to
 * the same suite. It grows method by method; what it does not cover yet is tested through the
 * engine.
 */
export function runStoreContract(
  name: string,
  open: () => Promise<{ store: Store; close: () => void }>,
): void {
  const at = "2026-12-01T10:00:00.000Z";
  const later = "2026-12-01T10:05:00.000Z";

  async function withStore(test: (store: Store) => Promise<void>): Promise<void> {
    const { store, close } = await open();
    try {
      await test(store);
    } finally {
      close();
    }
  }

  describe(`store contract: ${name}`, () => {
    it("records an inbound event id once", () =>
      withStore(async (store) => {
        expect(await store.transaction((tx) => tx.recordInbound("telegram", "u1", at))).toBe(true);
        expect(await store.transaction((tx) => tx.recordInbound("telegram", "u1", later))).toBe(false);
        expect(await store.transaction((tx) => tx.recordInbound("slack", "u1", later))).toBe(true);
      }));

    it("keeps identities by channel and platform id, with their address, and finds them again", () =>
      withStore(async (store) => {
        const found = await store.transaction(async (tx) => {
          const person = await tx.createPerson("therapist", "Dr Rivera", at);
          await tx.saveIdentity(
            {
              channel: "telegram",
              externalId: "735",
              personId: person,
              address: { chatId: 735 },
              locale: "en",
            },
            at,
          );
          return tx.findIdentity("telegram", "735");
        });
        expect(found).toMatchObject({ channel: "telegram", externalId: "735", address: { chatId: 735 } });
        expect(await store.transaction((tx) => tx.findIdentity("slack", "735"))).toBeUndefined();
      }));

    it("creates a client with an alias unique per therapist, found by alias and by id", () =>
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
          const night = await tx.createPerson("therapist", "Dr Night", at);
          const alex = await tx.createClient(rivera, "alex", at);
          expect(alex).toMatchObject({ alias: "alex", therapistId: rivera, status: "invited" });
          expect((await tx.findClient(rivera, "alex"))?.personId).toBe(alex.personId);
          expect(await tx.findClient(night, "alex")).toBeUndefined();
          expect((await tx.getClient(alex.personId))?.alias).toBe("alex");
          // The same alias under another therapist is another client.
          const other = await tx.createClient(night, "alex", at);
          expect(other.personId).not.toBe(alex.personId);
        });
      }));

    it("keeps a code until used, and withdraws a person's unused codes of a kind", () =>
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          const person = await tx.createPerson("therapist", "Dr Rivera", at);
          await tx.createCode("h1", "link", person, at, "2026-12-08T10:00:00.000Z");
          expect(await tx.findCode("h1")).toMatchObject({ kind: "link", personId: person, usedAt: null });
          await tx.useCode("h1", later);
          expect((await tx.findCode("h1"))?.usedAt).toBe(later);
          await tx.createCode("h2", "link", person, at, "2026-12-08T10:00:00.000Z");
          await tx.revokeCodes(person, "link");
          expect(await tx.findCode("h2")).toBeUndefined();
          expect(await tx.findCode("h1")).toBeDefined();
        });
      }));

    it("runs a check-in: one open at a time, answers kept in the plan's order, completed with its comment", () =>
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
          const alex = await tx.createClient(rivera, "alex", at);
          await tx.setClientStatus(alex.personId, "active");
          const plan = [
            { instrument: "progress", item: "personal" },
            { instrument: "progress", item: "overall" },
          ];
          const checkin = await tx.createCheckin(alex.personId, plan, at);
          expect((await tx.openCheckin(alex.personId))?.id).toBe(checkin.id);
          await tx.saveAnswer(checkin.id, { instrument: "progress", item: "overall", value: 6.5 }, at);
          await tx.saveAnswer(checkin.id, { instrument: "progress", item: "personal", value: 4 }, at);
          await tx.completeCheckin(checkin.id, "a hard week", later);
          expect(await tx.openCheckin(alex.personId)).toBeUndefined();
          const [done] = await tx.completedCheckins(alex.personId);
          expect(done?.comment).toBe("a hard week");
          expect(done?.answers.map((a) => [a.item, a.value])).toEqual([
            ["personal", 4],
            ["overall", 6.5],
          ]);
        });
      }));

    it("queues messages per recipient in order, and marks them sent", () =>
      withStore(async (store) => {
        const personId = await store.transaction(async (tx) => {
          const person = await tx.createPerson("therapist", "Dr Rivera", at);
          await tx.saveIdentity(
            {
              channel: "console",
              externalId: "rivera",
              personId: person,
              address: { name: "rivera" },
              locale: null,
            },
            at,
          );
          await tx.enqueue(person, { kind: "info", text: "first" }, at);
          await tx.enqueue(person, { kind: "info", text: "second" }, at);
          return person;
        });
        const [recipient] = await store.sendableRecipients(["console"], later, 10);
        expect(recipient).toBeDefined();
        const first = await store.nextSendable(recipient as NonNullable<typeof recipient>, later);
        expect(first).toMatchObject({ personId, externalId: "rivera", message: { text: "first" } });
        await store.markSent(first?.id ?? 0, later);
        const second = await store.nextSendable(recipient as NonNullable<typeof recipient>, later);
        expect(second?.message.text).toBe("second");
      }));
  });
}
