import { clientName, identityValues, toIdentity } from "../common/records.js";
import type { PeopleTx } from "../tx.js";
import type { Code, CodeKind, Person, Role } from "../types.js";
import type { Row, SqlContext } from "./context.js";

/**
 * People, their platform identities (the platform id and address sealed, looked up by a keyed
 * hash), and the codes that link them.
 */
export function sqlitePeople({ s, c }: SqlContext): PeopleTx {
  return {
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
      ).run(...identityValues(c, identity, at));
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
        s("INSERT INTO people (role, name, created_at) VALUES (?, ?, ?)").run(role, name, at).lastInsertRowid,
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
    findTherapistByName: async (name) => {
      const row = s(
        "SELECT id, role, name, locale FROM people WHERE role = 'therapist' AND lower(name) = lower(?) ORDER BY id LIMIT 1",
      ).get(name) as Row | undefined;
      return row ? (row as unknown as Person) : undefined;
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
  };
}
