import { readFileSync } from "node:fs";
import pg from "pg";
import { PostgresStore } from "../src/store/postgres/store.js";
import { startPostgres } from "../test/support/postgres.js";

/**
 * What the delivery worker's periodic look at the whole outbox costs on an idle PostgreSQL
 * database: the two queries of one look with nothing to send (sendableRecipients, then
 * nextAttemptAt for the timer), as each `serve` instance runs them every second to find rows
 * another instance queued. The outbox holds `--finished` sent rows (finished rows stay, scrubbed)
 * and a few pending ones waiting for a retry. Prints the time per look and the server's CPU time
 * per look (the backend's utime + stime from /proc).
 *
 *   npx tsx bench/pg-idle-look.ts [--finished N] [--rounds N]
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const finished = option("--finished", 100_000);
const rounds = option("--rounds", 2_000);
const CHANNELS = ["telegram", "slack", "teams"];
const TICKS_PER_SECOND = 100;

/** The backend's CPU time so far, in ms (Linux /proc; USER_HZ is 100 on the machines we run on). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

const server = await startPostgres();
try {
  const url = await server.createDatabase("idle_look");
  const store = await PostgresStore.open(url, new Date(), { poolSize: 1, purpose: "bench" });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    `INSERT INTO outbox (channel, external_id, address, message, status, attempts, next_attempt_at, created_at, sent_at)
     SELECT (ARRAY['telegram', 'slack', 'teams'])[1 + n % 3], '', '{}', '{}', 'sent', 1,
            '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z'
     FROM generate_series(1, $1) AS n`,
    [finished],
  );
  // A few messages waiting for a retry: the look lists nobody, the timer is set for them.
  await admin.query(
    `INSERT INTO outbox (channel, external_id, address, message, status, next_attempt_at, created_at)
     SELECT 'telegram', 'r' || n, '{}', '{}', 'pending', '2099-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
     FROM generate_series(1, 5) AS n`,
  );
  await admin.query("ANALYZE outbox");
  const look = async () => {
    const now = new Date().toISOString();
    const due = await store.sendableRecipients(CHANNELS, now, 1000);
    if (due.length > 0) throw new Error("the look found someone to send to: not idle");
    await store.nextAttemptAt(CHANNELS);
  };
  for (let i = 0; i < 200; i++) await look();
  const backend = (
    await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [
      `rapport bench ${store.instance}`,
    ])
  ).rows[0]?.pid;
  if (!backend) throw new Error("the store's connection was not found");
  const times: number[] = [];
  const cpuBefore = cpuMs(backend);
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await look();
    times.push(performance.now() - started);
  }
  const cpu = cpuMs(backend) - cpuBefore;
  times.sort((x, y) => x - y);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  const p99 = times[Math.floor(times.length * 0.99)] ?? 0;
  console.log(
    `finished rows ${finished}, ${rounds} looks: ${mean.toFixed(3)} ms a look (p99 ${p99.toFixed(3)} ms), server CPU ${(cpu / rounds).toFixed(3)} ms a look`,
  );
  await admin.end();
  store.close();
} finally {
  await server.stop();
}
