import type { Address, InboundEvent } from "../model.js";
import type { OutboxRow, Recipient, Store, Tx } from "../store/types.js";
import { ClinicAdmin } from "./commands/clinic-admin.js";
import { type FinalOutcome, settleFailure } from "./delivery-settle.js";
import { runDueSteps } from "./due-steps.js";
import { route } from "./event-router.js";
import { admit } from "./flood-admission.js";
import { FLOOD_LIMITS, FloodLimiter, senderKey } from "./flood-limiter.js";
import { notingRecipients, type OnQueued } from "./queued-recipients.js";
import { type EscalationPass, escalateDue } from "./risk/escalation.js";
import { type EngineDeps, personWording, Turn } from "./turn-context.js";

/**
 * How long inbound event ids (and wrong-code attempts) are kept: the platforms redeliver an
 * event within minutes (Slack retries 3 times, Teams and Telegram sooner), so a day is plenty.
 */
const SEEN_FOR_MS = 24 * 3_600_000;

/** What one pass of timed steps did: escalations, and scheduled check-ins, reminders, expiries, digests. */
interface DuePass extends EscalationPass {
  steps: number;
}

export interface HandleResult {
  /**
   * dropped: over a flood limit (flood-limiter.ts, flood-admission.ts); acknowledged, nothing stored. refused: the
   * channel's sameOrigin check said the event may not speak for the stored identity.
   */
  status: "processed" | "duplicate" | "dropped" | "refused";
  /** A short notice about a press, when the event's platform answers presses itself. */
  notice?: string;
}

/**
 * A channel's check that an event comes from where a stored identity came from (for Teams: the
 * same channel and tenant). Platform ids are unique only within such an origin, so an event from
 * elsewhere that names a known id must not act as that person nor replace their address.
 */
type SameOrigin = (stored: Address) => boolean;

/**
 * The one entry point into the core: every adapter turns its payload into an InboundEvent and
 * calls handle(). Load, decide, commit: the event id, the state changes and the messages to
 * send are written in one transaction, so a duplicate does nothing and a crash loses nothing.
 */
export class Engine {
  /** In memory, per process: flood limits keep one sender from filling the database. */
  private readonly flood: FloodLimiter;

  constructor(
    private readonly store: Store,
    readonly deps: EngineDeps,
    /** Called after a commit that queued messages, with whom for, to wake the delivery worker. */
    private readonly onQueued: OnQueued = () => {},
  ) {
    this.flood = new FloodLimiter({ ...FLOOD_LIMITS, perWindow: deps.config.limits.messagesPerMinute });
  }

  async handle(event: InboundEvent, sameOrigin?: SameOrigin): Promise<HandleResult> {
    let queued = false;
    let told = false;
    const recipients: Recipient[] = [];
    const key = senderKey(event.channel, event.sender.id);
    const result = await this.store
      .transaction(async (outer): Promise<HandleResult> => {
        const tx = notingRecipients(outer, recipients);
        const at = this.deps.clock.now();
        const now = at.toISOString();
        if (await refuses(tx, event, sameOrigin)) return { status: "refused" };
        const previous = this.flood.latest(key, at.getTime());
        // Decided before anything is written: a dropped event leaves no row.
        const admission = await admit(this.flood, tx, this.deps, event, at.getTime(), key);
        if (admission === "drop") return { status: "dropped" };
        if (!(await tx.recordInbound(event.channel, event.id, now))) return { status: "duplicate" };
        const turn = new Turn(this.deps, tx, event, now);
        if (previous !== undefined) turn.sincePrevious = at.getTime() - previous;
        queued = true;
        if (admission === "notice") {
          await floodNotice(turn);
          return { status: "dropped" };
        }
        await route(turn);
        // Marked here, inside the queue of transactions, so the sender's next message sees it.
        told = turn.toldHowToStart;
        if (told) this.flood.tellingHowToStart(key, at.getTime());
        return { status: "processed", notice: turn.notice };
      })
      .catch((error: unknown) => {
        // Rolled back: the answer was never queued, so a redelivery may still get it.
        if (told) this.flood.forgetHowToStart(key);
        throw error;
      });
    if (queued) this.onQueued(recipients);
    this.received(event, event.input.kind, result);
    return result;
  }

  /**
   * The debug line of an event handled: its channel, kind and outcome, never what it said nor its
   * id (a Slack press's id carries the presser's user id, which the store keeps only hashed).
   */
  private received(event: InboundEvent, kind: string, result: HandleResult): void {
    const log = this.deps.log;
    if (log?.isLevelEnabled("debug"))
      log.debug({ channel: event.channel, kind, outcome: result.status }, "event received");
  }

  /**
   * The app was installed or the bot added to a personal chat: a known person's address is
   * refreshed (so rapport can write to them later); someone new is told how to start.
   */
  async greet(event: InboundEvent, sameOrigin?: SameOrigin): Promise<HandleResult> {
    const recipients: Recipient[] = [];
    const result = await this.store.transaction(async (outer): Promise<HandleResult> => {
      const tx = notingRecipients(outer, recipients);
      const at = this.deps.clock.now();
      const now = at.toISOString();
      if (await refuses(tx, event, sameOrigin)) return { status: "refused" };
      const key = senderKey(event.channel, event.sender.id);
      const known = await tx.findIdentity(event.channel, event.sender.id);
      // Someone new is told how to start once an hour, however often the app is installed.
      if (!known && this.flood.toldHowToStart(key, at.getTime())) return { status: "dropped" };
      if (!(await tx.recordInbound(event.channel, event.id, now))) return { status: "duplicate" };
      const turn = new Turn(this.deps, tx, event, now);
      if (known) {
        await tx.saveIdentity(
          { ...known, address: event.address, locale: event.sender.locale ?? known.locale },
          now,
        );
      } else {
        await turn.replyText(turn.wording.t("unknown_sender"));
        this.flood.tellingHowToStart(key, at.getTime());
      }
      return { status: "processed" };
    });
    if (result.status === "processed") this.onQueued(recipients);
    this.received(event, "greeting", result);
    return result;
  }

  /**
   * Steps that fall due with time rather than with a message, in one transaction: escalating
   * unacknowledged risk alerts, then every other timed step of due-steps.ts (check-ins, reminders,
   * expiries, dated breaks ending, lapsed safety questions, the digest), and pruning the seen
   * event ids. Driven by stored due times, so it can run on any tick and after any restart.
   */
  async runDue(): Promise<DuePass> {
    const recipients: Recipient[] = [];
    const pass = await this.store.transaction(async (outer) => {
      const tx = notingRecipients(outer, recipients);
      const now = this.deps.clock.now().toISOString();
      const escalation = await escalateDue(tx, this.deps, now, (personId) =>
        personWording(tx, this.deps, personId),
      );
      await tx.pruneSeen(new Date(Date.parse(now) - SEEN_FOR_MS).toISOString());
      return { ...escalation, steps: await runDueSteps(tx, this.deps, now) };
    });
    if (pass.handled > 0 || pass.steps > 0) this.onQueued(recipients);
    return pass;
  }

  /**
   * A message that will not be delivered (an unreachable recipient, or its last attempt failed):
   * the row is given up and the therapist told, in one transaction (delivery-settle.ts).
   */
  async settleFailure(row: OutboxRow, outcome: FinalOutcome, error: string): Promise<void> {
    // Rare: a whole look at the outbox, not a hand-off.
    if (await settleFailure(this.store, this.deps, row, outcome, error)) this.onQueued();
  }

  /** Whether the clinic's on-call contact (risk.onCall) is set, and registered as a therapist. */
  onCallStatus(): Promise<"none" | "registered" | "unknown"> {
    return new ClinicAdmin(this.store, this.deps).onCallStatus();
  }

  /**
   * `rapport therapist add NAME`: a therapist record and the one-time code they link with
   * (ClinicAdmin: one therapist per name).
   */
  addTherapist(name: string): Promise<{ code: string }> {
    return new ClinicAdmin(this.store, this.deps).addTherapist(name);
  }
}

/**
 * Whether an event names a stored identity whose address it may not replace. Checked in the
 * event's own transaction, before anything is recorded, so a refused event leaves no trace.
 */
async function refuses(tx: Tx, event: InboundEvent, sameOrigin: SameOrigin | undefined): Promise<boolean> {
  if (!sameOrigin) return false;
  const known = await tx.findIdentity(event.channel, event.sender.id);
  return known !== undefined && !sameOrigin(known.address);
}

/** The one notice of a flood: to the sender's own conversation, in their language. */
async function floodNotice(turn: Turn): Promise<void> {
  const known = await turn.tx.findIdentity(turn.event.channel, turn.event.sender.id);
  const person = known ? await turn.tx.getPerson(known.personId) : undefined;
  if (known && person) {
    turn.identity = { ...known, address: turn.event.address };
    turn.person = person;
  }
  await turn.replyText(turn.wording.t("flood_notice"));
}
