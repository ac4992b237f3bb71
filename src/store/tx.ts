import type { Address, OutboundMessage } from "../model.js";
import type { CheckinsTx, RulesTx, ScheduleTx } from "./checkin-tx.js";
import type { RiskTx } from "./risk-tx.js";
import type {
  BreakOffer,
  CaseloadEntry,
  Client,
  ClientData,
  ClientStatus,
  ClinicStatus,
  Code,
  CodeKind,
  DigestFacts,
  Identity,
  Person,
  Recipient,
  Role,
  TherapistEntry,
} from "./types.js";

export type { RiskTx } from "./risk-tx.js";

/**
 * The storage interface, one part per aggregate. Narrow, and asynchronous in shape even though
 * SQLite answers at once, so that a second store (PostgreSQL, for clinics that run several
 * instances) implements the same parts and is held to the same contract suite
 * (test/store/contract.ts). Each SQLite part is in src/store/sqlite/ under the same name.
 */
/** People, their platform identities, and the codes that link them. */
export interface PeopleTx {
  findIdentity(channel: string, externalId: string): Promise<Identity | undefined>;
  saveIdentity(identity: Identity, at: string): Promise<void>;
  deleteIdentity(channel: string, externalId: string): Promise<void>;
  identitiesOf(personId: number): Promise<Identity[]>;

  createPerson(role: Role, name: string, at: string): Promise<number>;
  getPerson(id: number): Promise<Person | undefined>;
  findTherapistByName(name: string): Promise<Person | undefined>;

  createCode(hash: string, kind: CodeKind, personId: number, at: string, expiresAt: string): Promise<void>;
  findCode(hash: string): Promise<Code | undefined>;
  useCode(hash: string, at: string): Promise<void>;
  /** Withdraws a person's unused codes of a kind, so only the newest one works. */
  revokeCodes(personId: number, kind: CodeKind): Promise<void>;
}

/** A client's record: status, consent, age, time zone, pause, instrument plan and language. */
export interface ClientsTx {
  createClient(therapistId: number, alias: string, at: string): Promise<Client>;
  findClient(therapistId: number, alias: string): Promise<Client | undefined>;
  getClient(personId: number): Promise<Client | undefined>;
  setClientStatus(personId: number, status: ClientStatus): Promise<void>;
  setClientAge(personId: number, age: number | null): Promise<void>;
  recordConsent(clientId: number, version: number, choice: "given" | "declined", at: string): Promise<void>;
  /** The client's latest consent answer, if any. */
  latestConsent(clientId: number): Promise<{ version: number; choice: "given" | "declined" } | undefined>;
  setClientTimeZone(personId: number, zone: string | null): Promise<void>;
  /** The zone for a client's local times: the therapist's setting, else the platform's. */
  clientZone(personId: number): Promise<string | null>;
  /** Pauses or resumes (null) a client's check-ins, false if already so; `until`: a dated break's end. */
  setPaused(personId: number, at: string | null, until?: string | null): Promise<boolean>;
  /** Records the break offered to a client, or takes it back (null): read back on Client. */
  setBreakOffer(personId: number, offer: BreakOffer | null): Promise<void>;
  /** Records that a late yes to a safety question was asked to be confirmed, or clears it (null). */
  setSafetyConfirm(personId: number, at: string | null): Promise<void>;
  /** The clients whose dated break ended at or before `now`, still paused. */
  breaksEnded(now: string): Promise<number[]>;
  /** The instruments of the client's check-ins, in order; null: the clinic's (read back on Client). */
  setClientInstruments(personId: number, instruments: readonly string[] | null): Promise<void>;
  /** The language of the client's prompts; null: the platform's, else the clinic's (read back on Client). */
  setClientLanguage(personId: number, language: string | null): Promise<void>;
}

/** The outbox's writing side: what a transaction queues, and what it settles. */
export interface OutboxTx {
  /**
   * Queues a message for a person. It goes to `via` when that identity is the person's and
   * reachable, otherwise to the identity they used most recently. Returns the recipient it was
   * queued for (none when no identity is reachable), so the worker can be pointed at them.
   */
  enqueue(
    personId: number,
    message: OutboundMessage,
    at: string,
    via?: Identity,
    about?: number,
  ): Promise<Recipient | undefined>;
  /** Queues a reply to someone rapport does not know (yet): straight to the address they wrote from. */
  enqueueDirect(
    channel: string,
    externalId: string,
    address: Address,
    message: OutboundMessage,
    at: string,
  ): Promise<Recipient>;
  /**
   * Marks an identity unreachable (the user blocked the bot) and fails its other pending
   * messages; returns the person when the identity was reachable until now.
   */
  markUnreachable(channel: string, externalId: string, at: string): Promise<number | undefined>;
  /** When the latest message to a person was queued (sent or not since); undefined: none ever. */
  lastQueuedAt(personId: number): Promise<string | undefined>;
  /** Gives a queued message up (content and address scrubbed), in the caller's transaction. */
  failDelivery(outboxId: number, error: string, at: string): Promise<void>;
}

/** Replay protection, code attempts, a client's own data, and erasure. */
export interface PrivacyTx {
  /** Records the event id (as a keyed hash); false when it was seen before (the event is then ignored). */
  recordInbound(channel: string, eventId: string, at: string): Promise<boolean>;
  /** A wrong code from a sender ("channel:id"), stored under a keyed hash of the sender. */
  recordCodeAttempt(sender: string, at: string): Promise<void>;
  codeAttemptsSince(sender: string, since: string): Promise<number>;
  /**
   * Forgets inbound event ids and code attempts from before `before`: event ids are kept only
   * for the platforms' redelivery window, attempts only for their hour.
   */
  pruneSeen(before: string): Promise<void>;
  setForgetRequested(clientId: number, at: string | null): Promise<void>;
  forgetRequestedAt(clientId: number): Promise<string | null>;
  /** A therapist's erase of a client waiting for confirmation (null: none). */
  setEraseRequested(clientId: number, at: string | null): Promise<void>;
  /** The therapist's client whose erase waits for confirmation, if any (the latest). */
  eraseRequestOf(therapistId: number): Promise<{ clientId: number; at: string } | undefined>;
  /**
   * Erases a client: every row about them goes (cascading from the person), and pending
   * messages about them to their therapist. Only an audit row without content remains.
   */
  eraseClient(clientId: number, actor: ErasureActor, at: string): Promise<void>;
  /** Everything rapport holds about a client, for `mydata`. */
  clientData(clientId: number): Promise<ClientData>;
}

/** Who erased a client: the client (`forget`), their therapist (`discharge --erase`), the clinic's IT (`rapport client erase`). */
export type ErasureActor = "client" | "therapist" | "clinic";

/** What a therapist reads across their clients: the caseload and the weekly digest. */
export interface ReportsTx {
  caseload(therapistId: number): Promise<CaseloadEntry[]>;
  /** Linked therapists and when each last got a digest. */
  therapistsForDigest(): Promise<{ id: number; lastSentAt: string | null }[]>;
  digestFacts(therapistId: number, since: string, today: string): Promise<DigestFacts>;
  markDigestSent(therapistId: number, at: string): Promise<void>;
}

/** The clinic's own management (`rapport therapist …`, `client move`, `status`). */
export interface AdminTx {
  therapists(): Promise<TherapistEntry[]>;
  /**
   * Deletes a therapist who has no clients, discharged ones included (their identities and codes
   * go with them); returns how many clients they still have (0: removed).
   */
  removeTherapist(therapistId: number): Promise<number>;
  /** Every client with this alias, across therapists. */
  clientsNamed(alias: string): Promise<{ clientId: number; therapistId: number }[]>;
  moveClient(clientId: number, therapistId: number): Promise<void>;
  /** The aliases of all a therapist's clients, discharged ones included, in order. */
  clientsOf(therapistId: number): Promise<string[]>;
  clinicStatus(): Promise<ClinicStatus>;
}

/** Everything one inbound event may read or change, inside one transaction. */
export interface Tx
  extends PeopleTx,
    ClientsTx,
    CheckinsTx,
    RulesTx,
    ScheduleTx,
    RiskTx,
    OutboxTx,
    PrivacyTx,
    ReportsTx,
    AdminTx {}
