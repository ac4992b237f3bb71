import type { FieldCrypto } from "../field-crypto.js";
import type { CaseloadEntry, Client, CompletedCheckin } from "../types.js";
import { type Row, toCheckin } from "./records.js";
import { concernOf } from "./risk-records.js";

/**
 * What each store reads for a caseload, one set of rows per fact across all the therapist's
 * clients (not one query per client): a caseload of sixty took three hundred statements.
 */
export interface CaseloadRows {
  /** Each client's latest completed check-in, with its answers. */
  last: readonly CompletedCheckin[];
  /** Check-ins open now (at most one a client). */
  open: readonly Row[];
  /** Each client's latest episode's end (null while it runs). */
  episodes: readonly { client_id: unknown; ended_at: string | null }[];
  /** Check-ins expired since each client's latest completed one, counted. */
  expired: readonly { client_id: unknown; n: unknown }[];
  /** Each client's latest words of concern that were asked the safety question. */
  concerns: readonly Row[];
  /** Each client's latest risk alert, open or acknowledged. */
  alerts: readonly { client_id: unknown; id: unknown; created_at: string; acknowledged_at: string | null }[];
}

/** The caseload's entries, in the clients' order, from the rows each store read. */
export function caseloadEntries(
  clients: readonly Client[],
  rows: CaseloadRows,
  c: FieldCrypto,
): CaseloadEntry[] {
  const lastOf = new Map(rows.last.map((ch) => [ch.clientId, ch]));
  const openOf = new Map(rows.open.map((r) => [Number(r.client_id), r]));
  const endedOf = new Map(rows.episodes.map((e) => [Number(e.client_id), e.ended_at]));
  const expiredOf = new Map(rows.expired.map((e) => [Number(e.client_id), Number(e.n)]));
  const concernOfClient = new Map(rows.concerns.map((r) => [Number(r.client_id), concernOf(r, c)]));
  const alertOf = new Map(
    rows.alerts.map((a) => [
      Number(a.client_id),
      { id: Number(a.id), createdAt: a.created_at, acknowledgedAt: a.acknowledged_at },
    ]),
  );
  return clients.map((client): CaseloadEntry => {
    const openRow = openOf.get(client.personId);
    return {
      client,
      last: lastOf.get(client.personId) ?? null,
      open: openRow ? toCheckin(openRow, c) : null,
      unanswered: expiredOf.get(client.personId) ?? 0,
      concern: concernOfClient.get(client.personId) ?? null,
      lastAlert: alertOf.get(client.personId) ?? null,
      dischargedAt: endedOf.get(client.personId) ?? null,
    };
  });
}
