import type {
  Answer,
  Checkin,
  CompletedCheckin,
  Episode,
  Job,
  JobKind,
  PlanItem,
  RecordedWarning,
  Schedule,
  StoredFit,
  StoredRuleState,
  SummaryStyle,
  WarningRow,
} from "./types.js";

/**
 * The check-in loop's parts of the storage interface (tx.ts composes the parts into Tx): episodes,
 * check-ins and answers, the clinical rules' memory, and schedules, pauses and timed jobs. Each
 * store implements them in its checkins.ts, rules.ts and schedule.ts.
 */
/** Episodes of care, check-ins and their answers. */
export interface CheckinsTx {
  /** The client's episodes, oldest first. */
  episodesOf(clientId: number): Promise<Episode[]>;
  /** Ends the client's open episode, cancelling an unfinished check-in; undefined when none is open. */
  endEpisode(clientId: number, at: string): Promise<{ episodeId: number; completed: number } | undefined>;

  openCheckin(clientId: number): Promise<Checkin | undefined>;
  createCheckin(clientId: number, plan: PlanItem[], at: string): Promise<Checkin>;
  saveAnswer(checkinId: number, answer: Answer, at: string): Promise<void>;
  /** The value given to one item of a check-in; undefined when it has none. */
  answerOf(checkinId: number, item: PlanItem): Promise<number | undefined>;
  /**
   * A corrected answer ("wait, I meant 5"): the item's value replaced. Its time of answering stays,
   * so the answers keep the order they were asked in. False when the item had no answer.
   */
  correctAnswer(checkinId: number, answer: Answer): Promise<boolean>;
  /**
   * When the client gave the check-in's latest answer (a correction keeps the time of the answer it
   * corrects); undefined when it has none. A check-in that closes without its comment is dated so.
   */
  lastAnswerAt(checkinId: number): Promise<string | undefined>;
  setCheckinStep(checkinId: number, step: number): Promise<void>;
  /**
   * An open check-in's plan replaced by a longer one (a split schedule's after-session part joining
   * its before-session part the client is in the middle of); false when it was no longer open.
   */
  setCheckinPlan(checkinId: number, plan: PlanItem[]): Promise<boolean>;
  completeCheckin(checkinId: number, comment: string | null, at: string): Promise<void>;
  /** Notes that a lone number typed at the open check-in's comment was asked about (null: clears it). */
  setCommentNumberAsked(checkinId: number, at: string | null): Promise<void>;
  /**
   * Words the client wrote during a check-in, kept as the start of its comment until it completes;
   * nothing when the check-in is no longer open.
   */
  noteOnCheckin(checkinId: number, comment: string): Promise<void>;
  /** Ends an open check-in nobody finished; false when it was no longer open. */
  expireCheckin(checkinId: number, at: string): Promise<boolean>;
  completedCheckins(clientId: number): Promise<CompletedCheckin[]>;
  /** Check-ins that ended unfinished (expired, closed by a discharge), oldest first, with their answers. */
  unansweredCheckins(clientId: number): Promise<CompletedCheckin[]>;
  /** The check-in the client completed last (of any episode, without its answers); undefined: none. */
  lastCompletedCheckin(clientId: number): Promise<Checkin | undefined>;
  saveAssessment(checkinId: number, assessment: unknown): Promise<void>;
}

/** The clinical rules' memory: warnings, repeat control, the trajectory fit, summary style. */
export interface RulesTx {
  /** The latest applied trajectory fit, if the clinic has applied one. */
  currentFit(): Promise<StoredFit | undefined>;
  recordWarning(warning: WarningRow, at: string): Promise<void>;
  /** A client's recorded warnings, sent or not, in the order recorded. */
  warningsOf(clientId: number): Promise<RecordedWarning[]>;
  /** Repeat control of every rule in an episode, by rule. */
  ruleStates(episodeId: number): Promise<Map<string, StoredRuleState>>;
  saveRuleState(episodeId: number, rule: string, state: StoredRuleState): Promise<void>;
  /** A therapist's own summary style; null: the clinic's. */
  summaryStyle(personId: number): Promise<SummaryStyle | null>;
  setSummaryStyle(personId: number, style: SummaryStyle | null): Promise<void>;
}

/** Session schedules, pauses, and timed jobs (check-ins, reminders, expiry). */
export interface ScheduleTx {
  saveSchedule(schedule: Schedule, at: string): Promise<void>;
  deleteSchedule(clientId: number): Promise<boolean>;
  getSchedule(clientId: number): Promise<Schedule | undefined>;
  dueSchedules(now: string): Promise<Schedule[]>;
  addJob(kind: JobKind, clientId: number, dueAt: string, at: string, checkinId?: number): Promise<void>;
  dueJobs(now: string, limit: number): Promise<Job[]>;
  finishJob(id: number, note: string, at: string): Promise<void>;
  postponeJob(id: number, dueAt: string): Promise<void>;
  /** When the client's pending session check-ins (one-off sessions) fall due, earliest first. */
  pendingSessionJobs(clientId: number): Promise<string[]>;
  /** Cancels the client's pending session check-ins (one-off sessions); returns how many. */
  cancelSessionJobs(clientId: number, note: string, at: string): Promise<number>;
  addPause(clientId: number, from: string, to: string, at: string): Promise<void>;
  pausesOf(clientId: number): Promise<{ from: string; to: string }[]>;
  /**
   * Lifts the client's pause that covers `today`, or else the next one to come; returns it
   * (undefined: none left). Pauses already over stay on record.
   */
  liftPause(clientId: number, today: string): Promise<{ from: string; to: string } | undefined>;
}
