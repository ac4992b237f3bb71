import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { eraseByClinic } from "../../src/engine/commands/clinic-erase.js";
import { Conversation } from "../helpers/conversation.js";
import { testStore } from "../support/store-matrix.js";

/**
 * `rapport client erase ALIAS --yes`: the clinic erases a client with a full history (check-ins,
 * a comment, a disclosure with its open alert, messages still queued about them and to them)
 * through the one erasure path; afterwards no table, and on SQLite no byte of the file, holds
 * anything of them.
 */
let c: Conversation;
afterEach(() => c.close());

const MARKER = "QUOKKA-my-sister-and-the-night-bus";
const NEEDLES = ["client-77", "zephyrine", MARKER, "want to die", "Marta"];

/** Every value of every table that holds one of the needles, as `table: value`. */
async function leftovers(): Promise<string[]> {
  const found: string[] = [];
  for (const table of await c.tables()) {
    for (const row of await c.rows(`SELECT * FROM "${table}"`)) {
      for (const v of Object.values(row).map((x) => (x instanceof Buffer ? x.toString("utf8") : String(x))))
        if (NEEDLES.some((n) => v.includes(n))) found.push(`${table}: ${v}`);
    }
  }
  return found;
}

function fileLeftovers(db: string): string[] {
  return [db, `${db}-wal`, `${db}-shm`].flatMap((path) => {
    if (!existsSync(path)) return [];
    const bytes = readFileSync(path);
    return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, "utf8"))).map((n) => `${path}: ${n}`);
  });
}

describe("the clinic erases a client (rapport client erase)", () => {
  it("on disk: without --yes only counts; with it, nothing of the client is left in any table or in the file", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [invite] = await c.say("rivera", "invite zephyrine");
    await c.say("client-77", `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
    await c.say("client-77", "yes");
    await c.say("rivera", "checkin zephyrine");
    await c.answerAll("client-77", [9, 8, 7, 9, 5, 5, 4, 5, "no"], MARKER);
    await c.say("client-77", `I want to die ${MARKER}`);
    await c.say("rivera", "contact zephyrine sister Marta 0151 000");
    await c.say("rivera", "schedule zephyrine weekly mon 10:00 50m");
    // Queued and not yet sent: a summary about them, and their own data to them.
    await c.engine.handle(c.event("rivera", { kind: "text", text: "summary zephyrine" }));
    await c.engine.handle(c.event("client-77", { kind: "text", text: "mydata" }));
    expect(await c.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(2);
    expect((await leftovers()).length).toBeGreaterThan(0);

    const preview = await eraseByClinic(c.store, c.engine.deps, "Zephyrine", { confirmed: false });
    expect(preview).toMatchObject({
      alias: "zephyrine",
      therapist: "Dr Rivera",
      checkins: 1,
      comments: 1,
      riskAlerts: 1,
      openAlert: true,
      riskEvents: 1,
      emergencyContact: true,
      schedule: true,
      channels: ["console"],
    });
    expect(await c.clientCount()).toBe(1);

    await eraseByClinic(c.store, c.engine.deps, "zephyrine", { confirmed: true });
    const told = await c.tick(60_000);
    const notice = told.find((d) => d.externalId === "rivera")?.message;
    expect(notice?.urgent).toBe(true);
    expect(notice?.text).toMatch(
      /^zephyrine's data has been erased by the practice \(rapport client erase\)/,
    );
    expect(notice?.text).toContain("Their urgent alert 1 was still open");
    expect(told.find((d) => d.externalId === "client-77")?.message.text).toBe(
      "Your practice erased everything rapport held about you. Take care.",
    );
    // The queued summary and data file were withdrawn, not sent.
    expect(told.map((d) => d.message.text).join("\n")).not.toContain(MARKER);
    expect(await leftovers()).toEqual([]);
    expect(await c.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toBe(0);
    expect(await c.rows("SELECT event, actor FROM audit")).toEqual([
      { event: "client_erased", actor: "clinic" },
    ]);
    if (testStore() === "sqlite") expect(fileLeftovers(c.dbPath)).toEqual([]);
  });

  it("refuses an unknown alias, naming it, and erases nothing", async () => {
    c = new Conversation();
    await c.enrol("rivera", "alex");
    await expect(eraseByClinic(c.store, c.engine.deps, "bob", { confirmed: true })).rejects.toThrow(
      'no client "bob"',
    );
    expect(await c.clientCount()).toBe(1);
  });
});
