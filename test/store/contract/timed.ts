import { describe, expect, it } from "vitest";
import type { Schedule } from "../../../src/store/types.js";
import { at, completed, inTransaction, type OpenStore, PLAN, t, therapist, twoCaseloads } from "./harness.js";

/** Schedules, timed jobs, pauses and the weekly digest. */
export function timedContract(open: OpenStore): void {
  describe("schedules, timed jobs, pauses and digests", () => {
    it("keeps one schedule per client, replaced when saved again, due by either of its next times", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        const weekly: Schedule = {
          clientId: alex.personId,
          weekday: 2,
          time: "14:00",
          durationMin: 50,
          plan: "after",
          nextAfterAt: t(60),
          nextBeforeAt: null,
        };
        expect(await tx.getSchedule(alex.personId)).toBeUndefined();
        await tx.saveSchedule(weekly, at);
        expect(await tx.getSchedule(alex.personId)).toEqual(weekly);
        const split: Schedule = {
          ...weekly,
          weekday: 4,
          plan: "split",
          nextAfterAt: t(120),
          nextBeforeAt: t(30),
        };
        await tx.saveSchedule(split, t(1));
        expect(await tx.getSchedule(alex.personId)).toEqual(split);
        await tx.saveSchedule({ ...weekly, clientId: bea.personId, nextAfterAt: t(90) }, at);
        expect(await tx.dueSchedules(t(29))).toEqual([]);
        expect((await tx.dueSchedules(t(30))).map((s) => s.clientId)).toEqual([alex.personId]);
        expect((await tx.dueSchedules(t(90))).map((s) => s.clientId).sort((a, b) => a - b)).toEqual([
          alex.personId,
          bea.personId,
        ]);
        expect(await tx.deleteSchedule(alex.personId)).toBe(true);
        expect(await tx.deleteSchedule(alex.personId)).toBe(false);
        expect(await tx.getSchedule(alex.personId)).toBeUndefined();
        expect((await tx.dueSchedules(t(200))).map((s) => s.clientId)).toEqual([bea.personId]);
      }));

    it("hands out due jobs earliest first, up to a limit, until finished; a postponed one waits", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        await tx.addJob("reminder", alex.personId, t(20), at, checkin.id);
        await tx.addJob("checkin", bea.personId, t(10), at);
        await tx.addJob("expire", alex.personId, t(20), at, checkin.id);
        await tx.addJob("progress", bea.personId, t(60), at);
        expect(await tx.dueJobs(t(9), 10)).toEqual([]);
        const due = await tx.dueJobs(t(20), 10);
        expect(due.map((j) => [j.kind, j.clientId, j.checkinId, j.dueAt])).toEqual([
          ["checkin", bea.personId, null, t(10)],
          ["reminder", alex.personId, checkin.id, t(20)],
          ["expire", alex.personId, checkin.id, t(20)],
        ]);
        expect((await tx.dueJobs(t(20), 2)).map((j) => j.kind)).toEqual(["checkin", "reminder"]);
        const [first, second] = due;
        await tx.finishJob(first?.id ?? 0, "sent", t(20));
        await tx.postponeJob(second?.id ?? 0, t(45));
        expect((await tx.dueJobs(t(30), 10)).map((j) => j.kind)).toEqual(["expire"]);
        expect((await tx.dueJobs(t(60), 10)).map((j) => [j.kind, j.dueAt])).toEqual([
          ["expire", t(20)],
          ["reminder", t(45)],
          ["progress", t(60)],
        ]);
      }));

    it("cancels a client's pending session check-ins, not their reminders or another client's", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        const checkin = await tx.createCheckin(alex.personId, PLAN, at);
        await tx.addJob("checkin", alex.personId, t(10), at);
        await tx.addJob("progress", alex.personId, t(20), at);
        await tx.addJob("alliance", alex.personId, t(30), at);
        await tx.addJob("reminder", alex.personId, t(20), at, checkin.id);
        await tx.addJob("checkin", bea.personId, t(10), at);
        const [done] = await tx.dueJobs(t(10), 1);
        await tx.finishJob(done?.id ?? 0, "sent", t(10));
        expect(await tx.pendingSessionJobs(alex.personId)).toEqual([t(20), t(30)]);
        expect(await tx.pendingSessionJobs(bea.personId)).toEqual([t(10)]);
        expect(await tx.cancelSessionJobs(alex.personId, "discharged", t(11))).toBe(2);
        expect(await tx.pendingSessionJobs(alex.personId)).toEqual([]);
        expect((await tx.dueJobs(t(60), 10)).map((j) => [j.kind, j.clientId])).toEqual([
          ["checkin", bea.personId],
          ["reminder", alex.personId],
        ]);
        expect(await tx.cancelSessionJobs(alex.personId, "discharged", t(12))).toBe(0);
      }));

    it("keeps pauses by start date and lifts the one covering a day, or else the next", () =>
      inTransaction(open, async (tx) => {
        const { alex, bea } = await twoCaseloads(tx);
        await tx.addPause(alex.personId, "2026-12-20", "2027-01-03", at);
        await tx.addPause(alex.personId, "2026-11-01", "2026-11-10", at);
        await tx.addPause(alex.personId, "2026-12-01", "2026-12-05", at);
        await tx.addPause(bea.personId, "2026-12-01", "2026-12-31", at);
        expect(await tx.pausesOf(alex.personId)).toEqual([
          { from: "2026-11-01", to: "2026-11-10" },
          { from: "2026-12-01", to: "2026-12-05" },
          { from: "2026-12-20", to: "2027-01-03" },
        ]);
        // The one covering the day, then the next; one over stays on record.
        expect(await tx.liftPause(alex.personId, "2026-12-05")).toEqual({
          from: "2026-12-01",
          to: "2026-12-05",
        });
        expect(await tx.pausesOf(alex.personId)).toEqual([
          { from: "2026-11-01", to: "2026-11-10" },
          { from: "2026-12-20", to: "2027-01-03" },
        ]);
        expect(await tx.liftPause(alex.personId, "2026-12-05")).toEqual({
          from: "2026-12-20",
          to: "2027-01-03",
        });
        expect(await tx.pausesOf(alex.personId)).toEqual([{ from: "2026-11-01", to: "2026-11-10" }]);
        expect(await tx.liftPause(alex.personId, "2026-12-05")).toBeUndefined();
        expect(await tx.pausesOf(bea.personId)).toHaveLength(1);
      }));

    it("lists linked therapists for the digest with when each last got one", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx, "rivera");
        const night = await therapist(tx, "night");
        await tx.createPerson("therapist", "Dr Unlinked", at);
        const byId = async () =>
          (await tx.therapistsForDigest()).sort((a, b) => a.id - b.id).map((d) => [d.id, d.lastSentAt]);
        expect(await byId()).toEqual([
          [rivera, null],
          [night, null],
        ]);
        await tx.markDigestSent(rivera, t(1));
        await tx.markDigestSent(rivera, t(2));
        expect(await byId()).toEqual([
          [rivera, t(2)],
          [night, null],
        ]);
      }));

    it("gathers a digest's facts: sent warnings and expiries since, pauses ahead, unreachable clients", () =>
      inTransaction(open, async (tx) => {
        const { rivera, alex, bea, dan } = await twoCaseloads(tx);
        const early = await completed(tx, alex.personId, [1, 1], t(1));
        const late = await completed(tx, bea.personId, [1, 1], t(10));
        const danCheckin = await completed(tx, dan.personId, [1, 1], t(10));
        const warn = (clientId: number, checkinId: number, rule: string, sent: boolean, when: string) =>
          tx.episodesOf(clientId).then(([episode]) =>
            tx.recordWarning(
              {
                clientId,
                episodeId: episode?.id ?? 0,
                checkinId,
                rule,
                severity: 12.5,
                sent,
                fitId: null,
              },
              when,
            ),
          );
        await warn(alex.personId, early, "alliance", true, t(1));
        await warn(bea.personId, late, "deterioration", true, t(10));
        await warn(bea.personId, late, "off_track", false, t(10));
        await warn(alex.personId, early, "plateau", true, t(11));
        await warn(dan.personId, danCheckin, "alliance", true, t(10));
        const lapsed = await tx.createCheckin(bea.personId, PLAN, t(11));
        await tx.expireCheckin(lapsed.id, t(12));
        const old = await tx.createCheckin(alex.personId, PLAN, t(2));
        await tx.expireCheckin(old.id, t(3));
        await tx.addPause(bea.personId, "2026-11-20", "2026-11-30", at);
        await tx.addPause(bea.personId, "2026-12-24", "2026-12-31", at);
        await tx.addPause(alex.personId, "2026-11-28", "2026-12-02", at);
        await tx.addPause(dan.personId, "2026-12-24", "2026-12-31", at);
        await tx.markUnreachable("console", "bea", t(4));
        await tx.markUnreachable("console", "dan", t(4));
        const facts = await tx.digestFacts(rivera, t(5), "2026-12-01");
        expect(facts.caseload.map((e) => e.client.alias)).toEqual(["alex", "bea"]);
        expect(facts.warnings).toEqual([
          { alias: "alex", rule: "plateau" },
          { alias: "bea", rule: "deterioration" },
        ]);
        expect(facts.expired).toEqual([{ alias: "bea", at: t(12) }]);
        expect(facts.pauses).toEqual([
          { alias: "alex", from: "2026-11-28", to: "2026-12-02" },
          { alias: "bea", from: "2026-12-24", to: "2026-12-31" },
        ]);
        expect(facts.unreachable).toEqual([{ alias: "bea", channel: "console" }]);
      }));
  });
}
