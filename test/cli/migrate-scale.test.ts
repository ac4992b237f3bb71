import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateScaleData } from "../../bench/scale-data.js";
import { freshEnv, runCli } from "../helpers/cli.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * A clinic's database of 1,000 clients and 10,000 check-ins (80,000 answers), as the scale bench
 * generates it, copied into PostgreSQL through the built CLI: every table's count checked, the
 * rows streamed and written 1,000 an INSERT. The time it took is printed, not asserted.
 */
describe.skipIf("missing" in found)("rapport migrate --from sqlite: a database of 1,000 clients", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("copies 1,000 clients and 10,000 check-ins", async () => {
    const env = freshEnv();
    const path = env.RAPPORT_DB ?? "";
    await generateScaleData(path, { therapists: 20, clients: 1000, checkins: 10_000 });
    const url = await server.createDatabase("scale");
    const copied = await runCli(["migrate", "--from", `sqlite:${path}`, "--to", url], env);
    expect(copied.stderr).toBe("");
    expect(copied.code).toBe(0);
    for (const [table, n] of [
      ["people", 1020],
      ["clients", 1000],
      ["checkins", 10_000],
      ["answers", 80_000],
    ] as const) {
      expect(copied.stdout).toMatch(new RegExp(`^ {2}${table} +${n} +${n}$`, "m"));
    }
    const done = /^Copied .*$/m.exec(copied.stdout)?.[0];
    expect(done).toMatch(/^Copied 9\d{4} rows at schema version 10 in [\d.]+ s/);
    process.stdout.write(`${done}\n`);
  }, 300_000);
});
