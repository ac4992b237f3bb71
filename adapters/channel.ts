import type { Server } from "restify";
import type { ChannelSender } from "../src/delivery/channel-sender.js";
import type { Engine } from "../src/engine/engine.js";
import type { ChannelStates } from "./channel-states.js";

/**
 * What every chat platform's adapter offers `serve`: its name, the sender the delivery worker
 * uses, start (mount its route on the shared server and connect in the background, reporting to
 * `states`), stop, and links that open a chat with an invite code where the platform has them.
 */
export interface Channel {
  readonly name: string;
  readonly sender: ChannelSender;
  start(engine: Engine, server: Server, states: ChannelStates): void;
  stop(): Promise<void>;
  inviteLinks?(code: string): string[];
}
