import { describe, expect, it } from "vitest";
import {
  activeClient,
  alertFor,
  at,
  completed,
  inTransaction,
  type OpenStore,
  PLAN,
  t,
  therapist,
  twoCaseloads,
} from "./harness.js";

/** Check-ins (open, answer, step, complete, expire, history), episodes and the caseload. */
export function checkinContract(open: OpenStore): void {
  describe("check-ins and episodes", () => {
    it("runs a check-in: one open at a time, answers kept in the plan's order, completed with its comment", () =>
      inTransaction(open, async (tx) => {
        const alex = await activeClient(tx, await therapist(tx), "alex");
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        expect(checkin).toMatchObject({
          clientId: alex.personId,
          seq: 1,
          status: "open",
          step: 0,
          plan: PLAN,
          comment: null,
          createdAt: at,
          completedAt: null,
        });
        expect(await tx.openCheckin(alex.personId)).toMatchObject({
          id: checkin.id,
          episodeId: checkin.episodeId,
        });
        await tx.setCheckinStep(checkin.id, 1);
        expect((await tx.openCheckin(alex.personId))?.step).toBe(1);
        await tx.saveAnswer(checkin.id, { instrument: "progress", item: "overall", value: 6.5 }, at);
        await tx.saveAnswer(checkin.id, { instrument: "progress", item: "personal", value: 4 }, at);
        expect(await tx.completedCheckins(alex.personId)).toEqual([]);
        expect(await tx.lastCompletedCheckin(alex.personId)).toBeUndefined();
        // Words kept during the check-in are on the open check-in, and go no further once it closed.
        await tx.noteOnCheckin(checkin.id, "my dog died on sunday");
        expect((await tx.openCheckin(alex.personId))?.comment).toBe("my dog died on sunday");
        await tx.completeCheckin(checkin.id, "a hard week", t(5));
        await tx.noteOnCheckin(checkin.id, "too late");
        expect(await tx.openCheckin(alex.personId)).toBeUndefined();
        const [done] = await tx.completedCheckins(alex.personId);
        expect(done).toMatchObject({
          id: checkin.id,
          status: "completed",
          comment: "a hard week",
          completedAt: t(5),
        });
        expect(done?.answers).toEqual([
          { instrument: "progress", item: "personal", value: 4 },
          { instrument: "progress", item: "overall", value: 6.5 },
        ]);
      }));

    it("lengthens an open check-in's plan, keeping its step and answers; a closed one's stays", () =>
      inTransaction(open, async (tx) => {
        const alex = await activeClient(tx, await therapist(tx), "alex");
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        await tx.saveAnswer(checkin.id, { instrument: "progress", item: "personal", value: 4 }, at);
        await tx.setCheckinStep(checkin.id, 1);
        const longer = [...PLAN, { instrument: "alliance", item: "heard" }];
        expect(await tx.setCheckinPlan(checkin.id, longer)).toBe(true);
        expect(await tx.openCheckin(alex.personId)).toMatchObject({ id: checkin.id, step: 1, plan: longer });
        await tx.expireCheckin(checkin.id, t(5));
        expect(await tx.setCheckinPlan(checkin.id, PLAN)).toBe(false);
        const [closed] = await tx.unansweredCheckins(alex.personId);
        expect(closed?.plan).toEqual(longer);
        expect(closed?.answers).toEqual([{ instrument: "progress", item: "personal", value: 4 }]);
      }));

    it("notes a lone number at the comment asked about, on an open check-in only", () =>
      inTransaction(open, async (tx) => {
        const alex = await activeClient(tx, await therapist(tx), "alex");
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        expect((await tx.openCheckin(alex.personId))?.commentNumberAskedAt).toBeNull();
        await tx.setCommentNumberAsked(checkin.id, t(1));
        expect((await tx.openCheckin(alex.personId))?.commentNumberAskedAt).toBe(t(1));
        await tx.setCommentNumberAsked(checkin.id, null);
        expect((await tx.openCheckin(alex.personId))?.commentNumberAskedAt).toBeNull();
        await tx.setCommentNumberAsked(checkin.id, t(2));
        await tx.completeCheckin(checkin.id, "9", t(3));
        await tx.setCommentNumberAsked(checkin.id, null);
        const [done] = await tx.completedCheckins(alex.personId);
        expect(done?.commentNumberAskedAt).toBe(t(2));
      }));

    it("corrects an answer in place: the new value, kept at its place in the order asked", () =>
      inTransaction(open, async (tx) => {
        const alex = await activeClient(tx, await therapist(tx), "alex");
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        const personal = { instrument: "progress", item: "personal" };
        const overall = { instrument: "progress", item: "overall" };
        expect(await tx.answerOf(checkin.id, personal)).toBeUndefined();
        expect(await tx.lastAnswerAt(checkin.id)).toBeUndefined();
        // Nothing to correct before an answer: no row is made.
        expect(await tx.correctAnswer(checkin.id, { ...personal, value: 3 })).toBe(false);
        expect(await tx.answerOf(checkin.id, personal)).toBeUndefined();
        await tx.saveAnswer(checkin.id, { ...personal, value: 8 }, t(1));
        await tx.saveAnswer(checkin.id, { ...overall, value: 6 }, t(2));
        expect(await tx.answerOf(checkin.id, personal)).toBe(8);
        expect(await tx.correctAnswer(checkin.id, { ...personal, value: 5.5 })).toBe(true);
        expect(await tx.answerOf(checkin.id, personal)).toBe(5.5);
        expect(await tx.answerOf(checkin.id, overall)).toBe(6);
        // The latest answer's time, not moved by correcting the one before it.
        expect(await tx.lastAnswerAt(checkin.id)).toBe(t(2));
        await tx.completeCheckin(checkin.id, null, t(3));
        const [done] = await tx.completedCheckins(alex.personId);
        expect(done?.answers).toEqual([
          { ...personal, value: 5.5 },
          { ...overall, value: 6 },
        ]);
      }));

    it("keeps a client's completed check-ins oldest first, numbered within the episode, with their assessment", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        const first = await completed(tx, alex.personId, [3, 4], t(1), null);
        await completed(tx, bea.personId, [9, 9], t(2));
        const second = await completed(tx, alex.personId, [5, 6], t(3), "better");
        await tx.saveAssessment(second, { total: 11, flags: ["improved"] });
        const history = await tx.completedCheckins(alex.personId);
        expect(history.map((c) => [c.id, c.seq, c.comment, c.answers.map((a) => a.value)])).toEqual([
          [first, 1, null, [3, 4]],
          [second, 2, "better", [5, 6]],
        ]);
        expect(await tx.lastCompletedCheckin(alex.personId)).toMatchObject({ id: second, completedAt: t(3) });
        expect((await tx.lastCompletedCheckin(alex.personId))?.plan).toEqual(history[1]?.plan);
        expect(await tx.lastCompletedCheckin(bea.personId)).toMatchObject({ completedAt: t(2) });
        expect(history[0]?.assessment).toBeUndefined();
        expect(history[1]?.assessment).toEqual({ total: 11, flags: ["improved"] });
      }));

    it("expires an open check-in once; a completed one does not expire", () =>
      inTransaction(open, async (tx) => {
        const alex = await activeClient(tx, await therapist(tx), "alex");
        const done = await completed(tx, alex.personId, [1, 2], t(1));
        const checkin = await tx.createCheckin(alex.personId, PLAN, t(2));
        const first = PLAN[0];
        if (!first) throw new Error("PLAN is empty");
        await tx.saveAnswer(checkin.id, { ...first, value: 4 }, t(2));
        expect(await tx.expireCheckin(checkin.id, t(3))).toBe(true);
        expect(await tx.expireCheckin(checkin.id, t(4))).toBe(false);
        expect(await tx.expireCheckin(done, t(4))).toBe(false);
        expect(await tx.openCheckin(alex.personId)).toBeUndefined();
        expect((await tx.completedCheckins(alex.personId)).map((c) => c.id)).toEqual([done]);
        // An expired check-in is not a completed one.
        expect((await tx.lastCompletedCheckin(alex.personId))?.id).toBe(done);
        const history = (await tx.clientData(alex.personId)).checkins;
        expect(history.map((c) => [c.id, c.status, c.completedAt])).toEqual([
          [done, "completed", t(1)],
          [checkin.id, "expired", t(3)],
        ]);
        expect((await tx.unansweredCheckins(alex.personId)).map((c) => [c.id, c.seq, c.status])).toEqual([
          [checkin.id, 2, "expired"],
        ]);
        // With what was answered before it closed, for the therapist's views.
        expect((await tx.unansweredCheckins(alex.personId))[0]?.answers).toEqual([{ ...first, value: 4 }]);
        // After an expiry a new check-in may open, the next in the episode.
        const next = await tx.createCheckin(alex.personId, PLAN, t(5));
        expect(next.seq).toBe(3);
        // One closed by a discharge ended unanswered too; an open one has not ended.
        expect((await tx.unansweredCheckins(alex.personId)).map((c) => c.id)).toEqual([checkin.id]);
        await tx.endEpisode(alex.personId, t(6));
        expect((await tx.unansweredCheckins(alex.personId)).map((c) => [c.id, c.status])).toEqual([
          [checkin.id, "expired"],
          [next.id, "cancelled"],
        ]);
      }));

    it("ends an episode, cancelling its open check-in; the next check-in begins a new one", () =>
      inTransaction(open, async (tx) => {
        const alex = await activeClient(tx, await therapist(tx), "alex");
        expect(await tx.endEpisode(alex.personId, at)).toBeUndefined();
        expect(await tx.episodesOf(alex.personId)).toEqual([]);
        await completed(tx, alex.personId, [1, 1], t(1));
        await completed(tx, alex.personId, [2, 2], t(2));
        const open1 = await tx.createCheckin(alex.personId, PLAN, t(3));
        const ended = await tx.endEpisode(alex.personId, t(4));
        expect(ended).toEqual({ episodeId: open1.episodeId, completed: 2 });
        expect(await tx.endEpisode(alex.personId, t(5))).toBeUndefined();
        expect(await tx.openCheckin(alex.personId)).toBeUndefined();
        const cancelled = (await tx.clientData(alex.personId)).checkins.find((c) => c.id === open1.id);
        expect(cancelled?.status).toBe("cancelled");
        const next = await tx.createCheckin(alex.personId, PLAN, t(6));
        expect(next.seq).toBe(1);
        expect(next.episodeId).not.toBe(open1.episodeId);
        expect(await tx.episodesOf(alex.personId)).toEqual([
          { id: open1.episodeId, startedAt: t(1), endedAt: t(4) },
          { id: next.episodeId, startedAt: t(6), endedAt: null },
        ]);
      }));

    it("shows a caseload by alias: the last completed check-in with answers, the open one, a discharge", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const night = await therapist(tx, "night");
        const cai = await activeClient(tx, rivera, "cai");
        const alex = await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        const dan = await activeClient(tx, night, "dan");
        // Another therapist's client, with a check-in of each kind: none of it in rivera's caseload.
        await completed(tx, dan.personId, [9, 9], t(5));
        await tx.expireCheckin((await tx.createCheckin(dan.personId, PLAN, t(6))).id, t(7));
        await tx.createCheckin(dan.personId, PLAN, t(8));
        await completed(tx, alex.personId, [1, 2], t(1));
        const last = await completed(tx, alex.personId, [3, 4], t(2), "ok");
        const open1 = await tx.createCheckin(alex.personId, PLAN, t(3));
        await completed(tx, cai.personId, [5, 5], t(1));
        await tx.endEpisode(cai.personId, t(4));
        const caseload = await tx.caseload(rivera);
        expect(caseload.map((e) => e.client.alias)).toEqual(["alex", "bea", "cai"]);
        const [a, b, c] = caseload;
        expect(a?.client.personId).toBe(alex.personId);
        expect(a?.last).toMatchObject({ id: last, comment: "ok" });
        expect(a?.last?.answers.map((x) => x.value)).toEqual([3, 4]);
        expect(a?.open?.id).toBe(open1.id);
        expect(a?.dischargedAt).toBeNull();
        expect(b).toMatchObject({ last: null, open: null, dischargedAt: null });
        expect(b?.client.personId).toBe(bea.personId);
        expect(c?.dischargedAt).toBe(t(4));
        // A new episode: no longer discharged.
        await tx.createCheckin(cai.personId, PLAN, t(5));
        expect((await tx.caseload(rivera))[2]?.dischargedAt).toBeNull();
        // Check-ins left to expire since the last completed one are counted; earlier ones are not.
        expect((await tx.caseload(rivera)).map((e) => e.unanswered)).toEqual([0, 0, 0]);
        const beaFirst = await tx.createCheckin(bea.personId, PLAN, t(6));
        await tx.expireCheckin(beaFirst.id, t(7));
        await tx.expireCheckin(open1.id, t(7));
        const alexNext = await tx.createCheckin(alex.personId, PLAN, t(8));
        await tx.expireCheckin(alexNext.id, t(9));
        expect((await tx.caseload(rivera)).map((e) => e.unanswered)).toEqual([2, 1, 0]);
        await completed(tx, alex.personId, [5, 5], t(10));
        expect((await tx.caseload(rivera)).map((e) => e.unanswered)).toEqual([0, 1, 0]);
        const [d, ...others] = await tx.caseload(night);
        expect(others).toEqual([]);
        expect(d).toMatchObject({ client: { alias: "dan" }, unanswered: 1, dischargedAt: null });
        expect(d?.last?.answers.map((x) => x.value)).toEqual([9, 9]);
        expect(d?.open?.createdAt).toBe(t(8));
        // Each client's latest risk alert, open or acknowledged; another therapist's are not read.
        expect((await tx.caseload(rivera)).map((e) => e.lastAlert)).toEqual([null, null, null]);
        const first = await alertFor(tx, alex.personId, t(20), t(11));
        await tx.acknowledgeRiskAlert(first, rivera, t(12));
        const second = await alertFor(tx, alex.personId, t(21), t(13));
        await alertFor(tx, dan.personId, t(21), t(13));
        expect((await tx.caseload(rivera)).map((e) => e.lastAlert)).toEqual([
          { id: second, createdAt: t(13), acknowledgedAt: null },
          null,
          null,
        ]);
        await tx.acknowledgeRiskAlert(second, rivera, t(14));
        expect((await tx.caseload(rivera))[0]?.lastAlert).toEqual({
          id: second,
          createdAt: t(13),
          acknowledgedAt: t(14),
        });
      }));

    it("reads each client's latest check-in that asked about the week and the alliance, in the latest's episode", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        const cai = await activeClient(tx, rivera, "cai");
        const week = [...PLAN, { instrument: "safety", item: "harm" }];
        const session = [{ instrument: "alliance", item: "heard" }];
        const done = async (clientId: number, plan: typeof PLAN, when: string, value = 5) => {
          const checkin = await tx.createCheckin(clientId, plan, when);
          for (const item of plan) await tx.saveAnswer(checkin.id, { ...item, value }, when);
          await tx.completeCheckin(checkin.id, null, when);
          return checkin.id;
        };
        // A split schedule: the week's part before the session, the alliance after it; one left unanswered.
        await done(alex.personId, [...PLAN, ...session], t(1));
        const alexWeek = await done(alex.personId, week, t(2), 3);
        await done(alex.personId, session, t(3));
        const alexSession = await done(alex.personId, session, t(4), 8);
        // A part of an earlier episode is not this one's.
        await done(bea.personId, week, t(1));
        await tx.endEpisode(bea.personId, t(2));
        const beaSession = await done(bea.personId, session, t(3));
        // A whole check-in is both parts.
        const caiWhole = await done(cai.personId, [...week, ...session], t(1));
        const [a, b, c] = await tx.caseload(rivera);
        expect([a?.last?.id, a?.lastProgress?.id, a?.lastAlliance?.id]).toEqual([
          alexSession,
          alexWeek,
          alexSession,
        ]);
        expect(a?.lastProgress?.answers.map((x) => x.value)).toEqual([3, 3, 3]);
        expect(a?.lastAlliance?.answers).toEqual([{ instrument: "alliance", item: "heard", value: 8 }]);
        expect([b?.last?.id, b?.lastProgress, b?.lastAlliance?.id]).toEqual([beaSession, null, beaSession]);
        expect([c?.last?.id, c?.lastProgress?.id, c?.lastAlliance?.id]).toEqual([
          caiWhole,
          caiWhole,
          caiWhole,
        ]);
      }));
  });
}
