import { describe, expect, it } from "vitest";
import {
  activeClient,
  at,
  completed,
  inTransaction,
  type OpenStore,
  PLAN,
  t,
  therapist,
  twoCaseloads,
  withStore,
} from "./harness.js";

/** In how many places two texts differ, position by position (a missing character differs). */
function differences(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) n += 1;
  return n;
}

/** Warnings and their repeat control, trajectory fits, and what calibration and export read. */
export function clinicalContract(open: OpenStore): void {
  describe("rule states, fits and exports", () => {
    it("keeps each rule's repeat control per episode, replaced when saved again", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const first = await tx.createCheckin(alex.personId, PLAN, at);
        await tx.endEpisode(alex.personId, t(1));
        const second = await tx.createCheckin(alex.personId, PLAN, t(2));
        expect((await tx.ruleStates(first.episodeId)).size).toBe(0);
        await tx.saveRuleState(first.episodeId, "alliance", {
          active: true,
          warnedValue: 31.5,
          warnedSeq: 1,
          sinceSeq: 1,
        });
        await tx.saveRuleState(first.episodeId, "plateau", {
          active: false,
          warnedValue: null,
          warnedSeq: null,
          sinceSeq: null,
        });
        await tx.saveRuleState(second.episodeId, "alliance", {
          active: false,
          warnedValue: null,
          warnedSeq: null,
          sinceSeq: null,
        });
        await tx.saveRuleState(first.episodeId, "alliance", {
          active: false,
          warnedValue: 31.5,
          warnedSeq: 1,
          sinceSeq: null,
        });
        expect(Object.fromEntries(await tx.ruleStates(first.episodeId))).toEqual({
          alliance: { active: false, warnedValue: 31.5, warnedSeq: 1, sinceSeq: null },
          plateau: { active: false, warnedValue: null, warnedSeq: null, sinceSeq: null },
        });
        expect([...(await tx.ruleStates(second.episodeId)).keys()]).toEqual(["alliance"]);
      }));

    it("keeps a client's warnings as recorded, sent or not, in order, with the fit in force", () =>
      withStore(open, async (store) => {
        const fitId = await store.saveFit({
          b0: 18,
          b1: 2,
          sigma: 4,
          episodes: 40,
          points: 310,
          fittedAt: at,
        });
        await store.transaction(async (tx) => {
          const { alex, bea } = await twoCaseloads(tx);
          const first = await completed(tx, alex.personId, [1, 1], t(1));
          await tx.endEpisode(alex.personId, t(2));
          const second = await completed(tx, alex.personId, [1, 1], t(3));
          const beas = await completed(tx, bea.personId, [1, 1], t(1));
          const [e1, e2] = (await tx.episodesOf(alex.personId)).map((e) => e.id);
          const [eb] = (await tx.episodesOf(bea.personId)).map((e) => e.id);
          const warning = { clientId: alex.personId, episodeId: e1 ?? 0, checkinId: first, fitId: null };
          expect(await tx.warningsOf(alex.personId)).toEqual([]);
          await tx.recordWarning({ ...warning, rule: "plateau", severity: 12.5, sent: true }, t(1));
          await tx.recordWarning({ ...warning, rule: "alliance", severity: 35, sent: false }, t(1));
          await tx.recordWarning(
            {
              ...warning,
              clientId: bea.personId,
              episodeId: eb ?? 0,
              checkinId: beas,
              rule: "alliance",
              severity: 30,
              sent: true,
            },
            t(1),
          );
          const later = { ...warning, episodeId: e2 ?? 0, checkinId: second, fitId };
          await tx.recordWarning({ ...later, rule: "off_track", severity: 0, sent: true }, t(3));
          expect(await tx.warningsOf(alex.personId)).toEqual([
            { ...warning, rule: "plateau", severity: 12.5, sent: true, createdAt: t(1) },
            { ...warning, rule: "alliance", severity: 35, sent: false, createdAt: t(1) },
            { ...later, rule: "off_track", severity: 0, sent: true, createdAt: t(3) },
          ]);
          expect((await tx.warningsOf(bea.personId)).map((w) => [w.rule, w.severity, w.checkinId])).toEqual([
            ["alliance", 30, beas],
          ]);
        });
      }));

    it("applies trajectory fits: the latest saved is current", () =>
      withStore(open, async (store) => {
        expect(await store.transaction((tx) => tx.currentFit())).toBeUndefined();
        const fit = { b0: 18.5, b1: 2.25, sigma: 4.1, episodes: 40, points: 310, fittedAt: at };
        const first = await store.saveFit(fit);
        expect(await store.transaction((tx) => tx.currentFit())).toEqual({ id: first, ...fit });
        const second = await store.saveFit({ ...fit, b1: 1.75, fittedAt: t(1) });
        expect(second).not.toBe(first);
        expect(await store.transaction((tx) => tx.currentFit())).toEqual({
          id: second,
          ...fit,
          b1: 1.75,
          fittedAt: t(1),
        });
      }));

    it("exports every answer of completed check-ins only, in check-in order, then as answered", () =>
      withStore(open, async (store) => {
        const ids = await store.transaction(async (tx) => {
          const { alex, bea } = await twoCaseloads(tx);
          // Answered in time order, not the plan's or the alphabet's.
          const first = await tx.createCheckin(alex.personId, PLAN, t(1));
          await tx.saveAnswer(first.id, { instrument: "progress", item: "personal", value: 2.5 }, t(1));
          await tx.saveAnswer(first.id, { instrument: "progress", item: "overall", value: 3 }, t(1.5));
          await tx.completeCheckin(first.id, null, t(1.5));
          const a1 = first.id;
          const b1 = await completed(tx, bea.personId, [7, 8], t(2));
          const open1 = await tx.createCheckin(alex.personId, PLAN, t(3));
          await tx.saveAnswer(open1.id, { instrument: "progress", item: "personal", value: 9 }, t(3));
          const lapsed = await tx.createCheckin(bea.personId, PLAN, t(3));
          await tx.saveAnswer(lapsed.id, { instrument: "progress", item: "personal", value: 9 }, t(3));
          await tx.expireCheckin(lapsed.id, t(4));
          return { alex: alex.personId, bea: bea.personId, a1, b1 };
        });
        const rows = await store.exportAnswers();
        expect(rows.map((r) => [r.clientId, r.checkinId, r.seq, r.item, r.value])).toEqual([
          [ids.alex, ids.a1, 1, "personal", 2.5],
          [ids.alex, ids.a1, 1, "overall", 3],
          [ids.bea, ids.b1, 1, "overall", 8],
          [ids.bea, ids.b1, 1, "personal", 7],
        ]);
        expect(rows[1]).toMatchObject({ instrument: "progress", completedAt: t(1.5), answeredAt: t(1.5) });
        expect(rows.every((r) => typeof r.value === "number")).toBe(true);
      }));

    it("numbers each export row's episode in its client's history, an episode without a completed check-in too", () =>
      withStore(open, async (store) => {
        const ids = await store.transaction(async (tx) => {
          const { alex, bea } = await twoCaseloads(tx);
          await completed(tx, alex.personId, [2, 3], t(1));
          await tx.endEpisode(alex.personId, t(2));
          await completed(tx, bea.personId, [7, 8], t(3));
          // alex's second episode: a check-in sent, never answered, and the episode ended.
          const lapsed = await tx.createCheckin(alex.personId, PLAN, t(4));
          await tx.expireCheckin(lapsed.id, t(5));
          await tx.endEpisode(alex.personId, t(6));
          await completed(tx, alex.personId, [4, 5], t(7));
          return { alex: alex.personId, bea: bea.personId };
        });
        const rows = await store.exportAnswers();
        const episodes = [
          ...new Set(rows.map((r) => `${r.clientId === ids.alex ? "alex" : "bea"}:${r.episode}`)),
        ];
        // As the chart and `summary alex --all` number them: alex's third, not their second with answers.
        expect(episodes).toEqual(["alex:1", "bea:1", "alex:3"]);
        expect(rows.every((r) => typeof r.episode === "number")).toBe(true);
      }));

    it("names a client in exports by a pseudonym: the same each time, one per client, neither id nor alias", () =>
      withStore(open, async (store) => {
        const aliases = ["alex", "zoe", "quinn"];
        const ids = await store.transaction(async (tx) => {
          const rivera = await therapist(tx);
          const clients = [];
          for (const alias of aliases) clients.push(await activeClient(tx, rivera, alias));
          return clients.map((c) => c.personId);
        });
        const names = ids.map((id) => store.pseudonym(id));
        expect(ids.map((id) => store.pseudonym(id))).toEqual(names);
        expect(new Set(names).size).toBe(ids.length);
        for (const [i, name] of names.entries()) {
          // Not the id as a word of its own (a hash's digits may contain it), nor an alias.
          expect(name.split(/[^0-9a-z]+/i)).not.toContain(String(ids[i]));
          expect(name).not.toMatch(/alex|zoe|quinn|rivera/);
        }
        // Clients made one after another (neighbouring ids) get pseudonyms that differ in most
        // places, as keyed hashes do, not in a digit or two as a numbering would.
        for (const [i, name] of names.entries()) {
          for (const other of names.slice(i + 1)) expect(differences(name, other)).toBeGreaterThan(3);
        }
      }));

    it("gives the progress totals of finished episodes only, per check-in, with the client's age", () =>
      withStore(open, async (store) => {
        const episodes = await store.transaction(async (tx) => {
          const { alex, bea } = await twoCaseloads(tx);
          await tx.setClientAge(alex.personId, 34);
          await completed(tx, alex.personId, [2.25, 3.1], t(1));
          // Another instrument's answers are not progress.
          const other = await tx.createCheckin(
            alex.personId,
            [{ instrument: "alliance", item: "heard" }],
            t(2),
          );
          await tx.saveAnswer(other.id, { instrument: "alliance", item: "heard", value: 9 }, t(2));
          await tx.completeCheckin(other.id, null, t(2));
          await completed(tx, alex.personId, [6, 7], t(3));
          const ended = await tx.endEpisode(alex.personId, t(4));
          await completed(tx, alex.personId, [9, 9], t(5));
          await completed(tx, bea.personId, [1, 1], t(5));
          return { ended: ended?.episodeId };
        });
        expect(await store.finishedEpisodeScores()).toEqual([
          { episodeId: episodes.ended, age: 34, scores: [5.4, 13] },
        ]);
      }));
  });
}
