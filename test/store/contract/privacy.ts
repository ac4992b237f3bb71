import { describe, expect, it } from "vitest";
import {
  activeClient,
  at,
  completed,
  inTransaction,
  linkConsole,
  type OpenStore,
  t,
  therapist,
  twoCaseloads,
} from "./harness.js";

/** What a client may see, requests to forget or erase, and what is kept of strangers (erasure: erasure.ts). */
export function privacyContract(open: OpenStore): void {
  describe("client data and requests to forget", () => {
    it("keeps a client's request to be forgotten and a therapist's erase awaiting confirmation", () =>
      inTransaction(open, async (tx) => {
        const { rivera, night, alex, bea } = await twoCaseloads(tx);
        expect(await tx.forgetRequestedAt(alex.personId)).toBeNull();
        await tx.setForgetRequested(alex.personId, t(1));
        expect(await tx.forgetRequestedAt(alex.personId)).toBe(t(1));
        expect(await tx.forgetRequestedAt(bea.personId)).toBeNull();
        await tx.setForgetRequested(alex.personId, null);
        expect(await tx.forgetRequestedAt(alex.personId)).toBeNull();

        expect(await tx.eraseRequestOf(rivera)).toBeUndefined();
        await tx.setEraseRequested(alex.personId, t(2));
        await tx.setEraseRequested(bea.personId, t(3));
        expect(await tx.eraseRequestOf(rivera)).toEqual({ clientId: bea.personId, at: t(3) });
        expect(await tx.eraseRequestOf(night)).toBeUndefined();
        await tx.setEraseRequested(bea.personId, null);
        expect(await tx.eraseRequestOf(rivera)).toEqual({ clientId: alex.personId, at: t(2) });
      }));

    it("gives everything it holds about a client, for mydata", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        await tx.setClientAge(alex.personId, 29);
        await tx.setClientTimeZone(alex.personId, "Europe/Vienna");
        await tx.setPaused(alex.personId, t(9));
        await tx.recordConsent(alex.personId, 1, "given", t(1));
        const done = await completed(tx, alex.personId, [4, 5], t(2), "fine");
        await tx.createRiskAlert(
          {
            clientId: alex.personId,
            checkinId: done,
            source: "safety_question",
            matched: ["yes"],
            escalateAt: t(30),
          },
          t(2),
        );
        await tx.setEmergencyContact(alex.personId, "Jo");
        await tx.addPause(alex.personId, "2026-12-20", "2026-12-27", at);
        const schedule = {
          clientId: alex.personId,
          weekday: 1,
          time: "09:00",
          durationMin: 50,
          plan: "after" as const,
          nextAfterAt: t(100),
          nextBeforeAt: null,
        };
        await tx.saveSchedule(schedule, at);
        await tx.setClientInstruments(alex.personId, ["progress", "alliance"]);
        await tx.setClientLanguage(alex.personId, "es");
        const data = await tx.clientData(alex.personId);
        expect(data).toMatchObject({
          alias: "alex",
          therapist: "Dr rivera",
          status: "active",
          age: 29,
          timeZone: "Europe/Vienna",
          pausedAt: t(9),
          instruments: ["progress", "alliance"],
          language: "es",
          identities: [{ channel: "console", since: at }],
          consents: [{ version: 1, choice: "given", at: t(1) }],
          riskAlerts: [{ source: "safety_question", at: t(2), acknowledgedAt: null, escalatedAt: null }],
          riskEvents: [],
          emergencyContact: "Jo",
          schedule,
          pauses: [{ from: "2026-12-20", to: "2026-12-27" }],
        });
        expect(data.checkins).toHaveLength(1);
        expect(data.checkins[0]).toMatchObject({ id: done, status: "completed", comment: "fine" });
        expect(data.checkins[0]?.answers.map((a) => [a.item, a.value]).sort()).toEqual([
          ["overall", 5],
          ["personal", 4],
        ]);
      }));
  });

  describe("strangers: code attempts and event ids", () => {
    it("counts a sender's wrong codes since a time, per sender", () =>
      inTransaction(open, async (tx) => {
        await tx.recordCodeAttempt("telegram:1", t(1));
        await tx.recordCodeAttempt("telegram:1", t(3));
        await tx.recordCodeAttempt("telegram:1", t(5));
        await tx.recordCodeAttempt("telegram:2", t(5));
        expect(await tx.codeAttemptsSince("telegram:1", t(2))).toBe(2);
        expect(await tx.codeAttemptsSince("telegram:1", at)).toBe(3);
        expect(await tx.codeAttemptsSince("telegram:2", at)).toBe(1);
        expect(await tx.codeAttemptsSince("slack:1", at)).toBe(0);
      }));

    it("forgets event ids and code attempts from before a time, keeping later ones", () =>
      inTransaction(open, async (tx) => {
        await tx.recordInbound("console", "old", t(1));
        await tx.recordInbound("console", "new", t(10));
        await tx.recordCodeAttempt("console:x", t(1));
        await tx.recordCodeAttempt("console:x", t(10));
        await tx.pruneSeen(t(5));
        expect(await tx.codeAttemptsSince("console:x", at)).toBe(1);
        expect(await tx.recordInbound("console", "old", t(11))).toBe(true);
        expect(await tx.recordInbound("console", "new", t(11))).toBe(false);
        // A therapist's link stays: pruning touches only what strangers left.
        await linkConsole(tx, await tx.createPerson("therapist", "Dr Ames", at), "ames", t(1));
        await tx.pruneSeen(t(50));
        expect(await tx.findIdentity("console", "ames")).toBeDefined();
      }));
  });
}
