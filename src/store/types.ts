import type { Address, OutboundMessage } from "../model.js";
import type { SafetyAnswer } from "./risk-types.js";

/**
 * The records the store reads and writes (the risk path's in risk-types.ts, re-exported here).
 * The interfaces that read and write them, one per aggregate, are in tx.ts; the Store in store.ts.
 */

export type Role = "therapist" | "client";
export type ClientStatus = "invited" | "joining" | "active" | "declined" | "discharged";
export type CodeKind = "link" | "invite";

export interface Person {
  id: number;
  role: Role;
  name: string;
  locale: string | null;
}

export interface Identity {
  channel: string;
  externalId: string;
  personId: number;
  address: Address;
  locale: string | null;
  timeZone?: string | null;
  /** Set when the platform said the person cannot be reached there (a blocked bot). */
  unreachableAt?: string | null;
  /** When the person last wrote from this identity (set by saveIdentity). */
  lastSeenAt?: string | null;
}

export interface Client {
  personId: number;
  therapistId: number;
  alias: string;
  status: ClientStatus;
  age: number | null;
  /** Set by the therapist (`timezone ALIAS ZONE`); else the platform's zone is used. */
  timeZone?: string | null;
  /** Set while the client has paused check-ins with `stop`. */
  pausedAt?: string | null;
  /** When a break the client gave an end ("stop for 2 weeks") ends; null: when they type start. */
  pausedUntil?: string | null;
  /**
   * The break rapport offered last (its button), while the client has not written since: when,
   * and the day it would end (YYYY-MM-DD in their zone; null: until they type start).
   */
  breakOffer?: { at: string; until: string | null } | null;
  /** When the client was asked to confirm a late yes to a concern's safety question (null: not). */
  safetyConfirmAt?: string | null;
  /** After a crisis message: show the open question again at the next message. */
  resumeQuestion?: boolean;
  /** The instruments the client's check-ins ask, in order (`instruments ALIAS LIST`); null: the clinic's. */
  instruments?: string[] | null;
  /** The language of the client's prompts (`language ALIAS CODE`); null: the platform's, else the clinic's. */
  language?: string | null;
  /**
   * Read with the client by getClient, as of that read: their own person row (as getPerson),
   * their therapist's name ("" if none is on record) and when they were asked to confirm an
   * erasure (null: not). Unset: read on their own.
   */
  person?: Person;
  therapistName?: string;
  forgetRequestedAt?: string | null;
}

export type BreakOffer = NonNullable<Client["breakOffer"]>;

export interface Code {
  kind: CodeKind;
  personId: number;
  expiresAt: string;
  usedAt: string | null;
}

export interface PlanItem {
  instrument: string;
  item: string;
}

export interface Checkin {
  id: number;
  clientId: number;
  episodeId: number;
  seq: number;
  status: "open" | "completed" | "cancelled" | "expired";
  step: number;
  plan: PlanItem[];
  comment: string | null;
  createdAt: string;
  completedAt: string | null;
  /** When a lone number typed at the comment step was asked about (null: not); sent again, it is the comment. */
  commentNumberAskedAt?: string | null;
  /** The clinical assessment stored at completion. */
  assessment?: unknown;
}

export interface Answer extends PlanItem {
  value: number;
}

export interface CompletedCheckin extends Checkin {
  answers: Answer[];
}

export interface CaseloadEntry {
  client: Client;
  last: CompletedCheckin | null;
  /**
   * The latest completed check-in of `last`'s episode that asked about the past week (any
   * instrument but the alliance: progress, measures, the safety question), and the latest that
   * asked the alliance. A split schedule asks each part as a check-in of its own, so the state of
   * each is read from its own part, not from whichever came last; otherwise both are `last`.
   */
  lastProgress: CompletedCheckin | null;
  lastAlliance: CompletedCheckin | null;
  open: Checkin | null;
  /** Check-ins that expired unanswered since the last completed one (or since joining). */
  unanswered: number;
  /**
   * The client's latest concern whose safety question was asked: its answer so far, and when;
   * `unclear` when it closed without an answer after unsure words ("no sé... supongo que no").
   */
  concern: { answer: SafetyAnswer; at: string; unclear?: true } | null;
  /** The client's latest risk alert: an acknowledged one is still worth a look for a while. */
  lastAlert: { id: number; createdAt: string; acknowledgedAt: string | null } | null;
  /** When the client's latest episode was ended (discharge), while no new one has begun. */
  dischargedAt: string | null;
}

export interface Episode {
  id: number;
  startedAt: string;
  endedAt: string | null;
}

export interface StoredFit {
  id: number;
  b0: number;
  b1: number;
  sigma: number;
  episodes: number;
  points: number;
  fittedAt: string;
}

/** Repeat control of one rule in one episode (CLINICAL.md, "What the therapist receives"). */
export interface StoredRuleState {
  active: boolean;
  warnedValue: number | null;
  /** The check-in (its number in the client's history) of the last warning. */
  warnedSeq: number | null;
  /**
   * The check-in whose warning began the rule's current run of applying: a warning repeated
   * because the score got clearly worse leaves it. Null while the rule does not apply.
   */
  sinceSeq: number | null;
}

export type SummaryStyle = "compact" | "full";

export interface WarningRow {
  clientId: number;
  episodeId: number;
  checkinId: number;
  rule: string;
  /** The score the rule is about at this check-in. */
  severity: number;
  sent: boolean;
  fitId: number | null;
}

/** A warning as recorded, sent or not. */
export interface RecordedWarning extends WarningRow {
  createdAt: string;
}

/** Progress totals of one finished episode, for calibration. */
export interface EpisodeScores {
  episodeId: number;
  age: number | null;
  scores: number[];
}

export type JobKind = "checkin" | "alliance" | "progress" | "reminder" | "expire";

export interface Job {
  id: number;
  kind: JobKind;
  clientId: number;
  checkinId: number | null;
  dueAt: string;
}

export interface Schedule {
  clientId: number;
  weekday: number;
  time: string;
  durationMin: number;
  plan: "after" | "split";
  nextAfterAt: string;
  nextBeforeAt: string | null;
}

/** What a therapist's weekly digest reports, read in one go. */
export interface Recipient {
  channel: string;
  recipient: string;
}

export interface OutboxRow {
  id: number;
  personId: number | null;
  channel: string;
  externalId: string;
  address: Address;
  message: OutboundMessage;
  attempts: number;
}

/** A row the worker may send now, and whether it was, when read, its recipient's only pending one. */
export interface SendableRow extends OutboxRow {
  last: boolean;
}

/** A therapist as the clinic's IT person sees them (`rapport therapist list`). */
export interface TherapistEntry {
  id: number;
  name: string;
  /** Whether they have linked a chat (typed their link code). */
  linked: boolean;
  /** Clients not discharged. */
  clients: number;
}

/** Counts for `rapport status`: nothing about any one person. */
export interface ClinicStatus {
  therapists: number;
  clients: { active: number; paused: number; joining: number; discharged: number };
  openCheckins: number;
  openAlerts: number;
  queued: number;
  failed: number;
}

export type { ClientData, DigestFacts, ExportRow } from "./report-types.js";
export type {
  NewRiskEvent,
  RiskAlert,
  RiskAlertPatch,
  RiskEvent,
  RiskStep,
  RiskTier,
  SafetyAnswer,
} from "./risk-types.js";
export type { OutboxQueue, ResearchReads, Store } from "./store.js";
export type { Tx } from "./tx.js";
