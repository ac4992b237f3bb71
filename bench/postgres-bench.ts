import type { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { type LoopFigures, rapportLoops } from "./closed-loop.js";
import { benchPostgres } from "./postgres-server.js";
import type { ScaleSize } from "./scale-data.js";
import { scaleLines, scaleRun } from "./scale-run.js";
import { ms, pct } from "./stats.js";

type Say = (line: string) => void;

const rate = (x: LoopFigures) => x.answers / x.seconds;

const figures = (x: LoopFigures) =>
  `p50 ${ms(pct(x.e2e, 50))}, p99 ${ms(pct(x.e2e, 99))}, ${rate(x).toFixed(0)} answers/s, CPU ${x.cpuMsPerAnswer.toFixed(2)} ms/answer`;

/**
 * The closed loops (tap to next question) on SQLite, on PostgreSQL with one rapport instance and
 * with `instances` instances behind a round-robin, in the same run, at each number of clients.
 * PostgreSQL runs durable (fsync and synchronous commit on); its processes' CPU is counted with
 * rapport's, since SQLite's work happens inside rapport's own process.
 */
export async function postgresLoopsRound(
  fake: FakeTelegram,
  levels: readonly number[],
  rounds: (clients: number) => number,
  instances: number,
  say: Say,
): Promise<void> {
  const pg = await benchPostgres();
  try {
    say(
      `Closed loops, tap to next question, on SQLite and on PostgreSQL (durable; its server's CPU counted with rapport's), 1 and ${instances} instances, same run:`,
    );
    let n = 0;
    for (const clients of levels) {
      const sqlite = await rapportLoops(fake, clients, rounds(clients));
      fake.calls.length = 0;
      const on = async (count: number) =>
        rapportLoops(
          fake,
          clients,
          rounds(clients),
          {},
          {
            databaseUrl: await pg.createDatabase(`loops_${++n}`),
            instances: count,
            serverPids: pg.pids,
          },
        );
      const one = await on(1);
      fake.calls.length = 0;
      const many = await on(instances);
      fake.calls.length = 0;
      say(
        `  ${clients} clients: SQLite ${figures(sqlite)}; PostgreSQL, 1 instance ${figures(one)}; ${instances} instances ${figures(many)}; throughput against SQLite ${(rate(one) / rate(sqlite)).toFixed(2)} and ${(rate(many) / rate(sqlite)).toFixed(2)}`,
      );
    }
  } finally {
    await pg.stop();
  }
}

/**
 * The scale run on PostgreSQL: the generated clinic group copied in by `rapport migrate --from
 * sqlite:`, timed in the engine and served by one instance, then by `instances` on the same database.
 */
export async function postgresScaleRound(
  fake: FakeTelegram,
  size: ScaleSize,
  instances: number,
  say: Say,
): Promise<void> {
  const pg = await benchPostgres();
  try {
    const databaseUrl = await pg.createDatabase("scale");
    const one = await scaleRun(size, fake, { databaseUrl, instances: 1 });
    for (const line of scaleLines(size, one, "PostgreSQL, 1 instance")) say(line);
    const many = await scaleRun(size, fake, { databaseUrl, instances, copiedBefore: true });
    for (const line of scaleLines(size, many, `PostgreSQL, ${instances} instances`)) say(line);
  } finally {
    await pg.stop();
  }
}
