import { describe, expect, it } from "vitest";
import { activeClient, at, info, inTransaction, type OpenStore, t, therapist, withStore } from "./harness.js";

/** The clinic's own management: therapists, moving clients, counts, and each therapist's settings. */
export function adminContract(open: OpenStore): void {
  describe("the clinic's management", () => {
    it("lists therapists by name whatever its case, whether linked, with clients not discharged", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx, "rivera");
        const ames = await tx.createPerson("therapist", "dr ames", at);
        await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        await tx.setClientStatus(bea.personId, "discharged");
        await tx.createClient(rivera, "cai", at);
        expect(await tx.therapists()).toEqual([
          { id: ames, name: "dr ames", linked: false, clients: 0 },
          { id: rivera, name: "Dr rivera", linked: true, clients: 2 },
        ]);
      }));

    it("removes a therapist only without clients, discharged ones included; their codes go with them", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx, "rivera");
        const night = await therapist(tx, "night");
        const alex = await activeClient(tx, rivera, "alex");
        await tx.setClientStatus(alex.personId, "discharged");
        await tx.createCode("link-night", "link", night, at, t(60));
        expect(await tx.removeTherapist(rivera)).toBe(1);
        expect((await tx.getPerson(rivera))?.name).toBe("Dr rivera");
        expect(await tx.removeTherapist(night)).toBe(0);
        expect(await tx.getPerson(night)).toBeUndefined();
        expect(await tx.findIdentity("console", "night")).toBeUndefined();
        expect(await tx.findCode("link-night")).toBeUndefined();
        expect((await tx.therapists()).map((th) => th.id)).toEqual([rivera]);
      }));

    it("finds clients by alias across therapists and moves one to another caseload", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx, "rivera");
        const night = await therapist(tx, "night");
        const alex = await activeClient(tx, rivera, "alex");
        const alex2 = await tx.createClient(night, "alex", at);
        expect((await tx.clientsNamed("alex")).sort((a, b) => a.clientId - b.clientId)).toEqual([
          { clientId: alex.personId, therapistId: rivera },
          { clientId: alex2.personId, therapistId: night },
        ]);
        expect(await tx.clientsNamed("bea")).toEqual([]);
        const bea = await activeClient(tx, rivera, "bea");
        await tx.moveClient(bea.personId, night);
        expect((await tx.getClient(bea.personId))?.therapistId).toBe(night);
        expect((await tx.findClient(night, "bea"))?.personId).toBe(bea.personId);
        expect(await tx.findClient(rivera, "bea")).toBeUndefined();
        expect((await tx.caseload(night)).map((e) => e.client.alias)).toEqual(["alex", "bea"]);
      }));

    it("lists the aliases of a therapist's clients in order, discharged ones included", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx, "rivera");
        const night = await therapist(tx, "night");
        await activeClient(tx, rivera, "cai");
        const alex = await activeClient(tx, rivera, "alex");
        await tx.setClientStatus(alex.personId, "discharged");
        await tx.createClient(rivera, "bea", at);
        await tx.createClient(night, "dan", at);
        expect(await tx.clientsOf(rivera)).toEqual(["alex", "bea", "cai"]);
        expect(await tx.clientsOf(night)).toEqual(["dan"]);
      }));

    it("counts therapists, clients by state, open check-ins and alerts, queued and failed messages", () =>
      withStore(open, async (store) => {
        const empty = await store.transaction((tx) => tx.clinicStatus());
        expect(empty).toEqual({
          therapists: 0,
          clients: { active: 0, paused: 0, joining: 0, discharged: 0 },
          openCheckins: 0,
          openAlerts: 0,
          queued: 0,
          failed: 0,
        });
        await store.transaction(async (tx) => {
          const rivera = await therapist(tx, "rivera");
          await tx.createPerson("therapist", "Dr Night", at);
          const alex = await activeClient(tx, rivera, "alex");
          const bea = await activeClient(tx, rivera, "bea");
          await tx.setPaused(bea.personId, at);
          await tx.createClient(rivera, "cai", at);
          const dan = await tx.createClient(rivera, "dan", at);
          await tx.setClientStatus(dan.personId, "joining");
          const eve = await tx.createClient(rivera, "eve", at);
          await tx.setClientStatus(eve.personId, "declined");
          const fay = await tx.createClient(rivera, "fay", at);
          await tx.setClientStatus(fay.personId, "discharged");
          await tx.createCheckin(alex.personId, [], at);
          // Discharged by their therapist (discharge ALIAS ends the episode; the status stays active).
          const gus = await activeClient(tx, rivera, "gus");
          await tx.createCheckin(gus.personId, [], at);
          await tx.endEpisode(gus.personId, t(1));
          // Discharged, then asked again: the new check-in opens a new episode, active once more.
          const hal = await activeClient(tx, rivera, "hal");
          await tx.createCheckin(hal.personId, [], at);
          await tx.endEpisode(hal.personId, t(1));
          await tx.createCheckin(hal.personId, [], t(2));
          await tx.createRiskAlert(
            {
              clientId: bea.personId,
              checkinId: null,
              source: "free_text",
              matched: ["x"],
              escalateAt: t(30),
            },
            at,
          );
          await tx.enqueue(rivera, info("one"), at);
          await tx.enqueue(rivera, info("two"), at);
          // Nobody to send it to: kept as failed.
          await tx.enqueue(dan.personId, info("lost"), at);
        });
        expect(await store.transaction((tx) => tx.clinicStatus())).toEqual({
          therapists: 2,
          clients: { active: 2, paused: 1, joining: 2, discharged: 3 },
          openCheckins: 2,
          openAlerts: 1,
          queued: 2,
          failed: 1,
        });
      }));

    it("keeps each therapist's own summary style, null for the clinic's", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx, "rivera");
        const night = await therapist(tx, "night");
        expect(await tx.summaryStyle(rivera)).toBeNull();
        await tx.setSummaryStyle(rivera, "compact");
        await tx.setSummaryStyle(night, "full");
        expect(await tx.summaryStyle(rivera)).toBe("compact");
        expect(await tx.summaryStyle(night)).toBe("full");
        await tx.setSummaryStyle(rivera, null);
        expect(await tx.summaryStyle(rivera)).toBeNull();
      }));
  });
}
