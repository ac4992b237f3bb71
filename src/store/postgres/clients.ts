import { place } from "../common/places.js";
import { CLIENT_FOR_TURN, CLIENTS, toClient, toClientForTurn } from "../common/records.js";
import type { ClientsTx } from "../tx.js";
import { nextId, type PgContext } from "./context.js";

/**
 * A client's record: the alias (looked up by a keyed hash, readable as the person's sealed
 * name), status, consent, age, time zone, pause, instrument plan and language.
 */
export function pgClients(q: PgContext): ClientsTx {
  const { c } = q;
  return {
    createClient: async (therapistId, alias, at) => {
      const personId = await nextId(q, "people");
      await q.run("INSERT INTO people (id, role, name, created_at) VALUES ($1, 'client', $2, $3)", [
        personId,
        c.seal(alias, place("people", "name", personId)),
        at,
      ]);
      // The alias is looked up by its keyed hash; the readable alias is the person's sealed name.
      await q.run(
        "INSERT INTO clients (person_id, therapist_id, alias, status, created_at) VALUES ($1, $2, $3, 'invited', $4)",
        [personId, therapistId, c.lookup(alias), at],
      );
      return { personId, therapistId, alias, status: "invited", age: null };
    },
    findClient: async (therapistId, alias) => {
      const row = await q.get(`${CLIENTS} WHERE cl.therapist_id = $1 AND cl.alias = $2`, [
        therapistId,
        c.lookup(alias),
      ]);
      return row ? toClient(row, c) : undefined;
    },
    getClient: async (personId) => {
      const row = await q.get(`${CLIENT_FOR_TURN} WHERE cl.person_id = $1`, [personId]);
      return row ? toClientForTurn(row, c) : undefined;
    },
    setClientStatus: async (personId, status) => {
      await q.run("UPDATE clients SET status = $1 WHERE person_id = $2", [status, personId]);
    },
    setClientAge: async (personId, age) => {
      await q.run("UPDATE clients SET age = $1 WHERE person_id = $2", [age, personId]);
    },
    recordConsent: async (clientId, version, choice, at) => {
      await q.run("INSERT INTO consents (client_id, version, choice, at) VALUES ($1, $2, $3, $4)", [
        clientId,
        version,
        choice,
        at,
      ]);
    },
    latestConsent: async (clientId) =>
      q.get<{ version: number; choice: "given" | "declined" }>(
        "SELECT version, choice FROM consents WHERE client_id = $1 ORDER BY id DESC LIMIT 1",
        [clientId],
      ),
    setClientTimeZone: async (personId, zone) => {
      await q.run("UPDATE clients SET time_zone = $1 WHERE person_id = $2", [zone, personId]);
    },
    clientZone: async (personId) => {
      const row = await q.get<{ zone: string | null }>(
        `SELECT COALESCE(c.time_zone,
           (SELECT i.time_zone FROM identities i WHERE i.person_id = c.person_id AND i.time_zone IS NOT NULL
            ORDER BY i.last_seen_at DESC LIMIT 1)) AS zone
         FROM clients c WHERE c.person_id = $1`,
        [personId],
      );
      return row?.zone ?? null;
    },
    setPaused: async (personId, at, until = null) => {
      if (at === null)
        return (
          (await q.run(
            "UPDATE clients SET paused_at = NULL, paused_until = NULL WHERE person_id = $1 AND paused_at IS NOT NULL",
            [personId],
          )) === 1
        );
      const paused = await q.run(
        "UPDATE clients SET paused_at = $1 WHERE person_id = $2 AND paused_at IS NULL",
        [at, personId],
      );
      await q.run("UPDATE clients SET paused_until = $1 WHERE person_id = $2", [until, personId]);
      return paused === 1;
    },
    setBreakOffer: async (personId, offer) => {
      await q.run("UPDATE clients SET break_offered_at = $1, break_offered_until = $2 WHERE person_id = $3", [
        offer?.at ?? null,
        offer?.until ?? null,
        personId,
      ]);
    },
    setSafetyConfirm: async (personId, at) => {
      await q.run("UPDATE clients SET safety_confirm_at = $1 WHERE person_id = $2", [at, personId]);
    },
    breaksEnded: async (now) =>
      (
        await q.all<{ id: number }>(
          "SELECT person_id AS id FROM clients WHERE paused_until <= $1 AND paused_at IS NOT NULL ORDER BY paused_until",
          [now],
        )
      ).map((r) => Number(r.id)),
    setClientInstruments: async (personId, instruments) => {
      await q.run("UPDATE clients SET instruments = $1 WHERE person_id = $2", [
        instruments === null ? null : JSON.stringify(instruments),
        personId,
      ]);
    },
    setClientLanguage: async (personId, language) => {
      await q.run("UPDATE clients SET language = $1 WHERE person_id = $2", [language, personId]);
    },
  };
}
