import { describe, expect, it } from "vitest";
import type { NewRiskEvent } from "../../../src/store/types.js";
import { alertFor, at, inTransaction, type OpenStore, PLAN, t, twoCaseloads } from "./harness.js";

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

/** Risk events with the client's words, concerns and their safety question, emergency details. */
export function riskEventContract(open: OpenStore): void {
  describe("risk events and concerns", () => {
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
        // A yes typed in the client's own words is kept with their other words, sealed alike.
        const e4 = await tx.addRiskEvent(
          event(alex.personId, {
            tier: "disclosure",
            source: "safety_question",
            words: [],
            text: "",
            answerWords: "every night tbh",
            at: t(3),
          }),
        );
        await tx.addRiskEvent(event(bea.personId));
        const all = await tx.riskEvents(alex.personId);
        expect(all.map((e) => e.id)).toEqual([e1, e2, e3, e4]);
        expect(all[3]?.answerWords).toBe("every night tbh");
        expect((await tx.clientData(alex.personId)).riskEvents[3]?.answerWords).toBe("every night tbh");
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
          toldAt: null,
        });
        expect((await tx.riskEvents(alex.personId, { alertId: alert })).map((e) => e.id)).toEqual([e1, e3]);
        // The event that raised the alert, with its words, however many followed it.
        expect(await tx.firstRiskEvent(alex.personId, alert)).toEqual(all[0]);
        expect(await tx.firstRiskEvent(bea.personId, alert)).toBeUndefined();
        expect(await tx.firstRiskEvent(alex.personId, alert + 100)).toBeUndefined();
        expect(
          (await tx.riskEvents(alex.personId, { alertId: alert, afterId: e1 })).map((e) => e.id),
        ).toEqual([e3]);
        expect((await tx.riskEvents(alex.personId, { checkinId: checkin.id })).map((e) => e.id)).toEqual([
          e2,
        ]);
        expect((await tx.riskEvents(alex.personId, { afterId: e2 })).map((e) => e.id)).toEqual([e3, e4]);
        expect((await tx.clientData(alex.personId)).riskEvents.map((e) => [e.tier, e.text])).toEqual([
          ["disclosure", "I want to end it"],
          ["concern", "it all feels hopeless"],
          ["message", "still here"],
          ["disclosure", ""],
        ]);
      }));

    it("keeps a concern's safety question pending until answered; a re-asked one still waits", () =>
      inTransaction(open, async (tx) => {
        const { rivera, alex, bea } = await twoCaseloads(tx);
        expect(await tx.pendingConcern(alex.personId)).toBeUndefined();
        expect(await tx.latestConcern(alex.personId)).toBeUndefined();
        const old = await tx.addRiskEvent(event(alex.personId, { safetyAnswer: "pending", at: t(1) }));
        const beas = await tx.addRiskEvent(event(bea.personId, { safetyAnswer: "pending", at: t(2) }));
        const latest = await tx.addRiskEvent(event(alex.personId, { safetyAnswer: "pending", at: t(3) }));
        expect((await tx.pendingConcern(alex.personId))?.id).toBe(latest);
        expect((await tx.lapsedConcerns(t(3))).map((e) => e.id)).toEqual([old, beas]);
        await tx.answerConcern(latest, "reasked");
        // An unclear answer's words stay with the concern, beside its own words.
        await tx.keepUnclearAnswer(latest, "idk, probably not");
        expect(await tx.pendingConcern(alex.personId)).toMatchObject({
          id: latest,
          safetyAnswer: "reasked",
          answerWords: "idk, probably not",
        });
        // Words of concern written while it waits join it, the unclear answer kept beside them.
        await tx.extendConcern(
          latest,
          ["better off", "cant do this anymore"],
          "better off / i cant do this anymore",
        );
        expect(await tx.pendingConcern(alex.personId)).toMatchObject({
          id: latest,
          words: ["better off", "cant do this anymore"],
          text: "better off / i cant do this anymore",
          answerWords: "idk, probably not",
        });
        await tx.answerConcern(latest, "no");
        await tx.answerConcern(old, "none");
        await tx.markConcernTold(old, t(70));
        expect((await tx.riskEvents(alex.personId)).map((e) => [e.id, e.toldAt])).toEqual([
          [old, t(70)],
          [latest, null],
        ]);
        expect(await tx.pendingConcern(alex.personId)).toBeUndefined();
        // Answered or lapsed, the latest concern is still the one a late answer is about.
        expect(await tx.latestConcern(alex.personId)).toMatchObject({ id: latest, safetyAnswer: "no" });
        await tx.addRiskEvent(event(alex.personId, { safetyAnswer: null, at: t(80) }));
        expect((await tx.latestConcern(alex.personId))?.id).toBe(latest);
        expect((await tx.lapsedConcerns(t(100))).map((e) => e.id)).toEqual([beas]);
        // The caseload carries each client's latest concern with its answer so far.
        const caseload = await tx.caseload(rivera);
        expect(caseload.map((e) => [e.client.alias, e.concern])).toEqual([
          ["alex", { answer: "no", at: t(3) }],
          ["bea", { answer: "pending", at: t(2) }],
        ]);
        // A question closed without an answer after unsure words is told from one met with silence.
        const unsure = await tx.addRiskEvent(event(alex.personId, { safetyAnswer: "pending", at: t(90) }));
        await tx.keepUnclearAnswer(unsure, "no sé... supongo que no");
        await tx.answerConcern(unsure, "none");
        await tx.answerConcern(beas, "none");
        expect((await tx.caseload(rivera)).map((e) => [e.client.alias, e.concern])).toEqual([
          ["alex", { answer: "none", at: t(90), unclear: true }],
          ["bea", { answer: "none", at: t(2) }],
        ]);
        await tx.answerConcern(unsure, "no");
        await tx.answerConcern(beas, "yes");
        expect(await tx.lapsedConcerns(t(100))).toEqual([]);
        expect((await tx.riskEvents(alex.personId)).map((e) => e.safetyAnswer)).toEqual([
          "none",
          "no",
          null,
          "no",
        ]);
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
