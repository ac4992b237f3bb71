import { CLINIC_STATUS, toClinicStatus } from "../common/clinic-status.js";
import { place } from "../common/places.js";
import type { AdminTx } from "../tx.js";
import type { ClinicStatus, TherapistEntry } from "../types.js";
import type { PgContext } from "./context.js";

/** The clinic's own management (rapport therapist …, client move, status): people and counts. */
export function pgAdmin(q: PgContext): AdminTx {
  const { c } = q;
  return {
    therapists: async () =>
      (
        await q.all<{ id: number; name: string; linked: boolean; clients: number }>(
          `SELECT p.id AS id, p.name AS name,
             EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id) AS linked,
             (SELECT COUNT(*) FROM clients cl WHERE cl.therapist_id = p.id AND cl.status <> 'discharged') AS clients
           FROM people p WHERE p.role = 'therapist' ORDER BY lower(p.name), p.id`,
        )
      ).map((r): TherapistEntry => ({ id: r.id, name: r.name, linked: r.linked, clients: r.clients })),
    removeTherapist: async (id) => {
      const n =
        (await q.get<{ n: number }>("SELECT COUNT(*) AS n FROM clients WHERE therapist_id = $1", [id]))?.n ??
        0;
      if (n === 0) await q.run("DELETE FROM people WHERE id = $1 AND role = 'therapist'", [id]);
      return n;
    },
    clientsNamed: async (alias) =>
      (
        await q.all<{ id: number; therapist: number }>(
          "SELECT cl.person_id AS id, cl.therapist_id AS therapist FROM clients cl WHERE cl.alias = $1 ORDER BY cl.person_id",
          [c.lookup(alias)],
        )
      ).map((r) => ({ clientId: r.id, therapistId: r.therapist })),
    clientsOf: async (therapistId) =>
      (
        await q.all<{ id: number; name: string }>(
          "SELECT p.id AS id, p.name AS name FROM clients cl JOIN people p ON p.id = cl.person_id WHERE cl.therapist_id = $1",
          [therapistId],
        )
      )
        .map((r) => c.open(r.name, place("people", "name", r.id)))
        .sort((a, b) => a.localeCompare(b)),
    moveClient: async (clientId, therapistId) => {
      await q.run("UPDATE clients SET therapist_id = $1 WHERE person_id = $2", [therapistId, clientId]);
    },
    // One round trip for every count.
    clinicStatus: async (): Promise<ClinicStatus> =>
      toClinicStatus(await q.get<Record<string, unknown>>(CLINIC_STATUS)),
  };
}
