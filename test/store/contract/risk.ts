import { describe, expect, it } from "vitest";
import type { NewRiskEvent, Tx } from "../../../src/store/types.js";
import {
  activeClient,
  at,
  inTransaction,
  type OpenStore,
  PLAN,
  t,
  therapist,
  twoCaseloads,
} from "./harness.js";

async function alertFor(tx: Tx, clientId: number, escalateAt: string, when = at): Promise<number> {
  return tx.createRiskAlert(
    { clientId, checkinId: null, source: "free_text", matched: ["hopeless", "end it"], escalateAt },
    when,
  );
}

function event(clientId: number, patch: Partial<NewRiskEvent> = {}): NewRiskEvent {
  return {
    clientId,
    alertId: null,
    checkinId: null,
    tier: "concern",
    source: "free_text",
    words: ["hopeless"],
    text: "it all feels hopeless",
    language: "en",
    safetyAnswer: null,
    at,
    ...patch,
  };
}

/** Risk alerts (one open per client, acknowledgement, escalation), risk events and concerns. */
export function riskContract(open: OpenStore): void {
  describe("risk alerts and events", () => {
    it("keeps an alert as created, open until acknowledged, and by client for the therapist", () =>
      inTransaction(open, async (tx) => {
        const { rivera, night, alex, bea, dan } = await twoCaseloads(tx);
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        const id = await tx.createRiskAlert(
          {
            clientId: alex.personId,
            checkinId: checkin.id,
            source: "safety_question",
            matched: ["yes"],
            escalateAt: t(30),
          },
          at,
        );
        expect(await tx.getRiskAlert(id)).toEqual({
          id,
          clientId: alex.personId,
          checkinId: checkin.id,
          source: "safety_question",
          matched: ["yes"],
          createdAt: at,
          escalateAt: t(30),
          acknowledgedAt: null,
          escalatedAt: null,
          escalatedTo: null,
          escalationNote: null,
          lastCrisisAt: at,
          lastNoticeAt: at,
          notifiedThrough: 0,
          updateDueAt: null,
          nextRepeatAt: null,
          repeats: 0,
        });
        expect(await tx.getRiskAlert(id + 100)).toBeUndefined();
        expect((await tx.openRiskAlert(alex.personId))?.id).toBe(id);
        expect(await tx.openRiskAlert(bea.personId)).toBeUndefined();
        const beaAlert = await alertFor(tx, bea.personId, t(30));
        await alertFor(tx, dan.personId, t(30));
        const ofRivera = await tx.openRiskAlertsOf(rivera);
        expect([...ofRivera.keys()].sort((a, b) => a - b)).toEqual([alex.personId, bea.personId]);
        expect(ofRivera.get(bea.personId)?.id).toBe(beaAlert);
        expect([...(await tx.openRiskAlertsOf(night)).keys()]).toEqual([dan.personId]);
      }));

    it("acknowledges an alert once: its timed steps stop, and a new alert may open", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const id = await alertFor(tx, alex.personId, t(30));
        await tx.updateRiskAlert(id, { updateDueAt: t(10), nextRepeatAt: t(20) });
        await tx.acknowledgeRiskAlert(id, rivera, t(5));
        await tx.acknowledgeRiskAlert(id, rivera, t(6));
        expect(await tx.getRiskAlert(id)).toMatchObject({
          acknowledgedAt: t(5),
          updateDueAt: null,
          nextRepeatAt: null,
        });
        expect(await tx.openRiskAlert(alex.personId)).toBeUndefined();
        expect((await tx.openRiskAlertsOf(rivera)).size).toBe(0);
        expect(await tx.dueRiskAlerts(t(100))).toEqual([]);
        const next = await alertFor(tx, alex.personId, t(90), t(7));
        expect((await tx.openRiskAlert(alex.personId))?.id).toBe(next);
        expect((await tx.clientData(alex.personId)).riskAlerts).toEqual([
          { source: "free_text", at, acknowledgedAt: t(5), escalatedAt: null },
          { source: "free_text", at: t(7), acknowledgedAt: null, escalatedAt: null },
        ]);
      }));

    it("patches an alert's timed steps, leaving the fields not given as they were", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const night = await therapist(tx, "night");
        const alex = await activeClient(tx, rivera, "alex");
        const id = await alertFor(tx, alex.personId, t(30));
        await tx.updateRiskAlert(id, {});
        await tx.updateRiskAlert(id, {
          notifiedThrough: 4,
          repeats: 2,
          lastNoticeAt: t(3),
          updateDueAt: t(8),
        });
        await tx.updateRiskAlert(id, {
          escalatedAt: t(30),
          escalatedTo: night,
          escalationNote: "on call",
          nextRepeatAt: t(60),
          lastCrisisAt: t(31),
        });
        expect(await tx.getRiskAlert(id)).toMatchObject({
          notifiedThrough: 4,
          repeats: 2,
          lastNoticeAt: t(3),
          updateDueAt: t(8),
          escalatedAt: t(30),
          escalatedTo: night,
          escalationNote: "on call",
          nextRepeatAt: t(60),
          lastCrisisAt: t(31),
          escalateAt: t(30),
          matched: ["hopeless", "end it"],
        });
        await tx.updateRiskAlert(id, { updateDueAt: null });
        expect((await tx.getRiskAlert(id))?.updateDueAt).toBeNull();
        expect((await tx.clientData(alex.personId)).riskAlerts[0]?.escalatedAt).toBe(t(30));
      }));

    it("hands out unacknowledged alerts with a step due: the first escalation, a repeat or an update", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const [a, b, c] = [
          await activeClient(tx, rivera, "alex"),
          await activeClient(tx, rivera, "bea"),
          await activeClient(tx, rivera, "cai"),
        ];
        const first = await alertFor(tx, a.personId, t(30));
        const second = await alertFor(tx, b.personId, t(10));
        const third = await alertFor(tx, c.personId, t(50));
        const due = async (minutes: number) => (await tx.dueRiskAlerts(t(minutes))).map((x) => x.id);
        expect(await due(9)).toEqual([]);
        expect(await due(30)).toEqual([first, second]);
        // Escalated: due again only at its repeat.
        await tx.updateRiskAlert(second, { escalatedAt: t(10), nextRepeatAt: t(40) });
        expect(await due(30)).toEqual([first]);
        expect(await due(40)).toEqual([first, second]);
        // An update due before the escalation.
        await tx.updateRiskAlert(third, { updateDueAt: t(20) });
        expect(await due(20)).toEqual([third]);
        await tx.recordRiskStep(first, "therapist_alerted", rivera, t(1));
        await tx.recordRiskStep(first, "crisis_sent", null, t(1));
        expect((await tx.getRiskAlert(first))?.acknowledgedAt).toBeNull();
      }));

    it("keeps risk events oldest first with the client's words, by alert, by check-in and after an id", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        const alert = await alertFor(tx, alex.personId, t(30));
        const e1 = await tx.addRiskEvent(
          event(alex.personId, {
            tier: "disclosure",
            alertId: alert,
            words: ["end it"],
            text: "I want to end it",
          }),
        );
        const e2 = await tx.addRiskEvent(event(alex.personId, { checkinId: checkin.id, at: t(1) }));
        const e3 = await tx.addRiskEvent(
          event(alex.personId, {
            tier: "message",
            alertId: alert,
            text: "still here",
            words: [],
            at: t(2),
          }),
        );
        await tx.addRiskEvent(event(bea.personId));
        const all = await tx.riskEvents(alex.personId);
        expect(all.map((e) => e.id)).toEqual([e1, e2, e3]);
        expect(all[0]).toEqual({
          id: e1,
          clientId: alex.personId,
          alertId: alert,
          checkinId: null,
          tier: "disclosure",
          source: "free_text",
          words: ["end it"],
          text: "I want to end it",
          language: "en",
          safetyAnswer: null,
          at,
        });
        expect((await tx.riskEvents(alex.personId, { alertId: alert })).map((e) => e.id)).toEqual([e1, e3]);
        expect(
          (await tx.riskEvents(alex.personId, { alertId: alert, afterId: e1 })).map((e) => e.id),
        ).toEqual([e3]);
        expect((await tx.riskEvents(alex.personId, { checkinId: checkin.id })).map((e) => e.id)).toEqual([
          e2,
        ]);
        expect((await tx.riskEvents(alex.personId, { afterId: e2 })).map((e) => e.id)).toEqual([e3]);
        expect((await tx.clientData(alex.personId)).riskEvents.map((e) => [e.tier, e.text])).toEqual([
          ["disclosure", "I want to end it"],
          ["concern", "it all feels hopeless"],
          ["message", "still here"],
        ]);
      }));

    it("keeps a concern's safety question pending until answered; a re-asked one still waits", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        expect(await tx.pendingConcern(alex.personId)).toBeUndefined();
        const old = await tx.addRiskEvent(event(alex.personId, { safetyAnswer: "pending", at: t(1) }));
        const beas = await tx.addRiskEvent(event(bea.personId, { safetyAnswer: "pending", at: t(2) }));
        const latest = await tx.addRiskEvent(event(alex.personId, { safetyAnswer: "pending", at: t(3) }));
        expect((await tx.pendingConcern(alex.personId))?.id).toBe(latest);
        expect((await tx.lapsedConcerns(t(3))).map((e) => e.id)).toEqual([old, beas]);
        await tx.answerConcern(latest, "reasked");
        expect(await tx.pendingConcern(alex.personId)).toMatchObject({
          id: latest,
          safetyAnswer: "reasked",
        });
        await tx.answerConcern(latest, "no");
        await tx.answerConcern(old, "none");
        await tx.markConcernTold(old, t(70));
        expect(await tx.pendingConcern(alex.personId)).toBeUndefined();
        expect((await tx.lapsedConcerns(t(100))).map((e) => e.id)).toEqual([beas]);
        await tx.answerConcern(beas, "yes");
        expect(await tx.lapsedConcerns(t(100))).toEqual([]);
        expect((await tx.riskEvents(alex.personId)).map((e) => e.safetyAnswer)).toEqual(["none", "no"]);
        expect((await tx.riskEvents(bea.personId))[0]?.safetyAnswer).toBe("yes");
      }));

    it("keeps a client's emergency details until cleared", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        expect(await tx.emergencyContact(alex.personId)).toBeNull();
        await tx.setEmergencyContact(alex.personId, "sister Jo, 0151 234");
        expect(await tx.emergencyContact(alex.personId)).toBe("sister Jo, 0151 234");
        expect(await tx.emergencyContact(bea.personId)).toBeNull();
        expect((await tx.clientData(alex.personId)).emergencyContact).toBe("sister Jo, 0151 234");
        await tx.setEmergencyContact(alex.personId, null);
        expect(await tx.emergencyContact(alex.personId)).toBeNull();
      }));
  });
}
