import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTherapist, type ConsoleMessage, freshEnv, script } from "../helpers/cli.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

/**
 * Erasure reaches the console's chart files: the pictures it wrote under `charts/` beside the
 * database (on PostgreSQL, in the folder RAPPORT_DB names) show the alias and the scores, so
 * erasing the client removes theirs, and the caseload pictures that may draw them, before the
 * therapist reads that nothing about them is kept. Other clients' charts stay, another therapist's
 * client of the same alias among them.
 */
const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** A therapist (console name, name) and their clients, each an alias and the console name they type under. */
type Caseload = { login: string; name: string; clients: [alias: string, as: string][] };

/** Links each therapist and enrols their clients: two console runs however many there are. */
async function enrolledAt(env: Record<string, string>, caseloads: Caseload[]): Promise<void> {
  const links: string[] = [];
  for (const c of caseloads) links.push(await addTherapist(env, c.name));
  const setup = await script(
    env,
    caseloads.flatMap((c, i) => [
      `${c.login}: link ${links[i]}`,
      ...c.clients.map(([a]) => `${c.login}: invite ${a}`),
    ]),
  );
  const codes = setup.flatMap((m) => /^start (\S+)$/m.exec(m.text)?.[1] ?? []);
  const clients = caseloads.flatMap((c) => c.clients);
  await script(
    env,
    clients.flatMap(([, as], i) => [`${as}: start ${codes[i]}`, `${as}: yes`]),
  );
}

/** Links Dr Rivera and enrols each alias under their own console name. */
const enrolled = (env: Record<string, string>, aliases: string[]) =>
  enrolledAt(env, [{ login: "rivera", name: "Dr Rivera", clients: aliases.map((a) => [a, a]) }]);

/** One whole check-in: 4 alliance items, 4 progress items, the safety answer, no comment. */
const checkin = (
  alias: string,
  alliance: number,
  progress: number,
  login = "rivera",
  as = alias,
): string[] => [
  `${login}: checkin ${alias}`,
  ...[alliance, alliance, alliance, alliance, progress, progress, progress, progress, "no", "skip"].map(
    (v) => `${as}: ${v}`,
  ),
];

/** The chart files printed with the messages to the therapist (of one client: those about them). */
const chartPaths = (out: ConsoleMessage[], to: string, about = ""): string[] =>
  out.flatMap((m) => {
    const chart = (m as ConsoleMessage & { chart?: { path: string } }).chart;
    return m.to === to && chart && m.text.startsWith(about) ? [basename(chart.path)] : [];
  });

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
    const drawn = await script(env, [
      ...checkin("sam", 5, 6),
      ...checkin("alex", 10, 8),
      "rivera: chart sam",
      "rivera: chart alex",
      "@wait 7d1h",
    ]);
    const before = chartsOf(env);
    const [alexChart] = chartPaths(drawn, "rivera", "alex:");
    // Named by the day and the client's person id, never the alias.
    expect(before.filter((f) => /^\d+-\d{4}-\d{2}-\d{2}-client-\d+\.png$/.test(f))).toHaveLength(2);
    expect(before.filter((f) => /^\d+-caseload-\d{4}-\d{2}-\d{2}\.png$/.test(f))).toHaveLength(1);
    expect(before.filter((f) => /sam|alex/.test(f))).toEqual([]);

    const out = await script(env, ["rivera: discharge sam --erase", "rivera: yes"]);
    expect(erasedNotice(out, "sam")?.text).toBe("sam's data has been erased. Nothing about them is kept.");
    expect(chartsOf(env)).toEqual([alexChart]);
  });

  it("two therapists each with an alex: erasing Dr Rivera's keeps Dr Chen's alex's charts", async () => {
    const env = freshEnv();
    // Each has a client "alex"; Dr Chen's types as `chenalex`.
    await enrolledAt(env, [
      { login: "rivera", name: "Dr Rivera", clients: [["alex", "alex"]] },
      { login: "chen", name: "Dr Chen", clients: [["alex", "chenalex"]] },
    ]);
    const charts = await script(env, [
      ...checkin("alex", 5, 6),
      ...checkin("alex", 10, 8, "chen", "chenalex"),
      "rivera: chart alex",
      "chen: chart alex",
      "chen: summary alex",
    ]);
    const rivera = chartPaths(charts, "rivera");
    const chen = chartPaths(charts, "chen");
    expect(rivera).toHaveLength(1);
    expect(chen).toHaveLength(2);
    expect(chartsOf(env)).toEqual([...rivera, ...chen].sort());

    const out = await script(env, ["rivera: discharge alex --erase", "rivera: yes"]);
    expect(erasedNotice(out, "alex")).toBeDefined();
    expect(chartsOf(env)).toEqual([...chen].sort());
  }, 120_000);

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
      expect(chartsOf(env).filter((f) => /-client-\d+\.png$/.test(f))).toHaveLength(2);
      const out = await script(env, ["sam: forget", "sam: yes"]);
      expect(erasedNotice(out, "sam")).toBeDefined();
      expect(chartsOf(env)).toEqual([]);
    }, 120_000);
  });
});
