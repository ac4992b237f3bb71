import type { FieldCrypto } from "../field-crypto.js";
import type { CaseloadEntry, Client, CompletedCheckin, PlanItem } from "../types.js";
import { type Row, toCheckin } from "./records.js";
import { concernOf } from "./risk-records.js";

/**
 * What each store reads for a caseload, one set of rows per fact across all the therapist's
 * clients (not one query per client): a caseload of sixty took three hundred statements.
 */
interface CaseloadRows {
  /**
   * Each client's latest completed check-in, with its answers, and its latest that asked about
   * the week and latest that asked the alliance (askedWeek, askedAlliance: each store says them in
   * its SQL too), where those are other check-ins.
   */
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

/**
 * The instrument a split schedule asks after the session; every other instrument (progress,
 * measures, the safety question) is about the week, asked before it. Matches the engine's
 * SESSION_INSTRUMENT (engine/checkin/instrument-plan.ts): the store does not import the engine.
 */
const ALLIANCE = "alliance";

/** Whether a check-in asked about the week, or the alliance (the stores' caseload queries say it in SQL). */
function askedWeek(plan: readonly PlanItem[]): boolean {
  return plan.some((p) => p.instrument !== ALLIANCE);
}
function askedAlliance(plan: readonly PlanItem[]): boolean {
  return plan.some((p) => p.instrument === ALLIANCE);
}

/** The caseload's entries, in the clients' order, from the rows each store read. */
export function caseloadEntries(
  clients: readonly Client[],
  rows: CaseloadRows,
  c: FieldCrypto,
): CaseloadEntry[] {
  const partsOf = new Map<number, CompletedCheckin[]>();
  for (const ch of [...rows.last].sort((a, b) => a.id - b.id)) {
    partsOf.set(ch.clientId, [...(partsOf.get(ch.clientId) ?? []), ch]);
  }
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
    const read = partsOf.get(client.personId) ?? [];
    const last = read.at(-1) ?? null;
    // A part from an earlier episode is not the state of this one (`summary ALIAS` reads one episode).
    const latest = (asked: (plan: readonly PlanItem[]) => boolean) =>
      read.filter((ch) => ch.episodeId === last?.episodeId && asked(ch.plan)).at(-1) ?? null;
    return {
      client,
      last,
      lastProgress: latest(askedWeek),
      lastAlliance: latest(askedAlliance),
      open: openRow ? toCheckin(openRow, c) : null,
      unanswered: expiredOf.get(client.personId) ?? 0,
      concern: concernOfClient.get(client.personId) ?? null,
      lastAlert: alertOf.get(client.personId) ?? null,
      dischargedAt: endedOf.get(client.personId) ?? null,
    };
  });
}
