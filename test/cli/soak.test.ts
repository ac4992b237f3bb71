import { describe, expect, it } from "vitest";
import { runSoak } from "../../bench/soak-run.js";

/**
 * The short soak that CI runs (npm run soak is the full one): 30 seconds of check-ins through
 * the Telegram webhook with duplicates and two SIGKILLs of the server. Nothing acknowledged may
 * be lost, nothing may be sent twice within one server lifetime, and everyone's messages arrive in order.
 */
describe("the fault soak, short", () => {
  it("loses no acknowledged answer and no summary across kills and redeliveries", {
    timeout: 180_000,
  }, async () => {
    const report = await runSoak({
      seconds: 30,
      pairs: 8,
      killEverySeconds: [10, 13],
      seed: 11,
      dump: process.env.SOAK_DUMP,
    });
    expect(report.kills).toBeGreaterThanOrEqual(2);
    expect(report.answersAcknowledged).toBeGreaterThan(50);
    expect(report.checkinsCompleted).toBeGreaterThan(5);
    expect(report.answersMissing).toBe(0);
    expect(report.summariesMissing).toBe(0);
    expect(report.duplicatesWithinLifetime).toBe(0);
    expect(report.outOfOrder).toBe(0);
    expect(report.ok).toBe(true);
  });
});
