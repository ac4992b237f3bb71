import { describe, expect, it } from "vitest";
import {
  at,
  completed,
  drainTexts,
  info,
  type OpenStore,
  PLAN,
  t,
  twoCaseloads,
  withStore,
} from "./harness.js";

/** Erasure: every row about a client goes, and the messages about them queued for others. */
export function erasureContract(open: OpenStore): void {
  describe("erasure", () => {
    it("erases a client: nothing about them is reachable, their messages are withdrawn, others stay", () =>
      withStore(open, async (store) => {
        const { rivera, alexId, beaId, danId, episodeId, alertId } = await store.transaction(async (tx) => {
          const { rivera, alex, bea, dan } = await twoCaseloads(tx);
          await tx.saveIdentity(
            { channel: "slack", externalId: "U-alex", personId: alex.personId, address: {}, locale: null },
            at,
          );
          await tx.createCode("alex-invite", "invite", alex.personId, at, t(60));
          await tx.recordConsent(alex.personId, 1, "given", at);
          const done = await completed(tx, alex.personId, [3, 4], t(1), "private words");
          const [episode] = await tx.episodesOf(alex.personId);
          await tx.saveRuleState(episode?.id ?? 0, "alliance", {
            active: true,
            warnedValue: 1,
            warnedSeq: 1,
            sinceSeq: 1,
          });
          await tx.recordWarning(
            {
              clientId: alex.personId,
              episodeId: episode?.id ?? 0,
              checkinId: done,
              rule: "alliance",
              severity: 30,
              sent: true,
              fitId: null,
            },
            t(1),
          );
          const open1 = await tx.createCheckin(alex.personId, PLAN, t(2));
          await tx.addJob("expire", alex.personId, t(3), t(2), open1.id);
          await tx.addJob("checkin", bea.personId, t(3), t(2));
          await tx.saveSchedule(
            {
              clientId: alex.personId,
              weekday: 1,
              time: "09:00",
              durationMin: 50,
              plan: "after",
              nextAfterAt: t(3),
              nextBeforeAt: null,
            },
            at,
          );
          await tx.addPause(alex.personId, "2026-12-20", "2026-12-27", at);
          const alert = await tx.createRiskAlert(
            {
              clientId: alex.personId,
              checkinId: null,
              source: "free_text",
              matched: ["x"],
              escalateAt: t(3),
            },
            t(2),
          );
          await tx.recordRiskStep(alert, "crisis_sent", alex.personId, t(2));
          await tx.addRiskEvent({
            clientId: alex.personId,
            alertId: null,
            checkinId: null,
            tier: "concern",
            source: "free_text",
            words: ["hopeless"],
            text: "hopeless",
            language: "en",
            safetyAnswer: "pending",
            at: t(2),
          });
          await tx.setEmergencyContact(alex.personId, "Jo");
          await tx.setClientInstruments(alex.personId, ["alliance", "progress"]);
          await tx.setClientLanguage(alex.personId, "de");
          await tx.setClientInstruments(bea.personId, ["progress"]);
          await tx.setForgetRequested(alex.personId, t(2));
          await tx.markUnreachable("slack", "U-alex", t(2));
          await tx.markDigestSent(rivera, t(1));
          // Queued: to the client, about the client, the caseload (a digest, naming everyone), about bea.
          await tx.enqueue(alex.personId, info("to alex"), t(4));
          await tx.enqueue(rivera, info("alex wrote"), t(4), undefined, alex.personId);
          await tx.enqueue(rivera, info("your caseload"), t(5), undefined, rivera);
          await tx.markDigestSent(rivera, t(5));
          await tx.enqueue(rivera, info("bea wrote"), t(6), undefined, bea.personId);
          await tx.enqueue(bea.personId, info("to bea"), t(6));
          return {
            rivera,
            alexId: alex.personId,
            beaId: bea.personId,
            danId: dan.personId,
            episodeId: episode?.id ?? 0,
            alertId: alert,
          };
        });
        await store.transaction((tx) => tx.eraseClient(alexId, "client", t(10)));

        await store.transaction(async (tx) => {
          expect(await tx.getClient(alexId)).toBeUndefined();
          expect((await tx.getClient(danId))?.alias).toBe("dan");
          // Another client's plan is theirs alone: it stays.
          expect((await tx.getClient(beaId))?.instruments).toEqual(["progress"]);
          expect(await tx.getPerson(alexId)).toBeUndefined();
          expect(await tx.findClient(rivera, "alex")).toBeUndefined();
          expect(await tx.clientsNamed("alex")).toEqual([]);
          expect(await tx.clientsOf(rivera)).toEqual(["bea"]);
          expect((await tx.caseload(rivera)).map((e) => e.client.personId)).toEqual([beaId]);
          expect(await tx.findIdentity("console", "alex")).toBeUndefined();
          expect(await tx.findIdentity("slack", "U-alex")).toBeUndefined();
          expect(await tx.identitiesOf(alexId)).toEqual([]);
          expect(await tx.findCode("alex-invite")).toBeUndefined();
          expect(await tx.latestConsent(alexId)).toBeUndefined();
          expect(await tx.episodesOf(alexId)).toEqual([]);
          expect(await tx.openCheckin(alexId)).toBeUndefined();
          expect(await tx.completedCheckins(alexId)).toEqual([]);
          expect((await tx.ruleStates(episodeId)).size).toBe(0);
          expect(await tx.warningsOf(alexId)).toEqual([]);
          expect(await tx.getSchedule(alexId)).toBeUndefined();
          expect(await tx.dueSchedules(t(100))).toEqual([]);
          expect(await tx.pausesOf(alexId)).toEqual([]);
          expect((await tx.dueJobs(t(100), 10)).map((j) => j.clientId)).toEqual([beaId]);
          expect(await tx.openRiskAlert(alexId)).toBeUndefined();
          expect((await tx.openRiskAlertsOf(rivera)).size).toBe(0);
          expect(await tx.dueRiskAlerts(t(100))).toEqual([]);
          expect(await tx.riskSteps(alertId)).toEqual([]);
          expect(await tx.riskEvents(alexId)).toEqual([]);
          expect(await tx.pendingConcern(alexId)).toBeUndefined();
          expect(await tx.lapsedConcerns(t(100))).toEqual([]);
          expect(await tx.emergencyContact(alexId)).toBeNull();
          expect(await tx.forgetRequestedAt(alexId)).toBeNull();
          expect(await tx.eraseRequestOf(rivera)).toBeUndefined();
          const facts = await tx.digestFacts(rivera, at, "2026-12-01");
          expect(facts.caseload.map((e) => e.client.alias)).toEqual(["bea"]);
          expect([facts.warnings, facts.expired, facts.pauses, facts.unreachable]).toEqual([[], [], [], []]);
          // The withdrawn digest is made again: the last one sent before it counts.
          expect((await tx.therapistsForDigest()).find((d) => d.id === rivera)?.lastSentAt).toBe(t(1));
          expect(await tx.clinicStatus()).toMatchObject({
            clients: { active: 2, paused: 0, joining: 0, discharged: 0 },
            openCheckins: 0,
            openAlerts: 0,
            queued: 2,
          });
        });
        expect((await store.exportAnswers()).filter((r) => r.clientId === alexId)).toEqual([]);
        expect(await drainTexts(store, t(20))).toEqual(["rivera: bea wrote", "bea: to bea"]);
      }));
  });
}
