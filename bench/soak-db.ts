import Database from "better-sqlite3";
import pg from "pg";
import { ManualClock } from "../src/clock.js";
import { Engine } from "../src/engine/engine.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { Store } from "../src/store/store.js";
import { testDeps } from "../test/helpers/conversation.js";
import { startPostgres } from "../test/support/postgres.js";

/**
 * The soak's database: the SQLite file of one server, or a throwaway PostgreSQL server
 * (test/support/postgres.ts) that several servers share. It enrols the pairs before the run and
 * reads back, after it, what the check needs.
 */
export interface SoakDatabase {
  /** What a `rapport serve` needs in its environment to use this database. */
  env: Record<string, string>;
  /** Therapist i and client i, enrolled through the engine before the run. */
  enrol(pairs: number): Promise<void>;
  /** What was stored: each answer, each check-in's plan, and how many check-ins were completed. */
  facts(): Promise<StoredFacts>;
  close(): Promise<void>;
}

export interface StoredFacts {
  /** `${checkinId}:${instrument}.${item}` of every stored answer. */
  answered: Set<string>;
  plans: Map<number, { instrument: string; item: string }[]>;
  completed: number;
}

export const therapistId = (i: number) => 510_000 + i;
export const clientId = (i: number) => 520_000 + i;

/** The outbox as enrolment reads and settles it, in each database's own terms. */
interface SetupOutbox {
  pendingMessages(): Promise<string[]>;
  markPendingSent(): Promise<void>;
}

/** The SQLite file at `dbPath` (made by the first open). */
export function sqliteSoakDatabase(dbPath: string): SoakDatabase {
  return {
    env: { RAPPORT_DB: dbPath },
    enrol: async (pairs) => {
      const store = SqliteStore.open(dbPath);
      try {
        await enrolWith(store, pairs, {
          pendingMessages: async () =>
            (
              store.connection.prepare("SELECT message FROM outbox WHERE status = 'pending'").all() as {
                message: string;
              }[]
            ).map((r) => r.message),
          markPendingSent: async () => {
            store.connection.exec("UPDATE outbox SET status = 'sent' WHERE status = 'pending'");
          },
        });
      } finally {
        store.close();
      }
    },
    facts: async () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return await factsFrom(async <T>(sql: string) => db.prepare(sql).all() as T[]);
      } finally {
        db.close();
      }
    },
    close: async () => {},
  };
}

/** Therapist i and client i enrolled in the SQLite file at `dbPath` (the benches' clinics too). */
export function enrolPairs(dbPath: string, pairs: number): Promise<void> {
  return sqliteSoakDatabase(dbPath).enrol(pairs);
}

/** A throwaway PostgreSQL server with one database for every instance of the run. */
export async function postgresSoakDatabase(): Promise<SoakDatabase> {
  const server = await startPostgres();
  const url = await server.createDatabase("soak");
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    // A small pool each: the test server allows 50 connections, and several instances share it.
    env: { RAPPORT_DATABASE_URL: url, RAPPORT_DATABASE_POOL: "5" },
    enrol: async (pairs) => {
      const store = await PostgresStore.open(url);
      try {
        await enrolWith(store, pairs, {
          pendingMessages: async () =>
            (await query<{ message: string }>("SELECT message FROM outbox WHERE status = 'pending'")).map(
              (r) => r.message,
            ),
          markPendingSent: async () => {
            await query("UPDATE outbox SET status = 'sent' WHERE status = 'pending'");
          },
        });
      } finally {
        store.close();
      }
    },
    facts: () => factsFrom(query),
    close: () => server.stop(),
  };
}

async function enrolWith(store: Store, pairs: number, db: SetupOutbox): Promise<void> {
  const engine = new Engine(store, testDeps(new ManualClock(new Date())));
  let id = 0;
  const event = (user: number, text: string) => ({
    channel: "telegram",
    id: `setup-${++id}`,
    sender: { id: String(user) },
    address: { chatId: user },
    direct: true,
    input: { kind: "text" as const, text },
  });
  for (let i = 0; i < pairs; i++) {
    const { code } = await engine.addTherapist(`Dr ${i}`);
    await engine.handle(event(therapistId(i), `link ${code}`));
    await engine.handle(event(therapistId(i), `invite c${i}`));
  }
  // The invite codes are only in the messages; read them back from the outbox before it is sent.
  const codes = (await db.pendingMessages())
    .map((message) => /start (\S+)/.exec((JSON.parse(message) as { text: string }).text)?.[1])
    .filter((c): c is string => Boolean(c));
  for (let i = 0; i < pairs; i++) {
    await engine.handle(event(clientId(i), `start ${codes[i]}`));
    await engine.handle(event(clientId(i), "yes"));
  }
  // What setup queued is not part of the run.
  await db.markPendingSent();
}

async function factsFrom(rows: <T>(sql: string) => Promise<T[]>): Promise<StoredFacts> {
  const answers = await rows<{ checkin_id: number; instrument: string; item: string }>(
    "SELECT checkin_id, instrument, item FROM answers",
  );
  const checkins = await rows<{ id: number; plan: string; status: string }>(
    "SELECT id, plan, status FROM checkins",
  );
  return {
    answered: new Set(answers.map((a) => `${Number(a.checkin_id)}:${a.instrument}.${a.item}`)),
    plans: new Map(
      checkins.map((c) => [Number(c.id), JSON.parse(c.plan) as { instrument: string; item: string }[]]),
    ),
    completed: checkins.filter((c) => c.status === "completed").length,
  };
}
