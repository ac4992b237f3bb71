import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTherapist, type ConsoleMessage, freshEnv, runCli, script } from "../helpers/cli.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

const ANSWERS = ["9", "8", "7", "10", "5", "6", "4", "5"];

function inviteCodeFrom(messages: ConsoleMessage[]): string {
  const invite = messages.find((m) => m.to === "rivera" && m.text.startsWith("Invite for alex"));
  const code = /^start (\S+)$/m.exec(invite?.text ?? "")?.[1];
  if (!code) throw new Error("no invite code printed");
  return code;
}

/** The built CLI on PostgreSQL (RAPPORT_DATABASE_URL) instead of the SQLite file. */
describe.skipIf("missing" in found)("rapport on PostgreSQL, through the built CLI", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("migrates, registers, enrols, runs a check-in and summarises it, with the data key, leaving no SQLite file", async () => {
    const url = await server.createDatabase("cli");
    const env = freshEnv({ RAPPORT_DATABASE_URL: url, RAPPORT_DATA_KEY: randomBytes(32).toString("base64") });
    const migrated = await runCli(["migrate"], env);
    expect(migrated.stdout).toBe(`PostgreSQL 127.0.0.1:${server.port}/cli: schema version 10\n`);
    const linkCode = await addTherapist(env, "Dr Rivera");
    const code = inviteCodeFrom(await script(env, [`rivera: link ${linkCode}`, "rivera: invite alex"]));
    const out = await script(env, [
      `alex: start ${code}`,
      "alex: yes",
      "rivera: checkin alex",
      ...ANSWERS.map((a) => `alex: ${a}`),
      "alex: no",
      "alex: see you soon",
      "rivera: summary alex",
    ]);
    const summary = out.find((m) => m.to === "rivera" && m.text.startsWith("alex, check-in 1 ·"))?.text ?? "";
    expect(summary).toContain("Alliance 34/40");
    expect(summary).toContain("Progress 20/40");
    expect(summary).toContain("Comment: see you soon");
    const status = await runCli(["status"], env);
    expect(status.stdout).toContain(`Database: PostgreSQL 127.0.0.1:${server.port}/cli`);
    expect(status.stdout).toContain("Clients: 1 active");
    // Nothing went to the SQLite file of RAPPORT_DB.
    expect((await import("node:fs")).existsSync(env.RAPPORT_DB ?? "")).toBe(false);
  });
});
