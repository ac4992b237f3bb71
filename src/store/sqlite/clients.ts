import { place } from "../common/places.js";
import { CLIENT_FOR_TURN, CLIENTS, toClient, toClientForTurn } from "../common/records.js";
import type { ClientsTx } from "../tx.js";
import type { ClientStatus } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { nextId } from "./context.js";

/**
 * A client's record: the alias (looked up by a keyed hash, readable as the person's sealed
 * name), status, consent, age, time zone, pause, instrument plan and language.
 */
export function sqliteClients({ s, c }: SqlContext): ClientsTx {
  return {
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
      const row = s(`${CLIENT_FOR_TURN} WHERE cl.person_id = ?`).get(personId) as Row | undefined;
      return row ? toClientForTurn(row, c) : undefined;
    },
    setClientStatus: async (personId, status: ClientStatus) => {
      s("UPDATE clients SET status = ? WHERE person_id = ?").run(status, personId);
    },
    setClientAge: async (personId, age) => {
      s("UPDATE clients SET age = ? WHERE person_id = ?").run(age, personId);
    },
    recordConsent: async (clientId, version, choice, at) => {
      s("INSERT INTO consents (client_id, version, choice, at) VALUES (?, ?, ?, ?)").run(
        clientId,
        version,
        choice,
        at,
      );
    },
    latestConsent: async (clientId) =>
      s("SELECT version, choice FROM consents WHERE client_id = ? ORDER BY id DESC LIMIT 1").get(clientId) as
        | { version: number; choice: "given" | "declined" }
        | undefined,
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
    setPaused: async (personId, at, until = null) => {
      if (at === null)
        return (
          s(
            "UPDATE clients SET paused_at = NULL, paused_until = NULL WHERE person_id = ? AND paused_at IS NOT NULL",
          ).run(personId).changes === 1
        );
      const paused = s("UPDATE clients SET paused_at = ? WHERE person_id = ? AND paused_at IS NULL").run(
        at,
        personId,
      );
      s("UPDATE clients SET paused_until = ? WHERE person_id = ?").run(until, personId);
      return paused.changes === 1;
    },
    setBreakOffer: async (personId, offer) => {
      s("UPDATE clients SET break_offered_at = ?, break_offered_until = ? WHERE person_id = ?").run(
        offer?.at ?? null,
        offer?.until ?? null,
        personId,
      );
    },
    setSafetyConfirm: async (personId, at) => {
      s("UPDATE clients SET safety_confirm_at = ? WHERE person_id = ?").run(at, personId);
    },
    breaksEnded: async (now) =>
      (
        s(
          "SELECT person_id AS id FROM clients WHERE paused_until <= ? AND paused_at IS NOT NULL ORDER BY paused_until",
        ).all(now) as { id: number }[]
      ).map((r) => r.id),
    setClientInstruments: async (personId, instruments) => {
      s("UPDATE clients SET instruments = ? WHERE person_id = ?").run(
        instruments === null ? null : JSON.stringify(instruments),
        personId,
      );
    },
    setClientLanguage: async (personId, language) => {
      s("UPDATE clients SET language = ? WHERE person_id = ?").run(language, personId);
    },
  };
}
