import type { Address, OutboundMessage } from "../../model.js";
import type { FieldCrypto } from "../field-crypto.js";
import type {
  Answer,
  Checkin,
  Client,
  ClientStatus,
  CompletedCheckin,
  Identity,
  OutboxRow,
  PlanItem,
  Role,
  Schedule,
  StoredFit,
  StoredRuleState,
} from "../types.js";
import { answerPlace, identityPlace, outboxPlace, place } from "./places.js";

/**
 * Rows as either database returns them, made into the store's records: sealed values opened in
 * their place, JSON read, numbers and booleans in either database's form.
 */
export type Row = Record<string, unknown>;

/** A client's row with their sealed name (the readable alias). */
export const CLIENTS = "SELECT cl.*, p.name AS name FROM clients cl JOIN people p ON p.id = cl.person_id";

/**
 * One client by id as an event's turn reads them (getClient): with their own person row, their
 * therapist's name and whether they asked to be erased, which the turn would otherwise read
 * each on its own.
 */
export const CLIENT_FOR_TURN = `SELECT cl.*, p.name AS name, p.role AS person_role, p.locale AS person_locale,
  t.name AS therapist_name
  FROM clients cl JOIN people p ON p.id = cl.person_id LEFT JOIN people t ON t.id = cl.therapist_id`;

/** A client's name (their alias), sealed and bound to their person row. */
export function clientName(c: FieldCrypto, stored: unknown, personId: number): string {
  return c.open(String(stored), place("people", "name", personId));
}

/** An answer's value: a number as stored, or opened from its sealed text. */
export function answerValue(
  c: FieldCrypto,
  checkinId: number,
  instrument: string,
  item: string,
  v: unknown,
): number {
  return Number(c.enabled ? c.open(String(v), answerPlace(checkinId, instrument, item)) : v);
}

/**
 * A check-in's answers in the order of its plan, which is the order they were asked; `stored`
 * finds an item's stored value by instrument and item.
 */
export function inPlanOrder(
  c: FieldCrypto,
  checkin: Checkin,
  stored: (instrument: string, item: string) => unknown,
): CompletedCheckin {
  const answers: Answer[] = [];
  for (const p of checkin.plan) {
    const value = stored(p.instrument, p.item);
    if (value !== undefined)
      answers.push({ ...p, value: answerValue(c, checkin.id, p.instrument, p.item, value) });
  }
  return { ...checkin, answers };
}

/**
 * An identity's values in the order of the identities table's insert (channel, external_id,
 * person_id, address, locale, time_zone, last_seen_at): the platform id as its lookup hash, and
 * the id with the address sealed together in the address column.
 */
export function identityValues(c: FieldCrypto, identity: Identity, at: string): unknown[] {
  const hashedId = c.lookup(identity.externalId);
  return [
    identity.channel,
    hashedId,
    identity.personId,
    c.seal(
      JSON.stringify({ externalId: identity.externalId, address: identity.address }),
      identityPlace(identity.channel, hashedId),
    ),
    identity.locale,
    identity.timeZone ?? null,
    at,
  ];
}

export function toIdentity(row: Row, c: FieldCrypto): Identity {
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
    lastSeenAt: (row.last_seen_at as string | null) ?? null,
  };
}

export function toClient(row: Row, c: FieldCrypto): Client {
  return {
    personId: Number(row.person_id),
    therapistId: Number(row.therapist_id),
    alias: clientName(c, row.name, Number(row.person_id)),
    status: row.status as ClientStatus,
    age: row.age === null || row.age === undefined ? null : Number(row.age),
    timeZone: (row.time_zone as string | null) ?? null,
    pausedAt: (row.paused_at as string | null) ?? null,
    pausedUntil: (row.paused_until as string | null | undefined) ?? null,
    breakOffer: row.break_offered_at
      ? { at: String(row.break_offered_at), until: (row.break_offered_until as string | null) ?? null }
      : null,
    safetyConfirmAt: (row.safety_confirm_at as string | null | undefined) ?? null,
    // SQLite keeps a boolean as 0 or 1, PostgreSQL as a boolean.
    resumeQuestion: row.resume_question === 1 || row.resume_question === true,
    instruments: instrumentsOf(row.instruments),
    language: (row.language as string | null | undefined) ?? null,
  };
}

/** A client read with CLIENT_FOR_TURN. A therapist's name is stored as given (getPerson). */
export function toClientForTurn(row: Row, c: FieldCrypto): Client {
  const client = toClient(row, c);
  return {
    ...client,
    // As getPerson gives it: a client's name is their alias.
    person: {
      id: client.personId,
      role: row.person_role as Role,
      name: client.alias,
      locale: (row.person_locale as string | null) ?? null,
    },
    therapistName: (row.therapist_name as string | null) ?? "",
    forgetRequestedAt: (row.forget_requested_at as string | null) ?? null,
  };
}

/** A client's instrument plan as stored (a JSON array of ids), or null for the clinic's. */
export function instrumentsOf(stored: unknown): string[] | null {
  return typeof stored === "string" ? (JSON.parse(stored) as string[]) : null;
}

export function toSchedule(row: Row): Schedule {
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

export function toFit(row: Row): StoredFit {
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

export function toCheckin(row: Row, c: FieldCrypto): Checkin {
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
    commentNumberAskedAt: (row.comment_number_asked_at as string | null | undefined) ?? null,
    assessment: row.assessment
      ? JSON.parse(c.open(String(row.assessment), place("checkins", "assessment", Number(row.id))))
      : undefined,
  };
}

export function toOutboxRow(row: Row, c: FieldCrypto): OutboxRow {
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

/**
 * A rule's stored repeat control, from its JSON. A state saved before `sinceSeq` was kept has
 * only the last warning's check-in, which is then the best answer to "since when".
 */
export function toRuleState(json: string): StoredRuleState {
  const stored = JSON.parse(json) as Omit<StoredRuleState, "sinceSeq"> & { sinceSeq?: number | null };
  return {
    active: stored.active,
    warnedValue: stored.warnedValue,
    warnedSeq: stored.warnedSeq,
    sinceSeq: stored.sinceSeq === undefined ? (stored.active ? stored.warnedSeq : null) : stored.sinceSeq,
  };
}

/** A rule's repeat control as stored: these fields only, whatever else the object carries. */
export function ruleStateJson(state: StoredRuleState): string {
  const { active, warnedValue, warnedSeq, sinceSeq } = state;
  return JSON.stringify({ active, warnedValue, warnedSeq, sinceSeq });
}
