import type { RiskFinding } from "../clinical/risk-finding.js";
import { codeArgument, codeInText } from "../codes.js";
import type { Address, InboundEvent } from "../model.js";
import type { Client, OutboxRow, Recipient, Store, Tx } from "../store/types.js";
import { parseChatWord } from "./chat-words.js";
import { routeClient } from "./client-router.js";
import { ClinicAdmin } from "./commands/clinic-admin.js";
import { linkTherapist, startEnrolment } from "./commands/enrolment.js";
import { type FinalOutcome, settleFailure } from "./delivery-settle.js";
import { runDueSteps } from "./due-steps.js";
import { admit } from "./flood-admission.js";
import { FLOOD_LIMITS, FloodLimiter, senderKey } from "./flood-limiter.js";
import { identityStale } from "./identity-refresh.js";
import { notingRecipients, type OnQueued } from "./queued-recipients.js";
import { concernTurn, disclosureTurn } from "./risk/disclosure.js";
import { type EscalationPass, escalateDue } from "./risk/escalation.js";
import { screenInput } from "./risk/screening.js";
import { routeTherapist } from "./therapist-router.js";
import { crisisIn, type EngineDeps, personWording, Turn } from "./turn-context.js";

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
    return result;
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

async function route(turn: Turn): Promise<void> {
  const { event, tx } = turn;
  // A button can carry a chat word too ("seen 12" on an urgent alert).
  const said = event.input.kind === "text" ? event.input.text : event.input.value;
  const parsed = parseChatWord(said, turn.wording.pack.messages.words);
  // Health data never goes to a group: there, rapport only points to a direct conversation.
  // A disclosure in a group still counts: a client's goes the whole risk path, privately.
  if (!event.direct) {
    const known = await tx.findIdentity(event.channel, event.sender.id);
    const client = known ? await tx.getClient(known.personId) : undefined;
    const finding = await screenInput(turn, parsed);
    if (finding && client) await groupDisclosure(turn, client, finding);
    // Someone unknown in a group cannot be written to privately: the group gets a neutral pointer
    // to a direct chat, where the crisis text follows; their words are not answered in front of others.
    const pointer = finding && !client ? "group_pointer_risk" : "group_pointer";
    await tx.enqueueDirect(
      event.channel,
      `group:${event.sender.id}`,
      event.address,
      { kind: "info", text: turn.wording.t(pointer) },
      turn.now,
    );
    return;
  }
  const identity = await tx.findIdentity(event.channel, event.sender.id);
  if (!identity) {
    // Someone rapport does not know gets the crisis text at once (there is no therapist to tell),
    // and nothing procedural after it.
    const finding = await screenInput(turn, parsed);
    if (finding) return crisisForStranger(turn, finding.language);
    if (parsed?.word === "start") return startEnrolment(turn, codeArgument(parsed.args));
    if (parsed?.word === "link") return linkTherapist(turn, codeArgument(parsed.args));
    // "hi, start K7QM-2XRD-9HWP", or the code alone: the invite it carries.
    const code = parsed
      ? undefined
      : codeInText(turn.event.input.kind === "text" ? turn.event.input.text : "");
    if (code) return startEnrolment(turn, code);
    // Once an hour per sender (flood-admission.ts `strangerAnswer` tells this case apart the same way).
    turn.toldHowToStart = true;
    // Asked for help, a therapist who has not linked yet reads how to, after the client's line.
    return turn.replyText(turn.wording.t(parsed?.word === "help" ? "unknown_sender_help" : "unknown_sender"));
  }
  // Keep the reply address and language fresh: platforms move conversations and users change settings.
  turn.identity = {
    ...identity,
    address: event.address,
    locale: event.sender.locale ?? identity.locale,
    timeZone: event.sender.timeZone ?? identity.timeZone,
  };
  if (identityStale(identity, turn.identity, turn.now)) await tx.saveIdentity(turn.identity, turn.now);
  turn.person = await tx.getPerson(identity.personId);
  if (!turn.person) return;
  if (turn.person.role === "therapist") return routeTherapist(turn, turn.person.id, parsed);
  const client = await tx.getClient(turn.person.id);
  if (!client) return;
  if (!client.language) return routeClient(turn, client, parsed);
  // A language set by the therapist comes first: the client's own control words are its words.
  turn.language = client.language;
  return routeClient(turn, client, parseChatWord(said, turn.wording.pack.messages.words));
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

/** In the language of the words that matched, as for a client: a stranger has no other. */
async function crisisForStranger(turn: Turn, spoken: string | null): Promise<void> {
  const w = turn.spokenWording(spoken);
  await turn.reply({
    kind: "urgent",
    urgent: true,
    text: w.t("crisis_message_unknown", { crisis: crisisIn(turn.deps, w) }),
  });
}

/**
 * A client's words in a group take the risk path in their direct conversation, never in the
 * group; there they are never a check-in answer or comment.
 */
async function groupDisclosure(turn: Turn, client: Client, finding: RiskFinding): Promise<void> {
  turn.person = await turn.tx.getPerson(client.personId);
  const input = turn.event.input;
  const text = input.kind === "text" ? input.text : input.value;
  if (finding.tier === "disclosure") return disclosureTurn(turn, client, undefined, finding, text);
  return concernTurn(turn, client, undefined, finding, text);
}
