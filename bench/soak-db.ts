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
  /**
   * The text of each message still queued for a therapist when the run ended: held, not lost (a
   * killed instance's claim keeps its recipient waiting out the lease, longer than a short run).
   */
  queuedToTherapists: { chat: number; text: string }[];
}

export const therapistId = (i: number) => 510_000 + i;
export const clientId = (i: number) => 520_000 + i;

export function sqliteSoakDatabase(dbPath: string): SoakDatabase {
  let enrolled = 0;
  return {
    env: { RAPPORT_DB: dbPath },
    enrol: (pairs) => {
      enrolled = pairs;
      return enrolPairs(dbPath, pairs);
    },
    facts: async () => {
      const db = new Database(dbPath, { readonly: true });
      try {
        const queued = await queuedToTherapists(SqliteStore.open(dbPath), enrolled);
        return await factsFrom(async <T>(sql: string) => db.prepare(sql).all() as T[], queued);
      } finally {
        db.close();
      }
    },
    close: async () => {},
  };
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
  let enrolled = 0;
  return {
    // A small pool each: the test server allows 50 connections, and several instances share it.
    env: { RAPPORT_DATABASE_URL: url, RAPPORT_DATABASE_POOL: "5" },
    enrol: (pairs) => {
      enrolled = pairs;
      return enrolPairs("", pairs, url);
    },
    facts: async () => {
      const store = await PostgresStore.open(url);
      const queued = await queuedToTherapists(store, enrolled);
      await store.ended();
      return factsFrom(query, queued);
    },
    close: () => server.stop(),
  };
}

/**
 * Therapist i and client i, enrolled through the engine on the same database before the run: the
 * SQLite file at `dbPath`, or the PostgreSQL database at `databaseUrl` when given. Store-neutral:
 * the invite codes are read back from the outbox through the store's own reads.
 */
export async function enrolPairs(dbPath: string, pairs: number, databaseUrl?: string): Promise<void> {
  const store: Store = databaseUrl ? await PostgresStore.open(databaseUrl) : SqliteStore.open(dbPath);
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
  const queued = (user: number) => store.pending({ channel: "telegram", recipient: String(user) });
  for (let i = 0; i < pairs; i++) {
    const { code } = await engine.addTherapist(`Dr ${i}`);
    await engine.handle(event(therapistId(i), `link ${code}`));
    await engine.handle(event(therapistId(i), `invite c${i}`));
  }
  const sent: number[] = [];
  for (let i = 0; i < pairs; i++) {
    // The invite code is only in the message to the therapist, read back before it is sent.
    const rows = await queued(therapistId(i));
    const code = rows.map((r) => /start (\S+)/.exec(r.message.text)?.[1]).find(Boolean);
    await engine.handle(event(clientId(i), `start ${code}`));
    await engine.handle(event(clientId(i), "yes"));
    const [toTherapist, toClient] = await Promise.all([queued(therapistId(i)), queued(clientId(i))]);
    // A run whose client never joined would wait for a first question that cannot come.
    if (!toTherapist.some((r) => r.message.text.startsWith(`c${i} joined`))) {
      const replies = toClient.map((r) => JSON.stringify(r.message.text.slice(0, 80))).join(", ");
      throw new Error(`set-up: c${i} did not join with code ${code}; rapport answered ${replies}`);
    }
    for (const rows of [toTherapist, toClient]) sent.push(...rows.map((r) => r.id));
  }
  // What setup queued is not part of the run.
  await store.markSentMany(sent, new Date().toISOString());
  store.close();
}

/** What is still queued for the therapists, read through the store (which opens sealed rows); closes it. */
async function queuedToTherapists(store: Store, pairs: number): Promise<StoredFacts["queuedToTherapists"]> {
  try {
    const texts: StoredFacts["queuedToTherapists"] = [];
    for (let i = 0; i < pairs; i++) {
      const rows = await store.pending({ channel: "telegram", recipient: String(therapistId(i)) });
      texts.push(...rows.map((r) => ({ chat: therapistId(i), text: r.message.text })));
    }
    return texts;
  } finally {
    store.close();
  }
}

async function factsFrom(
  rows: <T>(sql: string) => Promise<T[]>,
  queued: StoredFacts["queuedToTherapists"],
): Promise<StoredFacts> {
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
    queuedToTherapists: queued,
  };
}
