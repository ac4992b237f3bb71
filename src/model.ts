/**
 * The neutral model every adapter translates to and from. Nothing here knows a platform:
 * an adapter turns its payload into an InboundEvent and renders an OutboundMessage natively.
 */

/** Where a reply goes, in the adapter's own terms (a chat id, a conversation reference...). */
export type Address = Record<string, unknown>;

export interface Sender {
  /** The platform's stable user id, unique within the channel. */
  id: string;
  /** A display name if the platform offers one; never logged. */
  name?: string;
  /** BCP 47 language tag if the platform knows it (Telegram language_code, Slack locale). */
  locale?: string;
  /** IANA time zone if the platform knows it (Slack users.info), for quiet hours and schedules. */
  timeZone?: string;
}

export type InboundInput =
  | { kind: "text"; text: string }
  /**
   * A button press. `ref` names the question the button belonged to, so old buttons are
   * detected; `source` is the platform's reference to the message that held the button, so it
   * can be updated to show the answer.
   */
  | { kind: "choice"; value: string; ref?: string; source?: string };

export interface InboundEvent {
  channel: string;
  /** Unique per channel (Telegram update_id, Slack event_id, Teams activity id); used for de-duplication. */
  id: string;
  sender: Sender;
  address: Address;
  /** False for group chats and channels: health data is never shown there. */
  direct: boolean;
  input: InboundInput;
  /**
   * True when the platform answers a press itself (Telegram's answerCallbackQuery): a short
   * notice about the press (an old button) comes back from the engine instead of as a message.
   */
  acknowledgesPresses?: boolean;
}

export interface Choice {
  label: string;
  value: string;
}

type MessageKind = "info" | "question" | "summary" | "warning" | "urgent";

export interface OutboundMessage {
  kind: MessageKind;
  text: string;
  choices?: Choice[];
  /** Identifies the question that `choices` answer; adapters send it back with a press. */
  ref?: string;
  urgent?: boolean;
  /**
   * A message to the client on the risk path (the follow-ups to a crisis message): retried as an
   * urgent one (at least once a minute, never given up while the client is reachable) but sent in
   * its place among the turn's messages and shown as an ordinary one, without the urgent marker.
   */
  riskPath?: boolean;
  /** Update this earlier platform message (the `source` of a press) instead of sending a new one. */
  replaces?: string;
  /**
   * A file sent after the text where the platform takes one from a bot (Telegram, Slack), with
   * its caption; where it does not (Teams), `note` is added to the text instead.
   */
  file?: OutboundFile;
  /** A picture sent after the text: a client's chart, only ever to their therapist's direct chat. */
  chart?: OutboundChart;
  /**
   * On a notice of a client's erasure (to their therapist, and to the on-call contact holding
   * their open alert), the client's alias: a channel that keeps copies of what it delivered (the
   * console's chart files) removes theirs before the notice is shown. A recipient's messages go
   * one at a time, so a chart on its way at the erasure comes first. The store checkpoints once
   * such a notice is sent, whichever process queued it (erasure-checkpoints.ts).
   */
  erasedAlias?: string;
  /**
   * On the same notices, the erased client's person id, as their charts carry it
   * (OutboundChart.client): an alias is unique per therapist only, so the console removes the
   * chart files of this client, not every client's of that alias.
   */
  erasedClient?: number;
}

export interface OutboundChart {
  /** The PNG, base64: held in the outbox only while the message waits to be sent. */
  png: string;
  /** What the picture shows, in words: its alt text where the platform has one, else its caption. */
  alt: string;
  /** A file name from the alias and the date: never a name or a platform id. */
  name: string;
  /**
   * The client it draws (their person id, never shown to anyone); none on a caseload picture,
   * which draws several. The console names its copy by it, not by the alias (chart-files.ts).
   */
  client?: number;
}

interface OutboundFile {
  name: string;
  type: string;
  content: string;
  caption: string;
  note: string;
}

/** A message as the delivery worker hands it to a channel. */
export interface Delivery {
  outboxId: number;
  channel: string;
  externalId: string;
  address: Address;
  message: OutboundMessage;
}
