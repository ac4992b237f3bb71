import { CLINIC_STATUS, toClinicStatus } from "../common/clinic-status.js";
import { place } from "../common/places.js";
import type { AdminTx } from "../tx.js";
import type { ClinicStatus, TherapistEntry } from "../types.js";
import type { SqlContext } from "./context.js";

/** The clinic's own management (rapport therapist …, client move, status): people and counts. */
export function sqliteAdmin({ s, c }: SqlContext): AdminTx {
  return {
    therapists: async () =>
      (
        s(
          `SELECT p.id AS id, p.name AS name,
             EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id) AS linked,
             (SELECT COUNT(*) FROM clients cl WHERE cl.therapist_id = p.id AND cl.status != 'discharged') AS clients
           FROM people p WHERE p.role = 'therapist' ORDER BY p.name COLLATE NOCASE, p.id`,
        ).all() as { id: number; name: string; linked: number; clients: number }[]
      ).map((r): TherapistEntry => ({ id: r.id, name: r.name, linked: r.linked === 1, clients: r.clients })),
    removeTherapist: async (id) => {
      const { n } = s("SELECT COUNT(*) AS n FROM clients WHERE therapist_id = ?").get(id) as { n: number };
      if (n === 0) s("DELETE FROM people WHERE id = ? AND role = 'therapist'").run(id);
      return n;
    },
    clientsNamed: async (alias) =>
      (
        s("SELECT cl.person_id AS id, cl.therapist_id AS therapist FROM clients cl WHERE cl.alias = ?").all(
          c.lookup(alias),
        ) as { id: number; therapist: number }[]
      ).map((r) => ({ clientId: r.id, therapistId: r.therapist })),
    clientsOf: async (therapistId) =>
      (
        s(
          "SELECT p.id AS id, p.name AS name FROM clients cl JOIN people p ON p.id = cl.person_id WHERE cl.therapist_id = ?",
        ).all(therapistId) as { id: number; name: string }[]
      )
        .map((r) => c.open(r.name, place("people", "name", r.id)))
        .sort((a, b) => a.localeCompare(b)),
    moveClient: async (clientId, therapistId) => {
      s("UPDATE clients SET therapist_id = ? WHERE person_id = ?").run(therapistId, clientId);
    },
    clinicStatus: async (): Promise<ClinicStatus> =>
      toClinicStatus(s(CLINIC_STATUS).get() as Record<string, unknown> | undefined),
  };
}
