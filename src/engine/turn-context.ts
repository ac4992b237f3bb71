import type { Clock } from "../clock.js";
import type { ClinicConfig } from "../config/clinic-config.js";
import type { Logger } from "../log.js";
import type { InboundEvent, OutboundMessage } from "../model.js";
import type { PromptCatalog } from "../prompts/load.js";
import { type Wording, wordingFor } from "../prompts/render.js";
import type { Client, Identity, Person, Tx } from "../store/types.js";

/** What the engine is built from; everything that touches the outside world comes in here. */
export interface EngineDeps {
  clock: Clock;
  catalog: PromptCatalog;
  /** The clinic's configuration (RAPPORT_CONFIG), defaults filled in. */
  config: ClinicConfig;
  /** The clinic's crisis text in its own language: every other language falls back to it. */
  crisisText: string;
  /** The clinic's crisis text per language, when it wrote one per language (clinic.crisisText). */
  crisisTexts?: Readonly<Record<string, string>>;
  /** Platform links for an invite code (a Telegram deep link, say); the core knows no platform. */
  inviteLinks?: (code: string) => string[];
  /**
   * Whether answers and comments are encrypted at rest (RAPPORT_DATA_KEY set): what a client asking
   * "is this encrypted" is told. Unset: not, as without a key.
   */
  encryptedAtRest?: boolean;
  /** Makes a new one-time code; tests pass a predictable one. */
  newCode: () => string;
  /**
   * Where the engine reports what someone must act on (an urgent alert that reached no one); ids
   * only, never what a client wrote. Unset (tests, one-off commands): not reported. At debug
   * level, each event handled (channel, kind, event id and outcome).
   */
  log?: Pick<Logger, "error" | "debug" | "isLevelEnabled">;
}

/** The clinic's crisis text for a message in this wording's language. */
export function crisisIn(deps: EngineDeps, w: Wording): string {
  return deps.crisisTexts?.[w.pack.language] ?? deps.crisisText;
}

/**
 * A person's wording: the language their therapist set for a client (`language ALIAS CODE`), else
 * that of the channel they used last where prompts exist, else the clinic's. `spoken` comes first
 * when given: the language a client's words of distress were in, so that the answer to them is too.
 */
export async function personWording(
  tx: Tx,
  deps: EngineDeps,
  personId: number,
  spoken?: string | null,
): Promise<Wording> {
  const [latest] = await tx.identitiesOf(personId);
  const set = (await tx.getClient(personId))?.language;
  return wordingFor(deps.catalog, spoken, set, latest?.locale, deps.config.clinic.language);
}

/**
 * The name of the client's therapist, as messages to the client name them ("" if none is on
 * record): as read with the client when it was (getClient), else read now.
 */
export async function therapistName(
  tx: Pick<Tx, "getPerson">,
  client: Pick<Client, "therapistId" | "therapistName">,
): Promise<string> {
  if (client.therapistName !== undefined) return client.therapistName;
  return (await tx.getPerson(client.therapistId))?.name ?? "";
}

/** One inbound event being handled inside one transaction: who sent it, and how to answer. */
export class Turn {
  identity: Identity | undefined;
  person: Person | undefined;
  /** A short notice about a press, for platforms that answer presses themselves. */
  notice: string | undefined;
  /** An unknown sender got the "how to start" answer: the flood limit allows one an hour. */
  toldHowToStart = false;
  /** The language set for the sender, a client, by their therapist: it comes before the platform's. */
  language: string | null = null;
  /**
   * Milliseconds since this process handled the sender's previous message, if that was within the
   * flood limiter's window (a minute): a message so soon after another is part of a burst. Kept in
   * memory only: after a restart, or at another instance, the next message is simply not one.
   */
  sincePrevious: number | undefined;

  constructor(
    readonly deps: EngineDeps,
    readonly tx: Tx,
    readonly event: InboundEvent,
    readonly now: string,
  ) {}

  /** A turn that no person started (a scheduled step): it only sends, in each recipient's language. */
  static system(deps: EngineDeps, tx: Tx, now: string, id: string): Turn {
    return new Turn(
      deps,
      tx,
      {
        channel: "system",
        id,
        sender: { id: "system" },
        address: {},
        direct: true,
        input: { kind: "text", text: "" },
      },
      now,
    );
  }

  /**
   * The wording for the sender: the language set for them, else their platform's where prompts
   * exist, else the clinic's.
   */
  get wording(): Wording {
    // Asked for many times a turn; it changes only with the language set for the sender.
    if (this.wordingFor !== this.language || !this.senderWording) {
      this.senderWording = this.spokenWording(null);
      this.wordingFor = this.language;
    }
    return this.senderWording;
  }

  private senderWording: Wording | undefined;
  /** The set language `senderWording` was picked with. */
  private wordingFor: string | null = null;

  /** The sender's wording, in the language their words were in when one is named (risk-language.ts). */
  spokenWording(spoken: string | null): Wording {
    const { catalog, config } = this.deps;
    return wordingFor(catalog, spoken, this.language, this.event.sender.locale, config.clinic.language);
  }

  wordingOf(personId: number, spoken?: string | null): Promise<Wording> {
    return personWording(this.tx, this.deps, personId, spoken);
  }

  /** Makes the sender's channel identity one of this person's, and the sender of this turn. */
  async attachSender(person: Person): Promise<void> {
    const { channel, sender, address } = this.event;
    this.identity = {
      channel,
      externalId: sender.id,
      personId: person.id,
      address,
      locale: sender.locale ?? null,
      timeZone: sender.timeZone ?? null,
    };
    this.person = person;
    await this.tx.saveIdentity(this.identity, this.now);
  }

  /**
   * The client (or, for the caseload, the therapist) this turn's replies are about: set once a
   * command has found its client, so every reply that names them is withdrawn if they are erased
   * while it is still queued.
   */
  private about: number | undefined;

  concerning(personId: number | undefined): void {
    this.about = personId;
  }

  /** Answers the sender on the conversation they wrote from. */
  async reply(message: OutboundMessage): Promise<void> {
    if (this.person && this.identity) {
      await this.tx.enqueue(this.person.id, message, this.now, this.identity, this.about);
    } else {
      const { channel, sender, address } = this.event;
      await this.tx.enqueueDirect(channel, sender.id, address, message, this.now);
    }
  }

  async replyText(text: string): Promise<void> {
    await this.reply({ kind: "info", text });
  }

  /** A reply that tells about a client (a summary, their emergency details): erasing them removes it while queued. */
  async replyAbout(text: string | OutboundMessage, clientId: number): Promise<void> {
    const message: OutboundMessage = typeof text === "string" ? { kind: "info", text } : text;
    if (this.person && this.identity)
      await this.tx.enqueue(this.person.id, message, this.now, this.identity, clientId);
    else await this.reply(message);
  }

  /** Tells the sender something about their press: in the press's own answer where the platform has one. */
  async pressNotice(text: string): Promise<void> {
    if (this.event.input.kind === "choice" && this.event.acknowledgesPresses) this.notice = text;
    else await this.replyText(text);
  }

  /**
   * After an accepted press, the message that held the buttons is updated to show the answer
   * (and loses its buttons), so the chat does not fill with keyboards.
   */
  async showAnswer(question: OutboundMessage): Promise<void> {
    const input = this.event.input;
    if (input.kind !== "choice" || !input.source) return;
    const chosen = question.choices?.find((c) => c.value === input.value)?.label ?? input.value;
    const text = `${question.text}\n\n${this.wording.t("answer_chosen", { answer: chosen })}`;
    await this.reply({ kind: "info", text, replaces: input.source });
  }

  /** Queues a message for a person; `about` names the client it concerns, so erasing them removes it. */
  async send(personId: number, message: OutboundMessage, about?: number): Promise<void> {
    await this.tx.enqueue(personId, message, this.now, undefined, about);
  }
}
