import type { Answer, CaseloadEntry, Checkin, ClientStatus, Schedule } from "./types.js";

/** What the reports read from the store: the weekly digest's facts, a client's own data, an export row. */

export interface DigestFacts {
  caseload: CaseloadEntry[];
  /** Warnings sent since the last digest, per client alias. */
  warnings: { alias: string; rule: string }[];
  /** Check-ins that expired unanswered since the last digest. */
  expired: { alias: string; at: string }[];
  /** Holidays in force or ahead. */
  pauses: { alias: string; from: string; to: string }[];
  unreachable: { alias: string; channel: string }[];
}

export interface ClientData {
  alias: string;
  therapist: string;
  status: ClientStatus;
  age: number | null;
  timeZone: string | null;
  pausedAt: string | null;
  pausedUntil: string | null;
  /** The instruments the therapist chose for the client's check-ins; null: the clinic's. */
  instruments: string[] | null;
  /** The language the therapist set for the client; null: from the platform or the clinic. */
  language: string | null;
  identities: { channel: string; since: string }[];
  consents: { version: number; choice: string; at: string }[];
  checkins: (Checkin & { answers: Answer[] })[];
  riskAlerts: { source: string; at: string; acknowledgedAt: string | null; escalatedAt: string | null }[];
  /** What the client wrote that matched the risk lists, and their answers to the safety question. */
  riskEvents: {
    tier: string;
    words: string[];
    text: string;
    answerWords?: string;
    safetyAnswer: string | null;
    at: string;
  }[];
  /** Emergency details the therapist recorded. */
  emergencyContact: string | null;
  schedule: Schedule | null;
  pauses: { from: string; to: string }[];
}

export interface ExportRow {
  clientId: number;
  episodeId: number;
  /**
   * The episode's number in its client's history (1 for their first, 2 for the next), counting
   * every episode of theirs, one without a completed check-in too: the number the chart and
   * `summary ALIAS --all` give it, not the database's id, which counts every client's together.
   */
  episode: number;
  checkinId: number;
  seq: number;
  completedAt: string;
  instrument: string;
  item: string;
  value: number;
  answeredAt: string;
}

/** A recipient as the outbox knows it: `recipient` is a stored key (a keyed hash when data is encrypted). */
