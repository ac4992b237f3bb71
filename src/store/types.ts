import type { Address, OutboundMessage } from "../model.js";

/**
 * The storage interface. Narrow, and asynchronous in shape even though SQLite answers at once,
 * so that a PostgreSQL store can be added for clinics that run several instances.
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
  /** After a crisis message: show the open question again at the next message. */
  resumeQuestion?: boolean;
}

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
  open: Checkin | null;
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

export interface RiskAlert {
  id: number;
  clientId: number;
  checkinId: number | null;
  source: "safety_question" | "free_text";
  matched: string[];
  createdAt: string;
  escalateAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  /** The on-call contact it went to; null when it was repeated to the treating therapist instead. */
  escalatedTo: number | null;
  escalationNote: string | null;
  lastCrisisAt: string | null;
  lastNoticeAt: string | null;
  /** The last event the therapist was shown (in the alert or an update). */
  notifiedThrough: number;
  updateDueAt: string | null;
  nextRepeatAt: string | null;
  repeats: number;
}

export type RiskTier = "disclosure" | "concern" | "message";
export type SafetyAnswer = "pending" | "reasked" | "yes" | "no" | "none";

/** One disclosure or concern, with the client's words. */
export interface RiskEvent {
  id: number;
  clientId: number;
  alertId: number | null;
  checkinId: number | null;
  tier: RiskTier;
  source: "free_text" | "safety_question";
  /** The words that matched, as the client wrote them. */
  words: string[];
  /** The message they were in (shortened). */
  text: string;
  language: string | null;
  safetyAnswer: SafetyAnswer | null;
  at: string;
}

export type NewRiskEvent = Omit<RiskEvent, "id">;

/** Changes to an alert's timed steps; fields left out stay as they are. */
export type RiskAlertPatch = Partial<
  Pick<
    RiskAlert,
    | "lastCrisisAt"
    | "lastNoticeAt"
    | "notifiedThrough"
    | "updateDueAt"
    | "nextRepeatAt"
    | "repeats"
    | "escalatedAt"
    | "escalatedTo"
    | "escalationNote"
  >
>;

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
  identities: { channel: string; since: string }[];
  consents: { version: number; choice: string; at: string }[];
  checkins: (Checkin & { answers: Answer[] })[];
  riskAlerts: { source: string; at: string; acknowledgedAt: string | null; escalatedAt: string | null }[];
  /** What the client wrote that matched the risk lists, and their answers to the safety question. */
  riskEvents: { tier: string; words: string[]; text: string; safetyAnswer: string | null; at: string }[];
  /** Emergency details the therapist recorded. */
  emergencyContact: string | null;
  schedule: Schedule | null;
  pauses: { from: string; to: string }[];
}

export interface ExportRow {
  clientId: number;
  episodeId: number;
  checkinId: number;
  seq: number;
  completedAt: string;
  instrument: string;
  item: string;
  value: number;
  answeredAt: string;
}

/** A recipient as the outbox knows it: `recipient` is a stored key (a keyed hash when data is encrypted). */
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

/** Everything one inbound event may read or change, inside one transaction. */
export interface Tx {
  /** Records the event id (as a keyed hash); false when it was seen before (the event is then ignored). */
  recordInbound(channel: string, eventId: string, at: string): Promise<boolean>;

  findIdentity(channel: string, externalId: string): Promise<Identity | undefined>;
  saveIdentity(identity: Identity, at: string): Promise<void>;
  deleteIdentity(channel: string, externalId: string): Promise<void>;
  identitiesOf(personId: number): Promise<Identity[]>;
  /**
   * Marks an identity unreachable (the user blocked the bot) and fails its other pending
   * messages; returns the person when the identity was reachable until now.
   */
  markUnreachable(channel: string, externalId: string, at: string): Promise<number | undefined>;
  /** Gives a queued message up (content and address scrubbed), in the caller's transaction. */
  failDelivery(outboxId: number, error: string, at: string): Promise<void>;

  createPerson(role: Role, name: string, at: string): Promise<number>;
  getPerson(id: number): Promise<Person | undefined>;

  createCode(hash: string, kind: CodeKind, personId: number, at: string, expiresAt: string): Promise<void>;
  findCode(hash: string): Promise<Code | undefined>;
  useCode(hash: string, at: string): Promise<void>;
  /** Withdraws a person's unused codes of a kind, so only the newest one works. */
  revokeCodes(personId: number, kind: CodeKind): Promise<void>;

  createClient(therapistId: number, alias: string, at: string): Promise<Client>;
  findClient(therapistId: number, alias: string): Promise<Client | undefined>;
  getClient(personId: number): Promise<Client | undefined>;
  setClientStatus(personId: number, status: ClientStatus): Promise<void>;
  recordConsent(clientId: number, version: number, choice: "given" | "declined", at: string): Promise<void>;
  caseload(therapistId: number): Promise<CaseloadEntry[]>;
  setClientAge(personId: number, age: number | null): Promise<void>;
  findTherapistByName(name: string): Promise<Person | undefined>;

  /** The client's episodes, oldest first. */
  episodesOf(clientId: number): Promise<Episode[]>;
  /** Ends the client's open episode, cancelling an unfinished check-in; undefined when none is open. */
  endEpisode(clientId: number, at: string): Promise<{ episodeId: number; completed: number } | undefined>;

  openCheckin(clientId: number): Promise<Checkin | undefined>;
  createCheckin(clientId: number, plan: PlanItem[], at: string): Promise<Checkin>;
  saveAnswer(checkinId: number, answer: Answer, at: string): Promise<void>;
  setCheckinStep(checkinId: number, step: number): Promise<void>;
  completeCheckin(checkinId: number, comment: string | null, at: string): Promise<void>;
  completedCheckins(clientId: number): Promise<CompletedCheckin[]>;
  saveAssessment(checkinId: number, assessment: unknown): Promise<void>;

  setClientTimeZone(personId: number, zone: string | null): Promise<void>;
  /** The zone for a client's local times: the therapist's setting, else the platform's. */
  clientZone(personId: number): Promise<string | null>;
  /** Pauses or resumes a client's check-ins; false when it already was so. */
  setPaused(personId: number, at: string | null): Promise<boolean>;

  saveSchedule(schedule: Schedule, at: string): Promise<void>;
  deleteSchedule(clientId: number): Promise<boolean>;
  getSchedule(clientId: number): Promise<Schedule | undefined>;
  dueSchedules(now: string): Promise<Schedule[]>;
  addJob(kind: JobKind, clientId: number, dueAt: string, at: string, checkinId?: number): Promise<void>;
  dueJobs(now: string, limit: number): Promise<Job[]>;
  finishJob(id: number, note: string, at: string): Promise<void>;
  postponeJob(id: number, dueAt: string): Promise<void>;
  addPause(clientId: number, from: string, to: string, at: string): Promise<void>;
  pausesOf(clientId: number): Promise<{ from: string; to: string }[]>;
  /** Lifts the client's pauses that have not ended before `today`; returns how many. */
  liftPauses(clientId: number, today: string): Promise<number>;
  expireCheckin(checkinId: number, at: string): Promise<boolean>;

  /** Linked therapists and when each last got a digest. */
  therapistsForDigest(): Promise<{ id: number; lastSentAt: string | null }[]>;
  digestFacts(therapistId: number, since: string, today: string): Promise<DigestFacts>;
  markDigestSent(therapistId: number, at: string): Promise<void>;

  /** The client's latest consent answer, if any. */
  latestConsent(clientId: number): Promise<{ version: number; choice: "given" | "declined" } | undefined>;
  setForgetRequested(clientId: number, at: string | null): Promise<void>;
  forgetRequestedAt(clientId: number): Promise<string | null>;
  /**
   * Erases a client: every row about them goes (cascading from the person), and pending
   * messages about them to their therapist. Only an audit row without content remains.
   */
  eraseClient(clientId: number, actor: "client" | "therapist", at: string): Promise<void>;
  /** Everything rapport holds about a client, for `mydata`. */
  clientData(clientId: number): Promise<ClientData>;
  /** A wrong code from a sender ("channel:id"), stored under a keyed hash of the sender. */
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
  /** A therapist's erase of a client waiting for confirmation (null: none). */
  setEraseRequested(clientId: number, at: string | null): Promise<void>;
  /** The therapist's client whose erase waits for confirmation, if any (the latest). */
  eraseRequestOf(therapistId: number): Promise<{ clientId: number; at: string } | undefined>;
  recordCodeAttempt(sender: string, at: string): Promise<void>;
  codeAttemptsSince(sender: string, since: string): Promise<number>;
  /**
   * Forgets inbound event ids and code attempts from before `before`: event ids are kept only
   * for the platforms' redelivery window, attempts only for their hour.
   */
  pruneSeen(before: string): Promise<void>;

  /** The latest applied trajectory fit, if the clinic has applied one. */
  currentFit(): Promise<StoredFit | undefined>;
  recordWarning(warning: WarningRow, at: string): Promise<void>;
  /** Repeat control of every rule in an episode, by rule. */
  ruleStates(episodeId: number): Promise<Map<string, StoredRuleState>>;
  saveRuleState(episodeId: number, rule: string, state: StoredRuleState): Promise<void>;
  /** A therapist's own summary style; null: the clinic's. */
  summaryStyle(personId: number): Promise<SummaryStyle | null>;
  setSummaryStyle(personId: number, style: SummaryStyle | null): Promise<void>;

  createRiskAlert(
    alert: {
      clientId: number;
      checkinId: number | null;
      source: RiskAlert["source"];
      matched: string[];
      escalateAt: string;
    },
    at: string,
  ): Promise<number>;
  getRiskAlert(id: number): Promise<RiskAlert | undefined>;
  /** The client's alert nobody has acknowledged yet: there is at most one. */
  openRiskAlert(clientId: number): Promise<RiskAlert | undefined>;
  /** Open alerts of a therapist's clients, by client. */
  openRiskAlertsOf(therapistId: number): Promise<Map<number, RiskAlert>>;
  acknowledgeRiskAlert(id: number, personId: number, at: string): Promise<void>;
  updateRiskAlert(id: number, patch: RiskAlertPatch): Promise<void>;
  /** Unacknowledged alerts with a timed step due: the first escalation, a repeat or an update. */
  dueRiskAlerts(now: string): Promise<RiskAlert[]>;
  recordRiskStep(alertId: number, step: string, personId: number | null, at: string): Promise<void>;
  addRiskEvent(event: NewRiskEvent): Promise<number>;
  /** A client's risk events, oldest first; only those of one alert, or one check-in, when asked. */
  riskEvents(
    clientId: number,
    filter?: { alertId?: number; checkinId?: number; afterId?: number },
  ): Promise<RiskEvent[]>;
  /** The concern whose safety question waits for an answer, if any. */
  pendingConcern(clientId: number): Promise<RiskEvent | undefined>;
  answerConcern(eventId: number, answer: Exclude<SafetyAnswer, "pending">): Promise<void>;
  /** Concerns whose safety question has waited since before `before`, oldest first. */
  lapsedConcerns(before: string): Promise<RiskEvent[]>;
  /** The therapist was told of this concern (so it is not told again). */
  markConcernTold(eventId: number, at: string): Promise<void>;
  setEmergencyContact(clientId: number, text: string | null): Promise<void>;
  emergencyContact(clientId: number): Promise<string | null>;
  /** After a crisis message the open question is shown again at the client's next message. */
  setResumeQuestion(clientId: number, on: boolean): Promise<void>;

  /**
   * Queues a message for a person. It goes to `via` when that identity is the person's and
   * reachable, otherwise to the identity they used most recently.
   */
  enqueue(
    personId: number,
    message: OutboundMessage,
    at: string,
    via?: Identity,
    about?: number,
  ): Promise<void>;
  /** Queues a reply to someone rapport does not know (yet): straight to the address they wrote from. */
  enqueueDirect(
    channel: string,
    externalId: string,
    address: Address,
    message: OutboundMessage,
    at: string,
  ): Promise<void>;
}

export interface Store {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;

  /** Every answer of every completed check-in, for `rapport export`, in check-in order. */
  exportAnswers(): Promise<ExportRow[]>;

  /** Progress totals of every finished (ended) episode, in check-in order. */
  finishedEpisodeScores(): Promise<EpisodeScores[]>;
  saveFit(fit: Omit<StoredFit, "id">): Promise<number>;

  /**
   * The outbox speaks of a message's next attempt, not of "due" (schedules and timed steps are
   * due): recipients with a message that may be sent now on these channels, urgent first, then oldest.
   */
  sendableRecipients(channels: readonly string[], now: string, limit: number): Promise<Recipient[]>;
  /**
   * The recipient's message that may go now, if any: urgent first, otherwise the oldest, and
   * none while an earlier one of the same or higher priority is still pending (a retry waits).
   */
  nextSendable(recipient: Recipient, now: string): Promise<OutboxRow | undefined>;
  markSent(id: number, at: string): Promise<void>;
  markSentMany(ids: readonly number[], at: string): Promise<void>;
  /** Schedules another attempt; `counts` is false when the platform only asked to wait (a 429). */
  markRetry(id: number, error: string, nextAttemptAt: string, counts?: boolean): Promise<void>;
  markFailed(id: number, error: string, at: string): Promise<void>;
  /** The earliest next attempt of a pending message on these channels, if any. */
  nextAttemptAt(channels: readonly string[]): Promise<string | undefined>;

  ping(): Promise<void>;
  close(): void;
}
