import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addTherapist, freshEnv, script } from "../helpers/cli.js";
import { tableFilesHolding } from "../support/pg-files.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * A client's `forget` as the last line of a console script on PostgreSQL, without a data key: the
 * command ends right after the erasure, and the tables it reached are still rewritten before the
 * process exits, so their files hold nothing of the client.
 */
const COMMENT = "PANIC-ATTACKS-on-the-night-bus";

describe.skipIf("missing" in found)("erasure on PostgreSQL, through the built CLI", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("leaves nothing of the client in the table files when the command ends at the erasure", async () => {
    const url = await server.createDatabase("forget");
    const env = freshEnv({ RAPPORT_DATABASE_URL: url });
    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [
      `rivera: link ${link}`,
      "rivera: invite alex",
      "rivera: invite zephyrine",
    ]);
    const codes = setup.flatMap((m) => /^start (\S+)$/m.exec(m.text)?.[1] ?? []);
    await script(env, [
      `alex-id: start ${codes[0]}`,
      "alex-id: yes",
      `zeph-id: start ${codes[1]}`,
      "zeph-id: yes",
      "rivera: checkin alex",
      ...[9, 8, 8, 9, 6, 6, 5, 6, "no"].map((v) => `alex-id: ${v}`),
      "alex-id: a good week",
      "rivera: checkin zephyrine",
      ...[9, 8, 7, 9, 5, 5, 4, 5, "no"].map((v) => `zeph-id: ${v}`),
      `zeph-id: ${COMMENT}`,
    ]);
    const needles = [COMMENT, "zephyrine", "zeph-id"];
    expect(await tableFilesHolding(server, "forget", needles)).toContain(`checkins: ${COMMENT}`);
    const erased = await script(env, ["zeph-id: forget", "zeph-id: yes"]);
    expect(erased.some((m) => m.to === "rivera" && m.text.includes("zephyrine"))).toBe(true);
    expect(await tableFilesHolding(server, "forget", needles)).toEqual([]);
    expect(await tableFilesHolding(server, "forget", ["a good week"])).toEqual(["checkins: a good week"]);
  }, 180_000);
});
