import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startPostgres, type TestPostgres } from "../test/support/postgres.js";

/**
 * A PostgreSQL server for a bench round: the test's throwaway server, durable (fsync and
 * synchronous commit on, as a clinic runs it), with its processes listed so their CPU can be
 * counted with rapport's.
 */
export async function benchPostgres(): Promise<TestPostgres & { pids: () => number[] }> {
  const pg = await startPostgres({ durable: true });
  return { ...pg, pids: () => postgresPids(pg.dir) };
}

/** The postmaster (first line of data/postmaster.pid) and every process it started. */
export function postgresPids(dir: string): number[] {
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
