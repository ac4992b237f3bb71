import pino from "pino";
import { describe, expect, it } from "vitest";
import { awayCode, DatabaseReachability, REMINDER_MS } from "../../src/store/reachability.js";

const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });

function reachability() {
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let now = 0;
  const state = new DatabaseReachability(log, "PostgreSQL db.example:5432/rapport", () => now);
  return { state, lines, advance: (ms: number) => (now += ms) };
}

describe("DatabaseReachability", () => {
  it("logs an outage once, a reminder every five minutes, and once when the database is back", () => {
    const { state, lines, advance } = reachability();
    expect(state.failed("delivery pass", coded("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.5:5432"))).toBe(
      true,
    );
    for (let i = 0; i < 100; i++) {
      advance(1_000);
      expect(state.failed(i % 2 ? "timed steps" : "delivery pass", coded("ECONNREFUSED"))).toBe(true);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      database: "PostgreSQL db.example:5432/rapport",
      code: "ECONNREFUSED",
      loop: "delivery pass",
    });
    expect(lines[0]?.msg).toMatch(/^database unreachable/);
    advance(REMINDER_MS);
    state.failed("delivery pass", coded("57P03"));
    state.failed("delivery pass", coded("57P03"));
    expect(lines.slice(1)).toEqual([
      expect.objectContaining({ level: 40, msg: "database still unreachable" }),
    ]);
    state.reached();
    state.reached();
    expect(lines.slice(2)).toEqual([
      expect.objectContaining({ level: 30, msg: "database reachable again", failures: 103 }),
    ]);
    expect(state.reachable).toBe(true);
  });

  it("takes SQLite's codes of a file that cannot be used, and leaves a query's own error to the loop", () => {
    const { state, lines } = reachability();
    expect(state.failed("delivery pass", coded("SQLITE_CONSTRAINT_UNIQUE"))).toBe(false);
    expect(state.failed("delivery pass", coded("SQLITE_LOCKED"))).toBe(false);
    expect(state.failed("delivery pass", new Error('invalid input syntax for type integer: "abc"'))).toBe(
      false,
    );
    expect(lines).toEqual([]);
    expect(state.failed("delivery pass", coded("SQLITE_BUSY", "database is locked"))).toBe(true);
    expect(state.failed("timed steps", coded("SQLITE_IOERR_WRITE"))).toBe(true);
    expect(lines).toHaveLength(1);
  });

  it("knows PostgreSQL's and pg's ways of saying the server is away", () => {
    expect(awayCode(coded("08006"))).toBe("08006");
    expect(awayCode(coded("57P01"))).toBe("57P01");
    expect(awayCode(coded("53300"))).toBe("53300");
    expect(awayCode(new Error("Connection terminated unexpectedly"))).toBe("connection_ended");
    expect(awayCode(coded("23505"))).toBeUndefined();
    // A protocol violation is a query whose parameters do not fit: rapport's bug, not an outage.
    expect(awayCode(coded("08P01"))).toBeUndefined();
    expect(awayCode(coded("08001"))).toBe("08001");
    expect(awayCode("ECONNREFUSED")).toBeUndefined();
  });
});
