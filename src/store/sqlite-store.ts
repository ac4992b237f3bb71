import { closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { RapportError } from "../errors.js";
import type { Address, OutboundMessage } from "../model.js";
import { type DbLock, takeLock } from "./db-lock.js";
import { type DataKey, type FieldCrypto, fieldCrypto } from "./field-crypto.js";
import { MIGRATIONS } from "./migrations.js";
import {
  CURRENT_FORMAT,
  planSealing,
  readSealing,
  refuseSealing,
  type SealingState,
  writeSealing,
} from "./sealing.js";
import { SerialQueue } from "./serial-queue.js";
import { sqliteAdmin } from "./sqlite-admin.js";
import { migrate, schemaVersion } from "./sqlite-migrate.js";
import { answerPlace, identityPlace, nextId, outboxPlace, place } from "./sqlite-places.js";
import { oldReader, reseal } from "./sqlite-reseal.js";
import { sqliteRisk } from "./sqlite-risk.js";
import { sqliteRules } from "./sqlite-rules.js";
import type {
  Answer,
  CaseloadEntry,
  Checkin,
  Client,
  ClientData,
  ClientStatus,
  Code,
  CodeKind,
  CompletedCheckin,
  EpisodeScores,
  ExportRow,
  Identity,
  Job,
  OutboxRow,
  Person,
  PlanItem,
  Recipient,
  Role,
  Schedule,
  Store,
  StoredFit,
  Tx,
} from "./types.js";

type Row = Record<string, unknown>;

const URGENT_PRIORITY = 10;

/**
 * A finished outbox row keeps no content and no address: the outbox is a queue, not an
 * archive, and what was sent to a person must not outlive an erasure in it.
 */
const SCRUB = "external_id = '', address = '{}', message = '{}'";

/** The first pending message of each recipient: the ones behind it wait for it, so questions stay in order. */
const FIRST_PENDING = `NOT EXISTS (
  SELECT 1 FROM outbox p
  WHERE p.status = 'pending' AND p.channel = o.channel AND p.external_id = o.external_id
    AND p.id < o.id AND p.priority >= o.priority)`;

/** The database's folder and files that others than the owner may read: said at start, not changed. */
export function widePermissions(path: string): string[] {
  if (path === ":memory:") return [];
  return [dirname(path), path, `${path}-wal`, `${path}-shm`].filter(
    (p) => existsSync(p) && (statSync(p).mode & 0o077) !== 0,
  );
}

export interface OpenOptions {
  /** RAPPORT_DATA_KEY first, then any older key that values may still be sealed with. */
  keys?: readonly DataKey[];
  /** Takes the database's lock for this purpose ("serve"): refused while another process holds it. */
  hold?: string;
}

/**
 * Brings every sealed value to the configured key and the current form, in one transaction,
 * under the database's lock (taken here unless the caller holds it), then rewrites the file so
 * no page keeps a value in its old form.
 */
function resealFile(
  db: Database.Database,
  path: string,
  state: SealingState,
  keys: readonly DataKey[],
  crypto: FieldCrypto,
  takeOwnLock: boolean,
): number {
  const lock = takeOwnLock ? takeLock(path, "re-sealing the database") : undefined;
  try {
    let count = 0;
    db.transaction(() => {
      count = reseal(db, oldReader(state, crypto, keys), crypto, state.format < CURRENT_FORMAT);
      // Hashes of the earlier version's fixed key could be reversed: dropped, not carried over.
      if (state.format < CURRENT_FORMAT) db.exec("DELETE FROM code_attempts");
      writeSealing(db, { ...state, keyId: keys[0]?.id ?? null, format: CURRENT_FORMAT });
    }).immediate();
    if (path !== ":memory:") db.exec("VACUUM");
    return count;
  } finally {
    lock?.release();
  }
}

/** A client's name (their alias), sealed and bound to their person row. */
function clientName(c: FieldCrypto, stored: unknown, personId: number): string {
  return c.open(String(stored), place("people", "name", personId));
}

/** An answer's value: a number as stored, or opened from its sealed text. */
function answerValue(
  c: FieldCrypto,
  checkinId: number,
  instrument: string,
  item: string,
  v: unknown,
): number {
  return Number(c.enabled ? c.open(String(v), answerPlace(checkinId, instrument, item)) : v);
}

/** The embedded default: one SQLite file in WAL mode, foreign keys on. */
export class SqliteStore implements Store {
  private readonly queue = new SerialQueue();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly tx: Tx;
  /**
   * After an erasure commits, the write-ahead log still holds the erased rows' old pages until a
   * checkpoint: it is checkpointed (and truncated) at once, and again once the notices of the
   * erasure (which name the client to their therapist) are sent and scrubbed.
   */
  private erasedInTransaction = false;
  /** Outbox rows given up in the open transaction: an erasure's notice among them checkpoints. */
  private scrubbedInTransaction: number[] = [];
  private readonly checkpointWhenSent = new Set<number>();

  private constructor(
    private readonly db: Database.Database,
    private readonly crypto: FieldCrypto,
    private readonly lock: DbLock | undefined,
    /** How many values opening re-sealed (a new key, or values in an earlier form); null: none needed. */
    readonly resealed: number | null,
  ) {
    this.tx = this.buildTx();
  }

  /**
   * Opens (creating the folder and file if needed), migrates to the latest schema, and brings the
   * sealed fields to the configured key: re-sealed at once when a key is new or the values are
   * in an earlier form, or refused when the database is sealed with a key that is not given.
   * `hold` takes the database's lock for a long-running process (`serve`).
   */
  static open(path: string, now: Date = new Date(), options: OpenOptions = {}): SqliteStore {
    const keys = options.keys ?? [];
    // Health data: the folder is the owner's alone (0700) and so is the file (0600); SQLite gives
    // its -wal and -shm files the file's own permissions.
    if (path !== ":memory:") {
      if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
    }
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (cause) {
      throw new RapportError(`RAPPORT_DB: cannot open ${path}: ${(cause as Error).message}`, "db_open", {
        cause,
      });
    }
    let lock: DbLock | undefined;
    try {
      lock = options.hold ? takeLock(path, options.hold) : undefined;
      db.pragma("journal_mode = WAL");
      db.pragma("foreign_keys = ON");
      // Deleted and overwritten content is zeroed on disk, not left in free pages: an erased
      // client, or a value from before encryption, must not be readable from the file.
      db.pragma("secure_delete = ON");
      db.pragma("synchronous = NORMAL");
      // Another rapport process (a CLI command beside `serve`) may hold the write lock briefly.
      db.pragma("busy_timeout = 5000");
      const latest = MIGRATIONS.at(-1)?.version ?? 0;
      const applied = migrate(db, now.toISOString());
      if (schemaVersion(db) > latest) {
        throw new RapportError(
          `RAPPORT_DB: ${path} has schema version newer than this rapport knows (${latest}); upgrade rapport`,
          "db_version",
        );
      }
      const state = readSealing(db, keys, applied.includes(1));
      const plan = planSealing(state, keys);
      if (plan.kind === "refuse") refuseSealing(plan.message);
      const crypto = fieldCrypto(keys, state.secret);
      const resealed = plan.kind === "reseal" ? resealFile(db, path, state, keys, crypto, !lock) : null;
      return new SqliteStore(db, crypto, lock, resealed);
    } catch (error) {
      lock?.release();
      db.close();
      throw error;
    }
  }

  /**
   * A client's pseudonym in exports: a keyed hash of their record id, with a key derived for
   * this purpose (from RAPPORT_DATA_KEY, or the database's own secret).
   */
  pseudonym(clientId: number): string {
    return `p-${this.crypto.digest("pseudonym", String(clientId)).slice(0, 12)}`;
  }

  /** The raw connection, for tests and tools that inspect the file. */
  get connection(): Database.Database {
    return this.db;
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // Prepared once: BEGIN and COMMIT run for every inbound event.
      this.stmt("BEGIN IMMEDIATE").run();
      try {
        const result = await fn(this.tx);
        this.stmt("COMMIT").run();
        if (this.erasedInTransaction) this.checkpoint();
        if (this.scrubbedInTransaction.length > 0) this.afterScrub(this.scrubbedInTransaction);
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      } finally {
        this.erasedInTransaction = false;
        this.scrubbedInTransaction = [];
      }
    });
  }

  /** Moves the log into the file and truncates it, so no page of an erased client stays behind. */
  private checkpoint(): void {
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  /** After marking rows sent or failed: a checkpoint if one of them was an erasure's notice. */
  private afterScrub(ids: readonly number[]): void {
    let due = false;
    for (const id of ids) due = this.checkpointWhenSent.delete(id) || due;
    if (due) this.checkpoint();
  }

  exportAnswers(): Promise<ExportRow[]> {
    return this.queue.run(async () =>
      (
        this.stmt(
          `SELECT ch.client_id AS clientId, ch.episode_id AS episodeId, ch.id AS checkinId, ch.seq AS seq,
             ch.completed_at AS completedAt, a.instrument AS instrument, a.item AS item, a.value AS value,
             a.answered_at AS answeredAt
           FROM checkins ch JOIN answers a ON a.checkin_id = ch.id
           WHERE ch.status = 'completed' ORDER BY ch.id, a.answered_at, a.instrument, a.item`,
        ).all() as ExportRow[]
      ).map((r) => ({ ...r, value: answerValue(this.crypto, r.checkinId, r.instrument, r.item, r.value) })),
    );
  }

  finishedEpisodeScores(): Promise<EpisodeScores[]> {
    return this.queue.run(async () => {
      const rows = this.stmt(
        `SELECT e.id AS episode_id, c.age AS age, ch.id AS checkin_id, a.item AS item, a.value AS value
         FROM episodes e
         JOIN clients c ON c.person_id = e.client_id
         JOIN checkins ch ON ch.episode_id = e.id AND ch.status = 'completed'
         JOIN answers a ON a.checkin_id = ch.id AND a.instrument = 'progress'
         WHERE e.ended_at IS NOT NULL
         ORDER BY e.id, ch.id`,
      ).all() as {
        episode_id: number;
        age: number | null;
        checkin_id: number;
        item: string;
        value: unknown;
      }[];
      // Summed here, not in SQL: the values may be sealed.
      const episodes: EpisodeScores[] = [];
      let checkinId = 0;
      for (const row of rows) {
        let current = episodes.at(-1);
        if (current?.episodeId !== row.episode_id) {
          current = { episodeId: row.episode_id, age: row.age, scores: [] };
          episodes.push(current);
        }
        const value = answerValue(this.crypto, row.checkin_id, "progress", row.item, row.value);
        if (row.checkin_id !== checkinId) current.scores.push(value);
        else current.scores[current.scores.length - 1] = (current.scores.at(-1) ?? 0) + value;
        checkinId = row.checkin_id;
      }
      for (const e of episodes) e.scores = e.scores.map((t) => Math.round(t * 10) / 10);
      return episodes;
    });
  }

  saveFit(fit: Omit<StoredFit, "id">): Promise<number> {
    return this.queue.run(async () =>
      Number(
        this.stmt(
          "INSERT INTO trajectory_fits (b0, b1, sigma, episodes, points, fitted_at) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(fit.b0, fit.b1, fit.sigma, fit.episodes, fit.points, fit.fittedAt).lastInsertRowid,
      ),
    );
  }

  sendableRecipients(channels: readonly string[], now: string, limit: number): Promise<Recipient[]> {
    return this.queue.run(async () => {
      if (channels.length === 0) return [];
      const marks = channels.map(() => "?").join(", ");
      // Only who has a message that may go now (by the same rule as nextSendable: a recipient whose
      // first message waits for a retry is not listed), urgent first, then oldest first. Nothing
      // is decrypted here: this runs whenever something is queued.
      return this.stmt(
        `SELECT o.channel, o.external_id AS recipient FROM outbox o
         WHERE o.status = 'pending' AND o.channel IN (${marks}) AND o.next_attempt_at <= ?
           AND ${FIRST_PENDING}
         GROUP BY o.channel, o.external_id
         ORDER BY MAX(o.priority) DESC, MIN(o.id)
         LIMIT ?`,
      ).all(...channels, now, limit) as Recipient[];
    });
  }

  nextSendable(due: Recipient, now: string): Promise<OutboxRow | undefined> {
    return this.queue.run(async () => {
      // A message waits while an earlier one to the same recipient is still pending, so that
      // questions arrive in order; urgent messages do not wait behind ordinary ones.
      // INDEXED BY: left to itself the planner walks every due row of the channel (outbox_pending)
      // looking for this recipient, which costs more the more clients are waiting.
      const row = this.stmt(
        `SELECT o.* FROM outbox o INDEXED BY outbox_recipient
         WHERE o.status = 'pending' AND o.channel = ? AND o.external_id = ? AND o.next_attempt_at <= ?
           AND ${FIRST_PENDING}
         ORDER BY o.priority DESC, o.id
         LIMIT 1`,
      ).get(due.channel, due.recipient, now) as Row | undefined;
      return row ? toOutboxRow(row, this.crypto) : undefined;
    });
  }

  /** Marks several sent messages in one write: one commit per delivery pass, not per message. */
  markSentMany(ids: readonly number[], at: string): Promise<void> {
    return this.queue.run(async () => {
      const mark = this.stmt(
        `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, ${SCRUB}
         WHERE id = ?`,
      );
      this.db.transaction(() => {
        for (const id of ids) mark.run(at, id);
      })();
      this.afterScrub(ids);
    });
  }

  markSent(id: number, at: string): Promise<void> {
    return this.queue.run(async () => {
      this.stmt(
        `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, ${SCRUB}
         WHERE id = ?`,
      ).run(at, id);
      this.afterScrub([id]);
    });
  }

  markRetry(id: number, error: string, nextAttemptAt: string, counts = true): Promise<void> {
    return this.queue.run(async () => {
      this.stmt(
        "UPDATE outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
      ).run(counts ? 1 : 0, error, nextAttemptAt, id);
    });
  }

  markFailed(id: number, error: string, at: string): Promise<void> {
    return this.queue.run(async () => {
      this.stmt(
        `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, sent_at = ?, ${SCRUB}
         WHERE id = ?`,
      ).run(error, at, id);
      this.afterScrub([id]);
    });
  }

  nextAttemptAt(channels: readonly string[]): Promise<string | undefined> {
    return this.queue.run(async () => {
      if (channels.length === 0) return undefined;
      const marks = channels.map(() => "?").join(", ");
      // Only the first pending message of each recipient counts: the ones behind it wait for it.
      const row = this.stmt(
        `SELECT MIN(o.next_attempt_at) AS due FROM outbox o
         WHERE o.status = 'pending' AND o.channel IN (${marks})
           AND ${FIRST_PENDING}`,
      ).get(...channels) as { due: string | null };
      return row.due ?? undefined;
    });
  }

  ping(): Promise<void> {
    return this.queue.run(async () => {
      this.stmt("SELECT 1").get();
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private buildTx(): Tx {
    const s = (sql: string) => this.stmt(sql);
    const c = this.crypto;
    const CLIENTS = "SELECT cl.*, p.name AS name FROM clients cl JOIN people p ON p.id = cl.person_id";
    const checkinsWithAnswers = (rows: Row[]): CompletedCheckin[] => {
      const answers = s("SELECT instrument, item, value FROM answers WHERE checkin_id = ?");
      return rows.map((row) => {
        const checkin = toCheckin(row, c);
        const byKey = new Map(
          (answers.all(checkin.id) as Row[]).map((a) => [`${a.instrument}.${a.item}`, a]),
        );
        // Answers in the order of the plan, which is the order they were asked.
        const ordered: Answer[] = [];
        for (const p of checkin.plan) {
          const a = byKey.get(`${p.instrument}.${p.item}`);
          if (a) ordered.push({ ...p, value: answerValue(c, checkin.id, p.instrument, p.item, a.value) });
        }
        return { ...checkin, answers: ordered };
      });
    };

    const tx: Tx = {
      ...sqliteRisk(s, c),
      ...sqliteRules(s, c),
      ...sqliteAdmin(s, c),
      // A keyed hash of the event id: a Slack press's id carries the presser's user id.
      recordInbound: async (channel, eventId, at) =>
        s("INSERT OR IGNORE INTO inbound_events (channel, event_id, received_at) VALUES (?, ?, ?)").run(
          channel,
          c.digest("inbound-events", `${channel}:${eventId}`),
          at,
        ).changes === 1,

      findIdentity: async (channel, externalId) => {
        const row = s("SELECT * FROM identities WHERE channel = ? AND external_id = ?").get(
          channel,
          c.lookup(externalId),
        ) as Row | undefined;
        return row ? toIdentity(row, c) : undefined;
      },
      saveIdentity: async (identity, at) => {
        s(
          `INSERT INTO identities (channel, external_id, person_id, address, locale, time_zone, last_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (channel, external_id) DO UPDATE SET
             person_id = excluded.person_id, address = excluded.address,
             locale = COALESCE(excluded.locale, identities.locale),
             time_zone = COALESCE(excluded.time_zone, identities.time_zone),
             last_seen_at = excluded.last_seen_at,
             unreachable_at = NULL`,
        ).run(
          identity.channel,
          c.lookup(identity.externalId),
          identity.personId,
          c.seal(
            JSON.stringify({ externalId: identity.externalId, address: identity.address }),
            identityPlace(identity.channel, c.lookup(identity.externalId)),
          ),
          identity.locale,
          identity.timeZone ?? null,
          at,
        );
      },
      markUnreachable: async (channel, externalId, at) => {
        const changed = s(
          `UPDATE identities SET unreachable_at = ? WHERE channel = ? AND external_id = ? AND unreachable_at IS NULL
           RETURNING person_id`,
        ).get(at, channel, c.lookup(externalId)) as { person_id: number } | undefined;
        s(
          `UPDATE outbox SET status = 'failed', last_error = 'recipient unreachable', sent_at = ?, ${SCRUB}
           WHERE status = 'pending' AND channel = ? AND external_id = ?`,
        ).run(at, channel, c.lookup(externalId));
        return changed?.person_id;
      },
      failDelivery: async (outboxId, error, at) => {
        s(
          `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, sent_at = ?, ${SCRUB}
           WHERE id = ?`,
        ).run(error, at, outboxId);
        this.scrubbedInTransaction.push(outboxId);
      },
      deleteIdentity: async (channel, externalId) => {
        s("DELETE FROM identities WHERE channel = ? AND external_id = ?").run(channel, c.lookup(externalId));
      },
      identitiesOf: async (personId) =>
        (
          s("SELECT * FROM identities WHERE person_id = ? ORDER BY last_seen_at DESC").all(personId) as Row[]
        ).map((r) => toIdentity(r, c)),

      createPerson: async (role: Role, name, at) =>
        Number(
          s("INSERT INTO people (role, name, created_at) VALUES (?, ?, ?)").run(role, name, at)
            .lastInsertRowid,
        ),
      getPerson: async (id) => {
        const row = s("SELECT id, role, name, locale FROM people WHERE id = ?").get(id) as Row | undefined;
        // A client's name is their alias, sealed; a therapist's is stored as given.
        return row
          ? ({
              ...(row as unknown as Person),
              name: row.role === "client" ? clientName(c, row.name, Number(row.id)) : String(row.name),
            } as Person)
          : undefined;
      },

      createCode: async (hash, kind, personId, at, expiresAt) => {
        s("INSERT INTO codes (hash, kind, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)").run(
          hash,
          kind,
          personId,
          at,
          expiresAt,
        );
      },
      findCode: async (hash) => {
        const row = s("SELECT kind, person_id, expires_at, used_at FROM codes WHERE hash = ?").get(hash) as
          | Row
          | undefined;
        if (!row) return undefined;
        return {
          kind: row.kind as CodeKind,
          personId: Number(row.person_id),
          expiresAt: String(row.expires_at),
          usedAt: (row.used_at as string | null) ?? null,
        } satisfies Code;
      },
      useCode: async (hash, at) => {
        s("UPDATE codes SET used_at = ? WHERE hash = ?").run(at, hash);
      },
      revokeCodes: async (personId, kind) => {
        s("DELETE FROM codes WHERE person_id = ? AND kind = ? AND used_at IS NULL").run(personId, kind);
      },

      createClient: async (therapistId, alias, at) => {
        const personId = nextId(s, "people");
        s("INSERT INTO people (id, role, name, created_at) VALUES (?, 'client', ?, ?)").run(
          personId,
          c.seal(alias, place("people", "name", personId)),
          at,
        );
        // The alias is looked up by its keyed hash; the readable alias is the person's sealed name.
        s(
          "INSERT INTO clients (person_id, therapist_id, alias, status, created_at) VALUES (?, ?, ?, 'invited', ?)",
        ).run(personId, therapistId, c.lookup(alias), at);
        return { personId, therapistId, alias, status: "invited", age: null };
      },
      findClient: async (therapistId, alias) => {
        const row = s(`${CLIENTS} WHERE cl.therapist_id = ? AND cl.alias = ?`).get(
          therapistId,
          c.lookup(alias),
        ) as Row | undefined;
        return row ? toClient(row, c) : undefined;
      },
      getClient: async (personId) => {
        const row = s(`${CLIENTS} WHERE cl.person_id = ?`).get(personId) as Row | undefined;
        return row ? toClient(row, c) : undefined;
      },
      setClientStatus: async (personId, status: ClientStatus) => {
        s("UPDATE clients SET status = ? WHERE person_id = ?").run(status, personId);
      },
      recordConsent: async (clientId, version, choice, at) => {
        s("INSERT INTO consents (client_id, version, choice, at) VALUES (?, ?, ?, ?)").run(
          clientId,
          version,
          choice,
          at,
        );
      },
      caseload: async (therapistId) => {
        // Sorted here: in the database the aliases are hashes.
        const clients = (s(`${CLIENTS} WHERE cl.therapist_id = ?`).all(therapistId) as Row[])
          .map((r) => toClient(r, c))
          .sort((a, b) => a.alias.localeCompare(b.alias));
        const lastCompleted = s(
          "SELECT * FROM checkins WHERE client_id = ? AND status = 'completed' ORDER BY id DESC LIMIT 1",
        );
        const open = s("SELECT * FROM checkins WHERE client_id = ? AND status = 'open'");
        const latestEpisode = s("SELECT ended_at FROM episodes WHERE client_id = ? ORDER BY id DESC LIMIT 1");
        return clients.map((client): CaseloadEntry => {
          const lastRow = lastCompleted.get(client.personId) as Row | undefined;
          const openRow = open.get(client.personId) as Row | undefined;
          const episode = latestEpisode.get(client.personId) as { ended_at: string | null } | undefined;
          return {
            client,
            last: lastRow ? (checkinsWithAnswers([lastRow])[0] ?? null) : null,
            open: openRow ? toCheckin(openRow, c) : null,
            dischargedAt: episode?.ended_at ?? null,
          };
        });
      },

      setClientAge: async (personId, age) => {
        s("UPDATE clients SET age = ? WHERE person_id = ?").run(age, personId);
      },
      findTherapistByName: async (name) => {
        const row = s(
          "SELECT id, role, name, locale FROM people WHERE role = 'therapist' AND lower(name) = lower(?) ORDER BY id LIMIT 1",
        ).get(name) as Row | undefined;
        return row ? (row as unknown as Person) : undefined;
      },
      episodesOf: async (clientId) =>
        (
          s("SELECT id, started_at, ended_at FROM episodes WHERE client_id = ? ORDER BY id").all(
            clientId,
          ) as {
            id: number;
            started_at: string;
            ended_at: string | null;
          }[]
        ).map((e) => ({ id: e.id, startedAt: e.started_at, endedAt: e.ended_at })),
      endEpisode: async (clientId, at) => {
        const episode = s(
          "SELECT id FROM episodes WHERE client_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
        ).get(clientId) as { id: number } | undefined;
        if (!episode) return undefined;
        s("UPDATE checkins SET status = 'cancelled' WHERE episode_id = ? AND status = 'open'").run(
          episode.id,
        );
        s("UPDATE episodes SET ended_at = ? WHERE id = ?").run(at, episode.id);
        const { n } = s(
          "SELECT COUNT(*) AS n FROM checkins WHERE episode_id = ? AND status = 'completed'",
        ).get(episode.id) as { n: number };
        return { episodeId: episode.id, completed: n };
      },

      openCheckin: async (clientId) => {
        const row = s("SELECT * FROM checkins WHERE client_id = ? AND status = 'open'").get(clientId) as
          | Row
          | undefined;
        return row ? toCheckin(row, c) : undefined;
      },
      createCheckin: async (clientId, plan: PlanItem[], at) => {
        let episode = s(
          "SELECT id FROM episodes WHERE client_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
        ).get(clientId) as { id: number } | undefined;
        if (!episode) {
          const id = Number(
            s("INSERT INTO episodes (client_id, started_at) VALUES (?, ?)").run(clientId, at).lastInsertRowid,
          );
          episode = { id };
        }
        const { n } = s("SELECT COUNT(*) AS n FROM checkins WHERE episode_id = ?").get(episode.id) as {
          n: number;
        };
        const id = Number(
          s(
            "INSERT INTO checkins (client_id, episode_id, seq, status, step, plan, created_at) VALUES (?, ?, ?, 'open', 0, ?, ?)",
          ).run(clientId, episode.id, n + 1, JSON.stringify(plan), at).lastInsertRowid,
        );
        return toCheckin(s("SELECT * FROM checkins WHERE id = ?").get(id) as Row, c);
      },
      saveAnswer: async (checkinId, answer, at) => {
        s(
          "INSERT INTO answers (checkin_id, instrument, item, value, answered_at) VALUES (?, ?, ?, ?, ?)",
        ).run(
          checkinId,
          answer.instrument,
          answer.item,
          c.enabled
            ? c.seal(String(answer.value), answerPlace(checkinId, answer.instrument, answer.item))
            : answer.value,
          at,
        );
      },
      setCheckinStep: async (checkinId, step) => {
        s("UPDATE checkins SET step = ? WHERE id = ?").run(step, checkinId);
      },
      completeCheckin: async (checkinId, comment, at) => {
        s("UPDATE checkins SET status = 'completed', comment = ?, completed_at = ? WHERE id = ?").run(
          comment === null ? null : c.seal(comment, place("checkins", "comment", checkinId)),
          at,
          checkinId,
        );
      },
      completedCheckins: async (clientId) =>
        checkinsWithAnswers(
          s("SELECT * FROM checkins WHERE client_id = ? AND status = 'completed' ORDER BY id").all(
            clientId,
          ) as Row[],
        ),

      setClientTimeZone: async (personId, zone) => {
        s("UPDATE clients SET time_zone = ? WHERE person_id = ?").run(zone, personId);
      },
      clientZone: async (personId) => {
        const row = s(
          `SELECT COALESCE(c.time_zone,
             (SELECT i.time_zone FROM identities i WHERE i.person_id = c.person_id AND i.time_zone IS NOT NULL
              ORDER BY i.last_seen_at DESC LIMIT 1)) AS zone
           FROM clients c WHERE c.person_id = ?`,
        ).get(personId) as { zone: string | null } | undefined;
        return row?.zone ?? null;
      },
      setPaused: async (personId, at) =>
        s(
          at === null
            ? "UPDATE clients SET paused_at = NULL WHERE person_id = ? AND paused_at IS NOT NULL"
            : "UPDATE clients SET paused_at = ? WHERE person_id = ? AND paused_at IS NULL",
        ).run(...(at === null ? [personId] : [at, personId])).changes === 1,

      saveSchedule: async (schedule, at) => {
        s(
          `INSERT INTO schedules (client_id, weekday, time, duration_min, plan, next_after_at, next_before_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (client_id) DO UPDATE SET weekday = excluded.weekday, time = excluded.time,
             duration_min = excluded.duration_min, plan = excluded.plan,
             next_after_at = excluded.next_after_at, next_before_at = excluded.next_before_at`,
        ).run(
          schedule.clientId,
          schedule.weekday,
          schedule.time,
          schedule.durationMin,
          schedule.plan,
          schedule.nextAfterAt,
          schedule.nextBeforeAt,
          at,
        );
      },
      deleteSchedule: async (clientId) =>
        s("DELETE FROM schedules WHERE client_id = ?").run(clientId).changes === 1,
      getSchedule: async (clientId) => {
        const row = s("SELECT * FROM schedules WHERE client_id = ?").get(clientId) as Row | undefined;
        return row ? toSchedule(row) : undefined;
      },
      dueSchedules: async (now) =>
        (
          s(
            "SELECT * FROM schedules WHERE next_after_at <= ? OR (next_before_at IS NOT NULL AND next_before_at <= ?)",
          ).all(now, now) as Row[]
        ).map(toSchedule),
      addJob: async (kind, clientId, dueAt, at, checkinId) => {
        s(
          "INSERT INTO jobs (kind, client_id, checkin_id, due_at, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
        ).run(kind, clientId, checkinId ?? null, dueAt, at);
      },
      dueJobs: async (now, limit) =>
        (
          s("SELECT * FROM jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?").all(
            now,
            limit,
          ) as Row[]
        ).map((row) => ({
          id: Number(row.id),
          kind: row.kind as Job["kind"],
          clientId: Number(row.client_id),
          checkinId: row.checkin_id === null ? null : Number(row.checkin_id),
          dueAt: String(row.due_at),
        })),
      finishJob: async (id, note, at) => {
        s("UPDATE jobs SET status = 'done', note = ?, done_at = ? WHERE id = ?").run(note, at, id);
      },
      postponeJob: async (id, dueAt) => {
        s("UPDATE jobs SET due_at = ? WHERE id = ?").run(dueAt, id);
      },
      addPause: async (clientId, from, to, at) => {
        s("INSERT INTO pauses (client_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?)").run(
          clientId,
          from,
          to,
          at,
        );
      },
      liftPauses: async (clientId, today) =>
        s("DELETE FROM pauses WHERE client_id = ? AND to_date >= ?").run(clientId, today).changes,
      pausesOf: async (clientId) =>
        s(
          'SELECT from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = ? ORDER BY from_date',
        ).all(clientId) as { from: string; to: string }[],
      expireCheckin: async (checkinId, at) =>
        s("UPDATE checkins SET status = 'expired', completed_at = ? WHERE id = ? AND status = 'open'").run(
          at,
          checkinId,
        ).changes === 1,

      therapistsForDigest: async () =>
        (
          s(
            `SELECT p.id AS id, d.last_sent_at AS last
             FROM people p LEFT JOIN digests d ON d.therapist_id = p.id
             WHERE p.role = 'therapist' AND EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id)`,
          ).all() as { id: number; last: string | null }[]
        ).map((r) => ({ id: r.id, lastSentAt: r.last })),
      digestFacts: async (therapistId, since, today) => {
        const caseload = await tx.caseload(therapistId);
        // Aliases are read from the clients' sealed names and sorted here, not in SQL.
        const named = <T extends { alias: string }>(rows: T[]): T[] =>
          (rows as (T & { pid: number })[])
            .map(({ pid, ...r }) => ({ ...r, alias: clientName(c, r.alias, pid) }) as unknown as T)
            .sort((a, b) => a.alias.localeCompare(b.alias));
        const warnings = named(
          s(
            `SELECT pp.id AS pid, pp.name AS alias, w.id AS id, w.rule AS rule FROM warnings w JOIN clients cl ON cl.person_id = w.client_id
             JOIN people pp ON pp.id = cl.person_id
             WHERE cl.therapist_id = ? AND w.sent = 1 AND w.created_at >= ? ORDER BY w.id`,
          ).all(therapistId, since) as { alias: string; id: number; rule: string }[],
        ).map(({ id, ...w }) => ({ ...w, rule: c.open(w.rule, place("warnings", "rule", id)) }));
        const expired = named(
          s(
            `SELECT pp.id AS pid, pp.name AS alias, ch.completed_at AS at FROM checkins ch JOIN clients cl ON cl.person_id = ch.client_id
             JOIN people pp ON pp.id = cl.person_id
             WHERE cl.therapist_id = ? AND ch.status = 'expired' AND ch.completed_at >= ?`,
          ).all(therapistId, since) as { alias: string; at: string }[],
        );
        const pauses = named(
          s(
            `SELECT pp.id AS pid, pp.name AS alias, p.from_date AS "from", p.to_date AS "to" FROM pauses p JOIN clients cl ON cl.person_id = p.client_id
             JOIN people pp ON pp.id = cl.person_id
             WHERE cl.therapist_id = ? AND p.to_date >= ? ORDER BY p.from_date`,
          ).all(therapistId, today) as { alias: string; from: string; to: string }[],
        );
        const unreachable = named(
          s(
            `SELECT pp.id AS pid, pp.name AS alias, i.channel AS channel FROM identities i JOIN clients cl ON cl.person_id = i.person_id
             JOIN people pp ON pp.id = cl.person_id
             WHERE cl.therapist_id = ? AND i.unreachable_at IS NOT NULL`,
          ).all(therapistId) as { alias: string; channel: string }[],
        );
        return { caseload, warnings, expired, pauses, unreachable };
      },
      markDigestSent: async (therapistId, at) => {
        s(
          `INSERT INTO digests (therapist_id, last_sent_at) VALUES (?, ?) ON CONFLICT (therapist_id)
           DO UPDATE SET previous_sent_at = digests.last_sent_at, last_sent_at = excluded.last_sent_at`,
        ).run(therapistId, at);
      },

      saveAssessment: async (checkinId, assessment) => {
        s("UPDATE checkins SET assessment = ? WHERE id = ?").run(
          c.seal(JSON.stringify(assessment), place("checkins", "assessment", checkinId)),
          checkinId,
        );
      },
      currentFit: async () => {
        const row = s("SELECT * FROM trajectory_fits ORDER BY id DESC LIMIT 1").get() as Row | undefined;
        return row ? toFit(row) : undefined;
      },
      recordWarning: async (w, at) => {
        const id = nextId(s, "warnings");
        s(
          `INSERT INTO warnings (id, client_id, episode_id, checkin_id, rule, severity, sent, fit_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          w.clientId,
          w.episodeId,
          w.checkinId,
          c.seal(w.rule, place("warnings", "rule", id)),
          c.enabled ? c.seal(String(w.severity), place("warnings", "severity", id)) : w.severity,
          w.sent ? 1 : 0,
          w.fitId,
          at,
        );
      },
      latestConsent: async (clientId) =>
        s("SELECT version, choice FROM consents WHERE client_id = ? ORDER BY id DESC LIMIT 1").get(
          clientId,
        ) as { version: number; choice: "given" | "declined" } | undefined,
      setForgetRequested: async (clientId, at) => {
        s("UPDATE clients SET forget_requested_at = ? WHERE person_id = ?").run(at, clientId);
      },
      forgetRequestedAt: async (clientId) =>
        (
          s("SELECT forget_requested_at AS at FROM clients WHERE person_id = ?").get(clientId) as
            | { at: string | null }
            | undefined
        )?.at ?? null,
      eraseClient: async (clientId, actor, at) => {
        s("DELETE FROM outbox WHERE about_person_id = ? AND status = 'pending'").run(clientId);
        // Queued caseload messages (a digest, a reply to `clients`) name every client of the
        // therapist: withdrawn, and a withdrawn digest is made again without the client.
        const therapist = s("SELECT therapist_id AS id FROM clients WHERE person_id = ?").get(clientId) as
          | { id: number }
          | undefined;
        if (therapist) {
          const withdrawn = s(
            `DELETE FROM outbox WHERE person_id = ? AND about_person_id = ? AND status = 'pending'
             RETURNING created_at AS at`,
          ).all(therapist.id, therapist.id) as { at: string }[];
          for (const row of withdrawn) {
            s(
              `UPDATE digests SET last_sent_at = previous_sent_at, previous_sent_at = NULL
               WHERE therapist_id = ? AND last_sent_at = ? AND previous_sent_at IS NOT NULL`,
            ).run(therapist.id, row.at);
          }
        }
        s("UPDATE outbox SET about_person_id = NULL WHERE about_person_id = ?").run(clientId);
        // Everything else about the client cascades from the person.
        s("DELETE FROM people WHERE id = ? AND role = 'client'").run(clientId);
        // The day only: an exact time would match the erased client's last rows elsewhere (logs, events).
        s("INSERT INTO audit (event, actor, at) VALUES ('client_erased', ?, ?)").run(actor, at.slice(0, 10));
        // The notices of this erasure, queued in the same transaction, name the client until sent.
        for (const row of s("SELECT id FROM outbox WHERE status = 'pending' AND created_at = ?").all(at) as {
          id: number;
        }[]) {
          this.checkpointWhenSent.add(row.id);
        }
        this.erasedInTransaction = true;
      },
      clientData: async (clientId) => {
        const client = s(`${CLIENTS} WHERE cl.person_id = ?`).get(clientId) as Row;
        const therapist = s("SELECT name FROM people WHERE id = ?").get(client.therapist_id) as {
          name: string;
        };
        const checkins = (
          s("SELECT * FROM checkins WHERE client_id = ? ORDER BY id").all(clientId) as Row[]
        ).map((r) => toCheckin(r, c));
        const answers = s("SELECT instrument, item, value FROM answers WHERE checkin_id = ?");
        const scheduleRow = s("SELECT * FROM schedules WHERE client_id = ?").get(clientId) as Row | undefined;
        return {
          alias: clientName(c, client.name, clientId),
          therapist: therapist.name,
          status: client.status as ClientStatus,
          age: client.age === null ? null : Number(client.age),
          timeZone: (client.time_zone as string | null) ?? null,
          pausedAt: (client.paused_at as string | null) ?? null,
          identities: s("SELECT channel, last_seen_at AS since FROM identities WHERE person_id = ?").all(
            clientId,
          ) as {
            channel: string;
            since: string;
          }[],
          consents: s("SELECT version, choice, at FROM consents WHERE client_id = ? ORDER BY id").all(
            clientId,
          ) as {
            version: number;
            choice: string;
            at: string;
          }[],
          checkins: checkins.map((ch) => ({
            ...ch,
            answers: (answers.all(ch.id) as Answer[]).map((a) => ({
              ...a,
              value: answerValue(c, ch.id, a.instrument, a.item, a.value),
            })),
          })),
          riskAlerts: s(
            `SELECT source, created_at AS at, acknowledged_at AS acknowledgedAt, escalated_at AS escalatedAt
             FROM risk_alerts WHERE client_id = ? ORDER BY id`,
          ).all(clientId) as ClientData["riskAlerts"],
          riskEvents: (await tx.riskEvents(clientId)).map((e) => ({
            tier: e.tier,
            words: e.words,
            text: e.text,
            safetyAnswer: e.safetyAnswer,
            at: e.at,
          })),
          emergencyContact: await tx.emergencyContact(clientId),
          schedule: scheduleRow ? toSchedule(scheduleRow) : null,
          pauses: s('SELECT from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = ?').all(
            clientId,
          ) as {
            from: string;
            to: string;
          }[],
        };
      },
      setEraseRequested: async (clientId, at) => {
        s("UPDATE clients SET erase_requested_at = ? WHERE person_id = ?").run(at, clientId);
      },
      eraseRequestOf: async (therapistId) => {
        const row = s(
          `SELECT person_id AS clientId, erase_requested_at AS at FROM clients
           WHERE therapist_id = ? AND erase_requested_at IS NOT NULL ORDER BY erase_requested_at DESC LIMIT 1`,
        ).get(therapistId) as { clientId: number; at: string } | undefined;
        return row;
      },
      recordCodeAttempt: async (sender, at) => {
        s("INSERT INTO code_attempts (sender_hash, at) VALUES (?, ?)").run(
          c.digest("code-attempts", sender),
          at,
        );
      },
      codeAttemptsSince: async (sender, since) =>
        (
          s("SELECT COUNT(*) AS n FROM code_attempts WHERE sender_hash = ? AND at > ?").get(
            c.digest("code-attempts", sender),
            since,
          ) as { n: number }
        ).n,
      pruneSeen: async (before) => {
        s("DELETE FROM inbound_events WHERE received_at < ?").run(before);
        s("DELETE FROM code_attempts WHERE at < ?").run(before);
      },

      enqueue: async (personId, message: OutboundMessage, at, via, about) => {
        let target: Row | undefined;
        if (via && via.personId === personId) {
          target = s(
            "SELECT channel, external_id, address FROM identities WHERE channel = ? AND external_id = ? AND unreachable_at IS NULL",
          ).get(via.channel, c.lookup(via.externalId)) as Row | undefined;
        }
        target ??= s(
          `SELECT channel, external_id, address FROM identities
           WHERE person_id = ? AND unreachable_at IS NULL ORDER BY last_seen_at DESC LIMIT 1`,
        ).get(personId) as Row | undefined;
        const priority = message.urgent ? URGENT_PRIORITY : 0;
        if (!target) {
          // Kept, without content, not dropped: the row shows that a message could not be sent to anyone.
          s(
            `INSERT INTO outbox (person_id, about_person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at, last_error)
             VALUES (?, ?, '', '', '{}', ?, ?, 'failed', ?, ?, 'no reachable identity')`,
          ).run(personId, about ?? null, "{}", priority, at, at);
          return;
        }
        const id = nextId(s, "outbox");
        // The address is sealed again for the row it is copied into: a sealed value opens only in its place.
        const address = c.open(
          String(target.address),
          identityPlace(String(target.channel), String(target.external_id)),
        );
        s(
          `INSERT INTO outbox (id, person_id, about_person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        ).run(
          id,
          personId,
          about ?? null,
          target.channel,
          target.external_id,
          c.seal(address, outboxPlace("address", id)),
          c.seal(JSON.stringify(message), outboxPlace("message", id)),
          priority,
          at,
          at,
        );
      },
      enqueueDirect: async (channel, externalId, address, message, at) => {
        const id = nextId(s, "outbox");
        s(
          `INSERT INTO outbox (id, person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
           VALUES (?, NULL, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        ).run(
          id,
          channel,
          c.lookup(externalId),
          c.seal(JSON.stringify({ externalId, address }), outboxPlace("address", id)),
          c.seal(JSON.stringify(message), outboxPlace("message", id)),
          message.urgent ? URGENT_PRIORITY : 0,
          at,
          at,
        );
      },
    };
    return tx;
  }
}

function toIdentity(row: Row, c: FieldCrypto): Identity {
  // The platform id and address are sealed together; the external_id column holds their lookup hash.
  const { externalId, address } = JSON.parse(
    c.open(String(row.address), identityPlace(String(row.channel), String(row.external_id))),
  ) as {
    externalId: string;
    address: Address;
  };
  return {
    channel: String(row.channel),
    externalId,
    personId: Number(row.person_id),
    address,
    locale: (row.locale as string | null) ?? null,
    timeZone: (row.time_zone as string | null) ?? null,
    unreachableAt: (row.unreachable_at as string | null) ?? null,
  };
}

function toClient(row: Row, c: FieldCrypto): Client {
  return {
    personId: Number(row.person_id),
    therapistId: Number(row.therapist_id),
    alias: clientName(c, row.name, Number(row.person_id)),
    status: row.status as ClientStatus,
    age: row.age === null || row.age === undefined ? null : Number(row.age),
    timeZone: (row.time_zone as string | null) ?? null,
    pausedAt: (row.paused_at as string | null) ?? null,
    resumeQuestion: row.resume_question === 1,
  };
}

function toSchedule(row: Row): Schedule {
  return {
    clientId: Number(row.client_id),
    weekday: Number(row.weekday),
    time: String(row.time),
    durationMin: Number(row.duration_min),
    plan: row.plan as Schedule["plan"],
    nextAfterAt: String(row.next_after_at),
    nextBeforeAt: (row.next_before_at as string | null) ?? null,
  };
}

function toFit(row: Row): StoredFit {
  return {
    id: Number(row.id),
    b0: Number(row.b0),
    b1: Number(row.b1),
    sigma: Number(row.sigma),
    episodes: Number(row.episodes),
    points: Number(row.points),
    fittedAt: String(row.fitted_at),
  };
}

function toCheckin(row: Row, c: FieldCrypto): Checkin {
  return {
    id: Number(row.id),
    clientId: Number(row.client_id),
    episodeId: Number(row.episode_id),
    seq: Number(row.seq),
    status: row.status as Checkin["status"],
    step: Number(row.step),
    plan: JSON.parse(String(row.plan)) as PlanItem[],
    comment:
      row.comment === null || row.comment === undefined
        ? null
        : c.open(String(row.comment), place("checkins", "comment", Number(row.id))),
    createdAt: String(row.created_at),
    completedAt: (row.completed_at as string | null) ?? null,
    assessment: row.assessment
      ? JSON.parse(c.open(String(row.assessment), place("checkins", "assessment", Number(row.id))))
      : undefined,
  };
}

function toOutboxRow(row: Row, c: FieldCrypto): OutboxRow {
  const { externalId, address } = JSON.parse(
    c.open(String(row.address), outboxPlace("address", Number(row.id))),
  ) as {
    externalId: string;
    address: Address;
  };
  return {
    id: Number(row.id),
    personId: row.person_id === null ? null : Number(row.person_id),
    channel: String(row.channel),
    externalId,
    address,
    message: JSON.parse(
      c.open(String(row.message), outboxPlace("message", Number(row.id))),
    ) as OutboundMessage,
    attempts: Number(row.attempts),
  };
}
