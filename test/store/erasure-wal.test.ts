import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
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
