import pg from "pg";
import postgres from "postgres";
import { startPostgres } from "../test/support/postgres.js";

/**
 * node-postgres (`pg`) against postgres.js on this project's statement shapes, on a throwaway
 * server (test/support/postgres.ts) over loopback TCP: an insert with RETURNING, a point select by
 * key, and a transaction of 17 statements shaped like one check-in answer (event id recorded,
 * sender, client, open check-in, alert and concern looked up, answer saved, step moved, outbox row
 * queued). Each is run one at a time (latency) and by 8 callers at once on a pool of 8 (throughput).
 *
 *   npx tsx bench/pg-driver-bench.ts [--durable] [--rounds N]
 *
 * --durable keeps the server's default durability (fsync, synchronous commit): commits then wait
 * for the disk, as in production; without it the figures are the drivers' own cost.
 */

const args = process.argv.slice(2);
const durable = args.includes("--durable");
const rounds = Number(args[args.indexOf("--rounds") + 1] || 2000);
const CONCURRENCY = 8;

const SCHEMA = `
CREATE TABLE people (id BIGSERIAL PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL, locale TEXT, created_at TEXT NOT NULL);
CREATE TABLE identities (channel TEXT NOT NULL, external_id TEXT NOT NULL, person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  address TEXT NOT NULL, locale TEXT, time_zone TEXT, last_seen_at TEXT NOT NULL, unreachable_at TEXT, PRIMARY KEY (channel, external_id));
CREATE INDEX identities_person ON identities(person_id, last_seen_at);
CREATE TABLE clients (person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE, therapist_id BIGINT NOT NULL REFERENCES people(id),
  alias TEXT NOT NULL, status TEXT NOT NULL, paused_at TEXT, resume_question BOOLEAN NOT NULL DEFAULT false, created_at TEXT NOT NULL);
CREATE TABLE checkins (id BIGSERIAL PRIMARY KEY, client_id BIGINT NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, status TEXT NOT NULL, step INTEGER NOT NULL DEFAULT 0, plan TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE UNIQUE INDEX checkins_one_open ON checkins(client_id) WHERE status = 'open';
CREATE TABLE answers (checkin_id BIGINT NOT NULL REFERENCES checkins(id) ON DELETE CASCADE, instrument TEXT NOT NULL, item TEXT NOT NULL,
  value TEXT NOT NULL, answered_at TEXT NOT NULL, PRIMARY KEY (checkin_id, instrument, item));
CREATE TABLE risk_alerts (id BIGSERIAL PRIMARY KEY, client_id BIGINT NOT NULL, acknowledged_at TEXT);
CREATE INDEX risk_alerts_open ON risk_alerts(client_id) WHERE acknowledged_at IS NULL;
CREATE TABLE risk_events (id BIGSERIAL PRIMARY KEY, client_id BIGINT NOT NULL, safety_question TEXT);
CREATE INDEX risk_events_client ON risk_events(client_id, id);
CREATE TABLE inbound_events (channel TEXT NOT NULL, event_id TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (channel, event_id));
CREATE TABLE outbox (id BIGSERIAL PRIMARY KEY, person_id BIGINT, channel TEXT NOT NULL, external_id TEXT NOT NULL, address TEXT NOT NULL,
  message TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, next_attempt_at TEXT NOT NULL, created_at TEXT NOT NULL);
`;

/** One check-in answer's statements, as [sql with $n, params]; `n` makes each run's keys its own. */
function answerStatements(n: number, clientId: number, checkinId: number): [string, unknown[]][] {
  const at = new Date(Date.UTC(2026, 11, 1) + n * 1000).toISOString();
  const sender = `c${clientId}`;
  return [
    [
      "INSERT INTO inbound_events (channel, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      ["telegram", `e${n}`, at],
    ],
    ["SELECT * FROM identities WHERE channel = $1 AND external_id = $2", ["telegram", sender]],
    [
      "UPDATE identities SET last_seen_at = $1, unreachable_at = NULL WHERE channel = $2 AND external_id = $3",
      [at, "telegram", sender],
    ],
    ["SELECT id, role, name, locale FROM people WHERE id = $1", [clientId]],
    [
      "SELECT cl.*, p.name AS name FROM clients cl JOIN people p ON p.id = cl.person_id WHERE cl.person_id = $1",
      [clientId],
    ],
    [
      "SELECT * FROM risk_alerts WHERE client_id = $1 AND acknowledged_at IS NULL ORDER BY id DESC LIMIT 1",
      [clientId],
    ],
    [
      "SELECT * FROM risk_events WHERE client_id = $1 AND safety_question IN ('pending', 'reasked') ORDER BY id DESC LIMIT 1",
      [clientId],
    ],
    ["SELECT * FROM checkins WHERE client_id = $1 AND status = 'open'", [clientId]],
    [
      "INSERT INTO answers (checkin_id, instrument, item, value, answered_at) VALUES ($1, $2, $3, $4, $5)",
      [checkinId, "progress", `i${n}`, "7", at],
    ],
    ["UPDATE checkins SET step = step + 1 WHERE id = $1", [checkinId]],
    ["SELECT instrument, item, value FROM answers WHERE checkin_id = $1 AND item = $2", [checkinId, `i${n}`]],
    ["SELECT therapist_id FROM clients WHERE person_id = $1", [clientId]],
    [
      "SELECT channel, external_id, address FROM identities WHERE person_id = $1 AND unreachable_at IS NULL ORDER BY last_seen_at DESC LIMIT 1",
      [clientId],
    ],
    [
      `INSERT INTO outbox (person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 0, 'pending', $6, $6) RETURNING id`,
      [clientId, "telegram", sender, '{"chatId":1}', '{"kind":"question","text":"next"}', at],
    ],
    [
      "UPDATE outbox SET message = $1 WHERE id = (SELECT MAX(id) FROM outbox WHERE person_id = $2)",
      ['{"kind":"question","text":"next!"}', clientId],
    ],
    ["SELECT COUNT(*) AS n FROM checkins WHERE client_id = $1", [clientId]],
    ["SELECT 1 FROM people WHERE id = $1", [clientId]],
  ];
}

interface Driver {
  name: string;
  insertReturning(n: number): Promise<number>;
  pointSelect(id: number): Promise<unknown>;
  answer(n: number, clientId: number, checkinId: number): Promise<void>;
  end(): Promise<void>;
}

function pgDriver(url: string, named: boolean): Driver {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  // Named statements are prepared once per connection; unnamed ones are parsed at every call.
  const q = (client: pg.Pool | pg.PoolClient, text: string, values: unknown[]) =>
    client.query(named ? { name: `s${hash(text)}`, text, values } : { text, values });
  return {
    name: named ? "pg, named (prepared) statements" : "pg",
    insertReturning: async (n) =>
      Number(
        (
          await q(pool, "INSERT INTO people (role, name, created_at) VALUES ($1, $2, $3) RETURNING id", [
            "therapist",
            `t${n}`,
            "2026-12-01",
          ])
        ).rows[0].id,
      ),
    pointSelect: async (id) =>
      (await q(pool, "SELECT id, role, name, locale FROM people WHERE id = $1", [id])).rows[0],
    answer: async (n, clientId, checkinId) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        for (const [text, values] of answerStatements(n, clientId, checkinId)) await q(client, text, values);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

function postgresJsDriver(url: string): Driver {
  const sql = postgres(url, { max: CONCURRENCY, onnotice: () => {} });
  return {
    name: "postgres.js",
    insertReturning: async (n) =>
      Number(
        (
          await sql`INSERT INTO people (role, name, created_at) VALUES (${"therapist"}, ${`t${n}`}, ${"2026-12-01"}) RETURNING id`
        )[0]?.id,
      ),
    pointSelect: async (id) => (await sql`SELECT id, role, name, locale FROM people WHERE id = ${id}`)[0],
    answer: async (n, clientId, checkinId) => {
      await sql.begin(async (tx) => {
        for (const [text, values] of answerStatements(n, clientId, checkinId)) {
          await tx.unsafe(text, values as postgres.ParameterOrJSON<never>[], { prepare: true });
        }
      });
    },
    end: () => sql.end(),
  };
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<Figures> {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        await work(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { perSecond: count / elapsed, p50: at(0.5), p99: at(0.99) };
}

const show = (f: Figures) =>
  `${f.perSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms`;

async function main(): Promise<void> {
  const server = await startPostgres({ durable });
  try {
    const drivers: ((url: string) => Driver)[] = [
      (url) => pgDriver(url, false),
      (url) => pgDriver(url, true),
      (url) => postgresJsDriver(url),
    ];
    console.log(
      `PostgreSQL ${server.bin.split("/").at(-2)}, ${durable ? "default durability" : "fsync off"}, loopback TCP, ${rounds} rounds, pool of ${CONCURRENCY}`,
    );
    // Each driver twice, alternating, on databases of its own: the second pass is reported (warm).
    for (const pass of [1, 2]) {
      for (const [index, make] of drivers.entries()) {
        const url = await server.createDatabase(`bench_${pass}_${index}`);
        const setup = new pg.Client({ connectionString: url });
        await setup.connect();
        await setup.query(SCHEMA);
        const clients = 64;
        for (let c = 1; c <= clients; c++) {
          await setup.query(
            "INSERT INTO people (id, role, name, created_at) VALUES ($1, 'client', $2, 'x')",
            [c, `p${c}`],
          );
          await setup.query(
            "INSERT INTO identities (channel, external_id, person_id, address, last_seen_at) VALUES ('telegram', $1, $2, '{}', 'x')",
            [`c${c}`, c],
          );
          await setup.query(
            "INSERT INTO clients (person_id, therapist_id, alias, status, created_at) VALUES ($1, $1, $2, 'active', 'x')",
            [c, `a${c}`],
          );
          await setup.query(
            "INSERT INTO checkins (id, client_id, seq, status, plan, created_at) VALUES ($1, $1, 1, 'open', '[]', 'x')",
            [c],
          );
        }
        await setup.query("SELECT setval('people_id_seq', 1000)");
        await setup.end();
        const driver = make(url);
        const results: string[] = [];
        for (const concurrency of [1, CONCURRENCY]) {
          const base = concurrency * 10 * rounds;
          const insert = await measure(rounds, concurrency, (i) => driver.insertReturning(base + i));
          const select = await measure(rounds, concurrency, (i) => driver.pointSelect(1 + (i % clients)));
          const tx = await measure(Math.ceil(rounds / 4), concurrency, (i) =>
            driver.answer(base + i, 1 + (i % clients), 1 + (i % clients)),
          );
          results.push(
            `  ${concurrency === 1 ? "one at a time" : `${concurrency} at once`}: insert RETURNING ${show(insert)}; point select ${show(select)}; 17-statement transaction ${show(tx)}`,
          );
        }
        await driver.end();
        if (pass === 2) console.log(`- ${driver.name}\n${results.join("\n")}`);
      }
    }
  } finally {
    await server.stop();
  }
}

await main();
