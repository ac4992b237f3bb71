import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTherapist, type ConsoleMessage, freshEnv, script } from "../helpers/cli.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

/**
 * Erasure reaches the console's chart files: the pictures it wrote under `charts/` beside the
 * database (on PostgreSQL, in the folder RAPPORT_DB names) show the alias and the scores, so
 * erasing the client removes theirs, and the caseload pictures that may draw them, before the
 * therapist reads that nothing about them is kept. Other clients' charts stay.
 */
const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** Links Dr Rivera and enrols each alias under their own console name. */
async function enrolled(env: Record<string, string>, aliases: string[]): Promise<void> {
  const link = await addTherapist(env, "Dr Rivera");
  const setup = await script(env, [`rivera: link ${link}`, ...aliases.map((a) => `rivera: invite ${a}`)]);
  const codes = setup.flatMap((m) => /^start (\S+)$/m.exec(m.text)?.[1] ?? []);
  await script(
    env,
    aliases.flatMap((a, i) => [`${a}: start ${codes[i]}`, `${a}: yes`]),
  );
}

/** One whole check-in: 4 alliance items, 4 progress items, the safety answer, no comment. */
const checkin = (alias: string, alliance: number, progress: number): string[] => [
  `rivera: checkin ${alias}`,
  ...[alliance, alliance, alliance, alliance, progress, progress, progress, progress, "no", "skip"].map(
    (v) => `${alias}: ${v}`,
  ),
];

const chartsOf = (env: Record<string, string>): string[] => {
  const dir = join(dirname(env.RAPPORT_DB ?? ""), "charts");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

const erasedNotice = (out: ConsoleMessage[], alias: string) =>
  out.find(
    (m) => m.to === "rivera" && m.text.includes(`${alias}`) && m.text.includes("Nothing about them is kept"),
  );

describe("erasure and the console's chart files", () => {
  it("discharge --erase removes the client's charts and the caseload picture, and keeps another client's", async () => {
    const env = freshEnv();
    await enrolled(env, ["sam", "alex"]);
    // sam's alliance (20) is a concern, so the weekly digest's caseload picture draws sam.
    await script(env, [
      ...checkin("sam", 5, 6),
      ...checkin("alex", 10, 8),
      "rivera: chart sam",
      "rivera: chart alex",
      "@wait 7d1h",
    ]);
    const before = chartsOf(env);
    expect(before.filter((f) => /^\d+-sam-\d{4}-\d{2}-\d{2}\.png$/.test(f))).toHaveLength(1);
    expect(before.filter((f) => /^\d+-alex-\d{4}-\d{2}-\d{2}\.png$/.test(f))).toHaveLength(1);
    expect(before.filter((f) => /^\d+-caseload-\d{4}-\d{2}-\d{2}\.png$/.test(f))).toHaveLength(1);

    const out = await script(env, ["rivera: discharge sam --erase", "rivera: yes"]);
    expect(erasedNotice(out, "sam")?.text).toBe("sam's data has been erased. Nothing about them is kept.");
    const after = chartsOf(env);
    expect(after).toEqual(before.filter((f) => f.includes("-alex-")));
    expect(after).toHaveLength(1);
  });

  it("a client's forget erases them when no charts folder exists", async () => {
    const env = freshEnv();
    await enrolled(env, ["sam"]);
    const out = await script(env, ["sam: forget", "sam: yes"]);
    expect(erasedNotice(out, "sam")?.text).toBe(
      "sam withdrew from rapport and erased their data. Nothing about them is kept.",
    );
    expect(existsSync(join(dirname(env.RAPPORT_DB ?? ""), "charts"))).toBe(false);
  });

  describe.skipIf("missing" in found)("on PostgreSQL", () => {
    let server: TestPostgres;
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("a client's forget removes their charts from the folder RAPPORT_DB names", async () => {
      const env = freshEnv({ RAPPORT_DATABASE_URL: await server.createDatabase("charts") });
      await enrolled(env, ["sam"]);
      await script(env, [...checkin("sam", 9, 6), "rivera: chart sam", "rivera: summary sam"]);
      expect(chartsOf(env).filter((f) => f.includes("-sam-"))).toHaveLength(2);
      const out = await script(env, ["sam: forget", "sam: yes"]);
      expect(erasedNotice(out, "sam")).toBeDefined();
      expect(chartsOf(env)).toEqual([]);
    }, 120_000);
  });
});
