import { describe, expect, it } from "vitest";
import {
  activeClient,
  alertFor,
  at,
  inTransaction,
  type OpenStore,
  PLAN,
  t,
  therapist,
  twoCaseloads,
} from "./harness.js";

/** Risk alerts: one open per client, acknowledgement, timed steps and escalation, the steps taken. */
export function riskAlertContract(open: OpenStore): void {
  describe("risk alerts", () => {
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
          acknowledgedBy: null,
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

    it("lists the open alerts a person may acknowledge: their clients', and those escalated to them", () =>
      inTransaction(open, async (tx) => {
        const { rivera, night, alex, bea, dan } = await twoCaseloads(tx);
        const alexAlert = await alertFor(tx, alex.personId, t(30));
        const beaAlert = await alertFor(tx, bea.personId, t(30));
        const danAlert = await alertFor(tx, dan.personId, t(30));
        expect((await tx.openRiskAlertsFor(rivera)).map((a) => a.id)).toEqual([alexAlert, beaAlert]);
        expect((await tx.openRiskAlertsFor(night)).map((a) => a.id)).toEqual([danAlert]);
        // Escalated to night: theirs to acknowledge too, oldest first; acknowledged: nobody's.
        await tx.updateRiskAlert(alexAlert, { escalatedAt: t(30), escalatedTo: night });
        expect((await tx.openRiskAlertsFor(night)).map((a) => a.id)).toEqual([alexAlert, danAlert]);
        await tx.acknowledgeRiskAlert(beaAlert, rivera, t(31));
        expect((await tx.openRiskAlertsFor(rivera)).map((a) => a.id)).toEqual([alexAlert]);
        expect(await tx.openRiskAlertsFor(alex.personId)).toEqual([]);
      }));

    it("acknowledges an alert once: its timed steps stop, and a new alert may open", () =>
      inTransaction(open, async (tx) => {
        const { rivera, night, alex } = await twoCaseloads(tx);
        const id = await alertFor(tx, alex.personId, t(30));
        await tx.updateRiskAlert(id, { updateDueAt: t(10), nextRepeatAt: t(20) });
        await tx.acknowledgeRiskAlert(id, night, t(5));
        await tx.acknowledgeRiskAlert(id, rivera, t(6));
        expect(await tx.getRiskAlert(id)).toMatchObject({
          acknowledgedAt: t(5),
          acknowledgedBy: night,
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
      }));

    it("keeps the steps taken on each alert in the order recorded, with who took them", () =>
      inTransaction(open, async (tx) => {
        const { rivera, night, alex, bea } = await twoCaseloads(tx);
        const first = await alertFor(tx, alex.personId, t(30));
        const second = await alertFor(tx, bea.personId, t(30));
        expect(await tx.riskSteps(first)).toEqual([]);
        // Recorded at the same time, in an order neither alphabetical nor by person.
        await tx.recordRiskStep(first, "therapist_alerted", rivera, at);
        await tx.recordRiskStep(second, "crisis_sent", bea.personId, at);
        await tx.recordRiskStep(first, "crisis_sent", alex.personId, at);
        await tx.recordRiskStep(first, "escalated", null, t(31));
        await tx.recordRiskStep(first, "acknowledged", night, t(40));
        expect(await tx.riskSteps(first)).toEqual([
          { step: "therapist_alerted", personId: rivera, at },
          { step: "crisis_sent", personId: alex.personId, at },
          { step: "escalated", personId: null, at: t(31) },
          { step: "acknowledged", personId: night, at: t(40) },
        ]);
        expect(await tx.riskSteps(second)).toEqual([{ step: "crisis_sent", personId: bea.personId, at }]);
        expect(await tx.riskSteps(second + first + 100)).toEqual([]);
        // A step is a record, not an acknowledgement.
        expect((await tx.getRiskAlert(first))?.acknowledgedAt).toBeNull();
      }));
  });
}
