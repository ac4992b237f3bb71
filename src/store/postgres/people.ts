import { clientName, identityValues, toIdentity } from "../common/records.js";
import type { PeopleTx } from "../tx.js";
import type { Code, CodeKind, Person, Role } from "../types.js";
import type { PgContext, Row } from "./context.js";

/**
 * People, their platform identities (the platform id and address sealed, looked up by a keyed
 * hash), and the codes that link them.
 */
export function pgPeople(q: PgContext): PeopleTx {
  const { c } = q;
  const person = (row: Row): Person => ({
    id: Number(row.id),
    role: row.role as Role,
    // A client's name is their alias, sealed; a therapist's is stored as given.
    name: row.role === "client" ? clientName(c, row.name, Number(row.id)) : String(row.name),
    locale: (row.locale as string | null) ?? null,
  });
  return {
    findIdentity: async (channel, externalId) => {
      const row = await q.get("SELECT * FROM identities WHERE channel = $1 AND external_id = $2", [
        channel,
        c.lookup(externalId),
      ]);
      return row ? toIdentity(row, c) : undefined;
    },
    saveIdentity: async (identity, at) => {
      await q.run(
        `INSERT INTO identities (channel, external_id, person_id, address, locale, time_zone, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (channel, external_id) DO UPDATE SET
           person_id = excluded.person_id, address = excluded.address,
           locale = COALESCE(excluded.locale, identities.locale),
           time_zone = COALESCE(excluded.time_zone, identities.time_zone),
           last_seen_at = excluded.last_seen_at,
           unreachable_at = NULL`,
        identityValues(c, identity, at),
      );
    },
    deleteIdentity: async (channel, externalId) => {
      await q.run("DELETE FROM identities WHERE channel = $1 AND external_id = $2", [
        channel,
        c.lookup(externalId),
      ]);
    },
    identitiesOf: async (personId) =>
      (
        await q.all("SELECT * FROM identities WHERE person_id = $1 ORDER BY last_seen_at DESC", [personId])
      ).map((r) => toIdentity(r, c)),
    createPerson: async (role, name, at) =>
      Number(
        (
          await q.get<{ id: number }>(
            "INSERT INTO people (role, name, created_at) VALUES ($1, $2, $3) RETURNING id",
            [role, name, at],
          )
        )?.id,
      ),
    getPerson: async (id) => {
      const row = await q.get("SELECT id, role, name, locale FROM people WHERE id = $1", [id]);
      return row ? person(row) : undefined;
    },
    findTherapistByName: async (name) => {
      const row = await q.get(
        "SELECT id, role, name, locale FROM people WHERE role = 'therapist' AND lower(name) = lower($1) ORDER BY id LIMIT 1",
        [name],
      );
      return row ? person(row) : undefined;
    },
    createCode: async (hash, kind, personId, at, expiresAt) => {
      await q.run(
        "INSERT INTO codes (hash, kind, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        [hash, kind, personId, at, expiresAt],
      );
    },
    findCode: async (hash) => {
      const row = await q.get("SELECT kind, person_id, expires_at, used_at FROM codes WHERE hash = $1", [
        hash,
      ]);
      if (!row) return undefined;
      return {
        kind: row.kind as CodeKind,
        personId: Number(row.person_id),
        expiresAt: String(row.expires_at),
        usedAt: (row.used_at as string | null) ?? null,
      } satisfies Code;
    },
    useCode: async (hash, at) => {
      await q.run("UPDATE codes SET used_at = $1 WHERE hash = $2", [at, hash]);
    },
    revokeCodes: async (personId, kind) => {
      await q.run("DELETE FROM codes WHERE person_id = $1 AND kind = $2 AND used_at IS NULL", [
        personId,
        kind,
      ]);
    },
  };
}
