import { describe, expect, it } from "vitest";
import type { Recipient, Store } from "../../../src/store/types.js";
import { at, drainTexts, info, linkConsole, type OpenStore, t, therapist, withStore } from "./harness.js";

/** The recipient that `sendableRecipients` lists first, which must exist. */
async function firstRecipient(store: Store, now: string, channels = ["console"]): Promise<Recipient> {
  const [recipient] = await store.sendableRecipients(channels, now, 10);
  if (!recipient) throw new Error("no sendable recipient");
  return recipient;
}

/** Both sides of the outbox: queueing in a transaction, and the delivery worker's reads and marks. */
export function outboxContract(open: OpenStore): void {
  describe("the outbox", () => {
    it("queues messages per recipient in order, and marks them sent", () =>
      withStore(open, async (store) => {
        const personId = await store.transaction(async (tx) => {
          const person = await therapist(tx);
          await tx.enqueue(person, info("first"), at);
          await tx.enqueue(
            person,
            { kind: "question", text: "second", choices: [{ label: "Yes", value: "y" }] },
            at,
          );
          return person;
        });
        const recipient = await firstRecipient(store, t(1));
        expect(recipient.channel).toBe("console");
        const first = await store.nextSendable(recipient, t(1));
        expect(first).toMatchObject({
          personId,
          channel: "console",
          externalId: "rivera",
          address: { name: "rivera" },
          message: { kind: "info", text: "first" },
          attempts: 0,
        });
        await store.markSent(first?.id ?? 0, t(1));
        const second = await store.nextSendable(recipient, t(1));
        expect(second?.message).toEqual({
          kind: "question",
          text: "second",
          choices: [{ label: "Yes", value: "y" }],
        });
        await store.markSentMany([second?.id ?? 0], t(1));
        expect(await store.nextSendable(recipient, t(1))).toBeUndefined();
        expect(await store.sendableRecipients(["console"], t(1), 10)).toEqual([]);
        expect((await store.transaction((tx) => tx.clinicStatus())).queued).toBe(0);
      }));

    it("says whom a message was queued for, and whether it is the recipient's only pending one", () =>
      withStore(open, async (store) => {
        const queuedTo = await store.transaction(async (tx) => {
          const person = await therapist(tx);
          return [
            await tx.enqueue(person, info("first"), at),
            await tx.enqueue(person, info("second"), at),
            await tx.enqueueDirect("console", "stranger", { name: "stranger" }, info("hello"), at),
            // No reachable identity: nobody to send to.
            await tx.enqueue(await tx.createPerson("client", "nobody", at), info("lost"), at),
          ];
        });
        const listed = await store.sendableRecipients(["console"], t(1), 10);
        expect(queuedTo.slice(0, 3)).toEqual([listed[0], listed[0], listed[1]]);
        expect(queuedTo[3]).toBeUndefined();
        const [rivera, stranger] = listed as [Recipient, Recipient];
        expect((await store.nextSendable(stranger, t(1)))?.last).toBe(true);
        const first = await store.nextSendable(rivera, t(1));
        expect(first?.last).toBe(false);
        // A message waiting for its retry still counts as pending.
        const second = (await store.pending(rivera))[1];
        await store.markRetry(second?.id ?? 0, "HTTP 500", t(5));
        await store.markSent(first?.id ?? 0, t(1));
        expect(await store.nextSendable(rivera, t(1))).toBeUndefined();
        expect((await store.nextSendable(rivera, t(5)))?.last).toBe(true);
      }));

    it("sends to the identity asked for when it is the person's and reachable, else the latest seen", () =>
      withStore(open, async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
          const night = await therapist(tx, "night");
          await linkConsole(tx, rivera, "desk", t(1));
          await linkConsole(tx, rivera, "phone", t(2));
          const desk = await tx.findIdentity("console", "desk");
          const nights = await tx.findIdentity("console", "night");
          await tx.enqueue(rivera, info("latest"), t(3));
          await tx.enqueue(rivera, info("via desk"), t(3), desk);
          await tx.enqueue(rivera, info("via another's"), t(3), nights);
          await tx.markUnreachable("console", "phone", t(4));
          await tx.enqueue(rivera, info("phone blocked"), t(5));
          await tx.enqueue(night, info("for night"), t(5));
        });
        expect(await drainTexts(store, t(10))).toEqual([
          "desk: via desk",
          "night: for night",
          "desk: phone blocked",
        ]);
      }));

    it("answers a stranger at the address they wrote from", () =>
      withStore(open, async (store) => {
        await store.transaction((tx) =>
          tx.enqueueDirect("telegram", "999", { chatId: 999 }, info("who are you?"), at),
        );
        const recipient = await firstRecipient(store, at, ["telegram"]);
        expect(await store.nextSendable(recipient, at)).toMatchObject({
          personId: null,
          channel: "telegram",
          externalId: "999",
          address: { chatId: 999 },
          message: { text: "who are you?" },
        });
        expect(await store.sendableRecipients(["console"], at, 10)).toEqual([]);
      }));

    it("lists recipients with an urgent message first, then by their oldest message, on the channels asked", () =>
      withStore(open, async (store) => {
        await store.transaction(async (tx) => {
          for (const name of ["ames", "bo", "cy"]) await therapist(tx, name);
          const ames = (await tx.findIdentity("console", "ames"))?.personId ?? 0;
          const bo = (await tx.findIdentity("console", "bo"))?.personId ?? 0;
          const cy = (await tx.findIdentity("console", "cy"))?.personId ?? 0;
          await tx.enqueue(bo, info("bo 1"), t(1));
          await tx.enqueue(ames, info("ames 1"), t(2));
          await tx.enqueue(cy, info("cy 1"), t(3));
          await tx.enqueue(cy, info("cy urgent", true), t(4));
          await tx.enqueueDirect("slack", "U9", {}, info("slack"), t(0));
          await tx.enqueueDirect("console", "later", {}, info("not yet"), t(30));
        });
        const names = async (channels: string[], limit = 10) => {
          const recipients = await store.sendableRecipients(channels, t(5), limit);
          const rows = await Promise.all(recipients.map((r) => store.nextSendable(r, t(5))));
          return rows.map((r) => r?.externalId);
        };
        expect(await names(["console"])).toEqual(["cy", "bo", "ames"]);
        expect(await names(["console"], 2)).toEqual(["cy", "bo"]);
        expect(await names(["console", "slack"])).toEqual(["cy", "bo", "ames", "U9"]);
        expect(await names([])).toEqual([]);
        // Urgent first within a recipient too; then in order.
        expect(await drainTexts(store, t(5))).toEqual([
          "cy: cy urgent",
          "bo: bo 1",
          "ames: ames 1",
          "cy: cy 1",
        ]);
        expect(await drainTexts(store, t(30))).toEqual(["later: not yet"]);
      }));

    it("holds a recipient's later messages behind one waiting to be retried; an urgent one does not wait", () =>
      withStore(open, async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          await tx.enqueue(rivera, info("first"), at);
          await tx.enqueue(rivera, info("second"), at);
        });
        const recipient = await firstRecipient(store, at);
        const first = await store.nextSendable(recipient, at);
        await store.markRetry(first?.id ?? 0, "timeout", t(10));
        expect(await store.nextSendable(recipient, t(5))).toBeUndefined();
        expect(await store.sendableRecipients(["console"], t(5), 10)).toEqual([]);
        expect(await store.nextAttemptAt(["console"])).toBe(t(10));
        expect(await store.nextAttemptAt(["slack"])).toBeUndefined();
        expect(await store.nextAttemptAt([])).toBeUndefined();
        await store.transaction(async (tx) =>
          tx.enqueue((await tx.findIdentity("console", "rivera"))?.personId ?? 0, info("crisis", true), t(5)),
        );
        expect((await store.nextSendable(recipient, t(5)))?.message.text).toBe("crisis");
        expect(await drainTexts(store, t(5))).toEqual(["rivera: crisis"]);
        // The retry counts an attempt; a wait the platform asked for (a 429) does not.
        const again = await store.nextSendable(recipient, t(10));
        expect(again).toMatchObject({ id: first?.id, attempts: 1 });
        await store.markRetry(first?.id ?? 0, "429", t(12), false);
        expect(await store.nextAttemptAt(["console"])).toBe(t(12));
        expect((await store.nextSendable(recipient, t(12)))?.attempts).toBe(1);
        expect(await drainTexts(store, t(12))).toEqual(["rivera: first", "rivera: second"]);
        expect(await store.nextAttemptAt(["console"])).toBeUndefined();
      }));

    it("lists a recipient's pending messages in send order, retries waiting included, without taking them", () =>
      withStore(open, async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          const night = await therapist(tx, "night");
          for (const text of ["one", "two", "three"]) await tx.enqueue(rivera, info(text), at);
          await tx.enqueue(rivera, info("urgent", true), t(1));
          await tx.enqueue(night, info("for night"), at);
        });
        const recipient = await firstRecipient(store, t(1));
        const texts = async () => (await store.pending(recipient)).map((r) => r.message.text);
        expect(await texts()).toEqual(["urgent", "one", "two", "three"]);
        expect(await texts()).toEqual(["urgent", "one", "two", "three"]);
        const [urgent, one, two] = await store.pending(recipient);
        expect(urgent).toMatchObject({ externalId: "rivera", address: { name: "rivera" }, attempts: 0 });
        expect((await store.nextSendable(recipient, t(1)))?.id).toBe(urgent?.id);
        await store.markSent(urgent?.id ?? 0, t(1));
        await store.transaction((tx) => tx.failDelivery(one?.id ?? 0, "gave up", t(2)));
        await store.markRetry(two?.id ?? 0, "timeout", t(60));
        // "two" waits for its retry, and "three" behind it: neither may go now, both are pending.
        expect(await store.nextSendable(recipient, t(2))).toBeUndefined();
        expect((await store.pending(recipient)).map((r) => [r.message.text, r.attempts])).toEqual([
          ["two", 1],
          ["three", 0],
        ]);
        const [night] = (await store.sendableRecipients(["console"], t(2), 10)).filter(
          (r) => r.recipient !== recipient.recipient,
        );
        expect((await store.pending(night ?? recipient)).map((r) => r.message.text)).toEqual(["for night"]);
        expect(await store.pending({ channel: "slack", recipient: recipient.recipient })).toEqual([]);
      }));

    it("gives a message up, from the worker or in a transaction; the next one of the recipient goes", () =>
      withStore(open, async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          for (const text of ["one", "two", "three"]) await tx.enqueue(rivera, info(text), at);
        });
        const recipient = await firstRecipient(store, at);
        const one = await store.nextSendable(recipient, at);
        await store.markFailed(one?.id ?? 0, "400 bad request", at);
        const two = await store.nextSendable(recipient, at);
        expect(two?.message.text).toBe("two");
        await store.transaction((tx) => tx.failDelivery(two?.id ?? 0, "gave up", at));
        expect((await store.nextSendable(recipient, at))?.message.text).toBe("three");
        expect(await store.transaction((tx) => tx.clinicStatus())).toMatchObject({ queued: 1, failed: 2 });
      }));

    it("fails the pending messages of an identity marked unreachable; another identity still gets new ones", () =>
      withStore(open, async (store) => {
        await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          await linkConsole(tx, rivera, "old-phone", t(-1));
          await tx.enqueue(rivera, info("one"), at);
          await tx.enqueue(rivera, info("two"), at);
          await tx.markUnreachable("console", "rivera", t(1));
          await tx.enqueue(rivera, info("three"), t(2));
        });
        expect(await store.transaction((tx) => tx.clinicStatus())).toMatchObject({ queued: 1, failed: 2 });
        expect(await drainTexts(store, t(5))).toEqual(["old-phone: three"]);
        await store.transaction(async (tx) => {
          await tx.markUnreachable("console", "old-phone", t(6));
          await tx.enqueue((await tx.findIdentity("console", "rivera"))?.personId ?? 0, info("four"), t(7));
        });
        expect(await drainTexts(store, t(10))).toEqual([]);
        expect((await store.transaction((tx) => tx.clinicStatus())).failed).toBe(3);
      }));

    it("answers a ping while open, and takes no more work once closed", () =>
      withStore(open, async (store) => {
        await expect(store.ping()).resolves.toBeUndefined();
        store.close();
        await expect(store.ping()).rejects.toThrow();
        await expect(store.transaction((tx) => tx.getPerson(1))).rejects.toThrow();
      }));
  });
}
