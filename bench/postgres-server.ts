import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startPostgres, type TestPostgres } from "../test/support/postgres.js";
import { cpuMs } from "./closed-loop.js";

/**
 * A PostgreSQL server for a bench round: the test's throwaway server, durable (fsync and
 * synchronous commit on, as a clinic runs it), with its processes listed so their CPU can be
 * counted with rapport's.
 */
export async function benchPostgres(): Promise<TestPostgres & { cpuMs: () => number }> {
  const pg = await startPostgres({ durable: true });
  return { ...pg, cpuMs: () => serverCpuMs(pg.dir) };
}

/**
 * The server's CPU so far: the postmaster's own and its ended children's (it reaps every
 * connection's process when it ends), and its live children's. Read afresh each time, since
 * connections come and go during a round.
 */
function serverCpuMs(dir: string): number {
  const [main, ...children] = postgresPids(dir);
  let total = cpuMs(main ?? 0, true);
  for (const pid of children) {
    try {
      total += cpuMs(pid);
    } catch {
      // Ended since listed: its time is now the postmaster's children's.
    }
  }
  return total;
}

/** The postmaster (first line of data/postmaster.pid) and every process it started. */
function postgresPids(dir: string): number[] {
  const main = Number(readFileSync(join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === main;
      } catch {
        return false; // Ended while listing.
      }
    })
    .map(Number);
  return [main, ...children];
}
