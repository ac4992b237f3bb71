import { describe, expect, it } from "vitest";
import { expectedScore } from "../../src/clinical/trajectory.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";
import { mulberry32, normal } from "../support/random.js";

const TRUTH = { b0: 0.9, b1: 0.45, sigma: 3 };

/**
 * Finished episodes whose progress follows the trajectory model with known parameters:
 * y(t) = expected(t) + sigma × sqrt(1 − 1/t) × noise, items kept to one decimal.
 */
async function seedEpisodes(dbPath: string, episodes: number, seed = 7): Promise<void> {
  // Seeded, so the data set is the same on every run.
  const random = mulberry32(seed);
  const gauss = normal(random);
  const store = SqliteStore.open(dbPath);
  const at = "2026-01-05T10:00:00.000Z";
  await store.transaction(async (tx) => {
    const therapist = await tx.createPerson("therapist", "Dr Seed", at);
    for (let e = 0; e < episodes; e++) {
      const client = await tx.createClient(therapist, `c${e}`, at);
      const y1 = 8 + random() * 20;
      const n = 4 + Math.floor(random() * 6);
      for (let t = 1; t <= n; t++) {
        const mean = expectedScore(y1, 25, t, TRUTH);
        const y = Math.min(
          40,
          Math.max(0, t === 1 ? y1 : mean + TRUTH.sigma * Math.sqrt(1 - 1 / t) * gauss()),
        );
        const plan = ["personal", "relationships", "social", "overall"].map((item) => ({
          instrument: "progress",
          item,
        }));
        const checkin = await tx.createCheckin(client.personId, plan, at);
        const item = Math.round((y / 4) * 10) / 10;
        for (const p of plan) await tx.saveAnswer(checkin.id, { ...p, value: item }, at);
        await tx.completeCheckin(checkin.id, null, at);
      }
      await tx.endEpisode(client.personId, at);
    }
  });
  store.close();
}

describe("rapport calibrate", () => {
  it("says how many finished episodes it has and how many it needs", async () => {
    const env = freshEnv();
    await seedEpisodes(env.RAPPORT_DB ?? "", 12);
    const result = await runCli(["calibrate"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Not enough data: 12 finished episodes with at least 3 progress check-ins",
    );
    expect(result.stdout).toContain("needs 50");
  });

  it("fits the clinic's episodes, stores the fit only with --apply, and summaries then name it", async () => {
    const env = freshEnv();
    await seedEpisodes(env.RAPPORT_DB ?? "", 300);
    const dry = await runCli(["calibrate"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Fitted on 300 finished episodes");
    const value = (name: string) =>
      Number(new RegExp(`^ {2}${name} +(-?[\\d.]+)`, "m").exec(dry.stdout)?.[1]);
    // Items are rounded to tenths and totals clipped to 0..40, so allow a little more than sampling error.
    expect(Math.abs(value("b0") - TRUTH.b0)).toBeLessThan(0.25);
    expect(Math.abs(value("b1") - TRUTH.b1)).toBeLessThan(0.06);
    expect(Math.abs(value("sigma") - TRUTH.sigma)).toBeLessThan(0.5);
    expect(dry.stdout).toMatch(/not on track +\d+ +\d+/);
    expect(dry.stdout).toContain("Not applied.");
    const store = SqliteStore.open(env.RAPPORT_DB ?? "");
    expect(await store.transaction((tx) => tx.currentFit())).toBeUndefined();
    store.close();

    const applied = await runCli(["calibrate", "--apply"], env);
    expect(applied.stdout).toMatch(/Applied as fit 1\./);

    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite alex"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    const run = (progress: number) => [
      "rivera: checkin alex",
      ...[10, 10, 10, 10, progress, progress, progress, progress, "no", "skip"].map((v) => `alex: ${v}`),
    ];
    const out = await script(env, [`alex: start ${code}`, "alex: yes", ...run(4), ...run(5)]);
    const summary = out.find((m) => m.text.startsWith("alex, check-in 2 ·"))?.text ?? "";
    expect(summary).toMatch(
      /Trajectory after 2 answered progress check-ins: .*\(clinic trajectory, fitted on 300 episodes, .*2026\)/,
    );
    const store2 = SqliteStore.open(env.RAPPORT_DB ?? "");
    const assessments = await store2.transaction(async (tx) => {
      const rivera = await tx.findTherapistByName("Dr Rivera");
      const alex = rivera && (await tx.findClient(rivera.id, "alex"));
      return alex ? (await tx.completedCheckins(alex.personId)).map((ch) => ch.assessment) : [];
    });
    store2.close();
    // Each assessment names the fit in force, so its warnings can be explained later.
    expect(assessments.map((a) => (a as { fitId?: number } | undefined)?.fitId)).toEqual([1, 1]);
  });
});
