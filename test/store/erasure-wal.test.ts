import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { eraseByClinic } from "../../src/engine/commands/clinic-erase.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Erasure leaves no byte of the client in the database, its -wal and its -shm files while the
 * store stays open, as it does in a running server: the log still held the erased rows' old pages
 * until a checkpoint.
 */
let c: Conversation;
afterEach(() => c.close());

const COMMENT = "PANIC-ATTACKS-on-the-night-bus";

function filesHolding(db: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const path of [db, `${db}-wal`, `${db}-shm`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const n of needles)
      if (bytes.includes(Buffer.from(n, "utf8"))) found.push(`${path.slice(db.length) || "db"}: ${n}`);
  }
  return found;
}

describe("erasure on a running store", () => {
  it.each(["discharge zephyrine --erase --confirm", "forget"])(
    "leaves nothing in the file, the -wal or the -shm (%s)",
    async (how) => {
      c = new Conversation();
      await c.enrol("rivera", "zephyrine");
      await c.say("rivera", "checkin zephyrine");
      await c.answerAll("zephyrine", [9, 8, 7, 9, 5, 5, 4, 5, "no"], COMMENT);
      await c.say("zephyrine", "i want to die");
      await c.say("rivera", "contact zephyrine sister Marta 0151 000");
      expect(filesHolding(c.dbPath, [COMMENT, "zephyrine"]).length).toBeGreaterThan(0);
      if (how === "forget") {
        const [question] = await c.say("zephyrine", "forget");
        await c.press("zephyrine", "erase", question?.message.ref);
      } else {
        await c.say("rivera", how);
      }
      expect(filesHolding(c.dbPath, [COMMENT, "zephyrine", "want to die", "Marta"])).toEqual([]);
    },
  );
});

/**
 * `rapport client erase` runs in a process of its own beside `rapport serve`: the erasure and its
 * notices are written there, and the server sends the notices. Once it has (their text scrubbed),
 * nothing in the file, its -wal or its -shm names the client: the server checkpoints as after an
 * erasure of its own.
 */
describe("an erasure written by another process", () => {
  it("leaves nothing in the file, the -wal or the -shm once the server has sent its notices", async () => {
    c = new Conversation();
    await c.enrol("rivera", "zephyrine");
    await c.say("rivera", "checkin zephyrine");
    await c.answerAll("zephyrine", [9, 8, 7, 9, 5, 5, 4, 5, "no"], COMMENT);
    await c.say("zephyrine", "i want to die");
    // The command line's own store on the same file, as `rapport client erase zephyrine --yes` opens it.
    const cli = SqliteStore.open(c.dbPath, c.clock.now());
    try {
      await eraseByClinic(cli, c.engine.deps, "zephyrine", { confirmed: true });
    } finally {
      cli.close();
    }
    const sent = await c.tick(60_000);
    expect(sent.find((d) => d.externalId === "rivera")?.message.text).toContain(
      "zephyrine's data has been erased by the practice",
    );
    expect(filesHolding(c.dbPath, [COMMENT, "zephyrine", "want to die"])).toEqual([]);
  });
});
