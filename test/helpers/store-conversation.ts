import { randomUUID } from "node:crypto";
import { ManualClock } from "../../src/clock.js";
import type { ChannelSender } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import { Engine } from "../../src/engine/engine.js";
import type { Delivery, InboundInput } from "../../src/model.js";
import type { Store } from "../../src/store/store.js";
import { silentLog, testDeps } from "./conversation.js";

/**
 * A scripted conversation on any store (Conversation's is a SQLite file of its own): for the
 * PostgreSQL tests that drive the engine. Say something as a person, get what was delivered.
 */
export class StoreConversation {
  readonly clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));
  readonly engine: Engine;
  readonly worker: DeliveryWorker;
  readonly delivered: Delivery[] = [];

  constructor(readonly store: Store) {
    const sender: ChannelSender = { channel: "console", send: async (d) => void this.delivered.push(d) };
    this.worker = new DeliveryWorker(store, [sender], this.clock, silentLog);
    this.engine = new Engine(store, testDeps(this.clock));
  }

  async send(name: string, input: InboundInput): Promise<Delivery[]> {
    const before = this.delivered.length;
    await this.engine.handle({
      channel: "console",
      id: randomUUID(),
      sender: { id: name },
      address: { name },
      direct: true,
      input,
    });
    await this.worker.drain();
    return this.delivered.slice(before);
  }

  say(name: string, text: string): Promise<Delivery[]> {
    return this.send(name, { kind: "text", text });
  }

  press(name: string, value: string, ref?: string): Promise<Delivery[]> {
    return this.send(name, { kind: "choice", value, ref });
  }

  /** A linked therapist (added once) and an enrolled, consenting client. */
  async enrol(therapist: string, client: string): Promise<void> {
    const known = this.delivered.some((d) => d.externalId === therapist);
    if (!known) {
      const { code } = await this.engine.addTherapist(`Dr ${therapist}`);
      await this.say(therapist, `link ${code}`);
    }
    const invite = await this.say(therapist, `invite ${client}`);
    const code = /start (\S+)/.exec(invite[0]?.message.text ?? "")?.[1];
    if (!code) throw new Error("no invite code in the reply");
    await this.say(client, `start ${code}`);
    await this.say(client, "yes");
  }

  /** Answers every question of the open check-in with these values, then the comment. */
  async answerAll(client: string, values: readonly (number | string)[], comment: string): Promise<void> {
    for (const v of values) await this.say(client, String(v));
    await this.say(client, comment);
  }

  async close(): Promise<void> {
    await this.worker.stop();
    this.store.close();
  }
}
