import { describe, expect, it } from "vitest";
import { runSoak } from "../../bench/soak-run.js";
import { postgresBinaries } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** Servers on the one database of the short PostgreSQL soak. */
const INSTANCES = 3;

/**
 * The short soak on PostgreSQL that CI runs (`npm run soak -- --postgres --instances 3` is the
 * full one): 30 seconds of check-ins through the Telegram webhook, behind a round-robin proxy in
 * front of the servers on one database, with duplicates and two SIGKILLs. Nothing acknowledged
 * may be lost; nothing may be sent twice within one lifetime, nor by two instances alive at once;
 * everyone's messages arrive in order.
 */
describe.skipIf("missing" in found)("the fault soak on PostgreSQL, short", () => {
  it("loses nothing, sends nothing twice and keeps each person's order across kills and redeliveries", {
    timeout: 240_000,
  }, async () => {
    const report = await runSoak({
      seconds: 30,
      pairs: 8,
      // Sooner than SQLite's short soak: a restart on PostgreSQL takes a few seconds more (a pool,
      // the migration lock), and two kills must fit in the 30 seconds.
      killEverySeconds: [8, 10],
      seed: 11,
      // SOAK_DUMP=FILE keeps the run's record, for finding out why a run failed.
      dump: process.env.SOAK_DUMP,
      postgres: true,
      instances: INSTANCES,
    });
    expect(report.store).toBe("PostgreSQL");
    expect(report.kills).toBeGreaterThanOrEqual(2);
    // Fewer than SQLite's short soak gets through: a killed instance's claims (on the rows it was
    // sending or holding for a rate limit) keep those recipients waiting out the 90-second lease,
    // longer than this run, so each kill stops a share of the pairs until the end.
    expect(report.answersAcknowledged).toBeGreaterThan(20);
    expect(report.checkinsCompleted).toBeGreaterThan(0);
    expect(report.details).toEqual([]);
    expect(report.answersMissing).toBe(0);
    expect(report.summariesMissing).toBe(0);
    expect(report.duplicatesWithinLifetime).toBe(0);
    expect(report.duplicatesAcrossLiveInstances).toBe(0);
    expect(report.outOfOrder).toBe(0);
    expect(report.ok).toBe(true);
  });
});
