import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import pino from "pino";
import type { z } from "zod";
import { ManualClock } from "../../src/clock.js";
import { newCode } from "../../src/codes.js";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";
import type { ChannelSender } from "../../src/delivery/channel-sender.js";
import { DeliveryWorker } from "../../src/delivery/worker.js";
import { Engine, type HandleResult } from "../../src/engine/engine.js";
import type { Delivery, InboundEvent, InboundInput } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import type { DataKey } from "../../src/store/field-crypto.js";
import type { SqliteStore } from "../../src/store/sqlite/store.js";
import type { Answer, Client, ClientData, ClinicStatus, Store, Tx } from "../../src/store/types.js";
import { type ConversationStore, openConversationStore } from "./conversation-store.js";

export const PROMPTS_DIR = fileURLToPath(new URL("../../prompts", import.meta.url));
export const CRISIS = "TEST CRISIS TEXT: call 112.";
export const silentLog = pino({ level: "silent" });

/** A logger that keeps the message and error of each entry at error level or above, and writes nothing. */
function errorsInto(errors: string[]) {
  return pino(
    { level: "error" },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        errors.push([entry.msg, entry.err?.message].filter(Boolean).join(": "));
      },
    },
  );
}

/**
 * The engine's dependencies as tests use them: the shipped prompts (or a test's own folder, such
 * as fixture-prompts.ts makes), a clinic config, a test crisis text.
 */
export function testDeps(
  clock: ManualClock,
  config: z.input<typeof clinicConfigSchema> = {},
  promptsDir = PROMPTS_DIR,
) {
  const parsed = clinicConfigSchema.parse(config);
  // A crisis text per language in the test's config is used as a clinic's would be; otherwise the test text.
  const perLanguage = typeof parsed.clinic.crisisText === "object" ? parsed.clinic.crisisText : undefined;
  return {
    clock,
    catalog: loadPrompts(promptsDir),
    config: parsed,
    crisisText: perLanguage?.[parsed.clinic.language] ?? CRISIS,
    crisisTexts: perLanguage,
    newCode: () => newCode(),
  };
}

/**
 * A scripted conversation on a real store: say something as a person, get back what rapport
 * delivered as a result. The store is the one this test process runs on
 * (test/support/store-matrix.ts): a SQLite file of its own, or a PostgreSQL database of its own,
 * whose open every call to the store waits for.
 */
export class Conversation {
  readonly clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));
  readonly store: Store;
  readonly engine: Engine;
  readonly worker: DeliveryWorker;
  readonly delivered: Delivery[] = [];
  /** Every event handed to the engine through `send` (and so `say` and `press`), in order. */
  readonly handled: InboundEvent[] = [];
  private readonly linked = new Set<string>();
  /**
   * What the delivery worker logged at error level: a store read or mark that failed leaves the
   * row pending for a later pass, so `drain` returns without it. A conversation has no later
   * pass, so `send` and `tick` fail with the error instead of returning fewer replies.
   */
  private readonly workerErrors: string[] = [];
  private readonly opened: ConversationStore;

  /**
   * `config` is a clinic config as a clinic would write it (RAPPORT_CONFIG), defaults filled in;
   * `promptsDir` a prompts folder of the test's own (RAPPORT_PROMPTS).
   */
  constructor(
    config: z.input<typeof clinicConfigSchema> = {},
    channel = "console",
    keys: readonly DataKey[] = [],
    /** A clinic's own prompts folder (with imported instruments); the shipped one by default. */
    promptsDir = PROMPTS_DIR,
  ) {
    this.opened = openConversationStore(this.clock.now(), keys);
    this.store = this.opened.store;
    const sender: ChannelSender = { channel, send: async (d) => void this.delivered.push(d) };
    this.worker = new DeliveryWorker(this.store, [sender], this.clock, errorsInto(this.workerErrors));
    // As the app: with a data key, answers are encrypted at rest, and "is this encrypted" says so.
    const deps = { ...testDeps(this.clock, config, promptsDir), encryptedAtRest: keys.length > 0 };
    this.engine = new Engine(this.store, deps);
  }

  /** Waits until the store is open (SQLite's opens at once): for what needs it open, as `pseudonym`. */
  async ready(): Promise<void> {
    await this.store.ping();
  }

  event(name: string, input: InboundInput, id: string = randomUUID()): InboundEvent {
    return { channel: "console", id, sender: { id: name }, address: { name }, direct: true, input };
  }

  /** Hands one event to the engine and returns the messages delivered because of it. */
  async send(
    event: InboundEvent,
  ): Promise<{ result: HandleResult["status"]; notice?: string; replies: Delivery[] }> {
    const before = this.delivered.length;
    this.handled.push(event);
    const { status, notice } = await this.engine.handle(event);
    await this.drain();
    return { result: status, notice, replies: this.delivered.slice(before) };
  }

  async say(name: string, text: string): Promise<Delivery[]> {
    return (await this.send(this.event(name, { kind: "text", text }))).replies;
  }

  async press(name: string, value: string, ref?: string): Promise<Delivery[]> {
    return (await this.send(this.event(name, { kind: "choice", value, ref }))).replies;
  }

  /** Moves the clock on, runs the steps that fell due and delivers what they queued. */
  async tick(ms: number): Promise<Delivery[]> {
    const before = this.delivered.length;
    this.clock.advance(ms);
    await this.engine.runDue();
    await this.drain();
    return this.delivered.slice(before);
  }

  /** Moves the clock to an instant (forwards only), runs what fell due and delivers it. */
  tickTo(iso: string): Promise<Delivery[]> {
    return this.tick(Date.parse(iso) - this.clock.now().getTime());
  }

  /** Delivers what is due; fails if the worker hit an error, which would leave a reply unsent. */
  private async drain(): Promise<void> {
    await this.worker.drain();
    const errors = this.workerErrors.splice(0);
    if (errors.length > 0) throw new Error(`the delivery worker failed: ${errors.join("; ")}`);
  }

  /** The last message delivered to a person. */
  lastTo(name: string): Delivery {
    const found = this.delivered.filter((d) => d.externalId === name).at(-1);
    if (!found) throw new Error(`nothing was delivered to ${name}`);
    return found;
  }

  /** Answers every question of the open check-in with these values, then the comment. */
  async answerAll(
    client: string,
    values: readonly (number | string)[],
    comment = "skip",
  ): Promise<Delivery[]> {
    for (const v of values) await this.say(client, String(v));
    return this.say(client, comment);
  }

  /** A linked therapist and an enrolled, consenting client: the state most tests start from. */
  async enrol(therapist = "rivera", client = "alex"): Promise<void> {
    // A therapist is added and linked once; later clients join their caseload.
    if (!this.linked.has(therapist)) {
      const { code } = await this.engine.addTherapist(`Dr ${therapist}`);
      await this.say(therapist, `link ${code}`);
      this.linked.add(therapist);
    }
    const invite = await this.say(therapist, `invite ${client}`);
    const clientCode = /start (\S+)/.exec(invite[0]?.message.text ?? "")?.[1];
    if (!clientCode) throw new Error("no invite code in the reply");
    await this.say(client, `start ${clientCode}`);
    await this.say(client, "yes");
  }

  /** Reads (or changes) the store through the Store/Tx interface, in a transaction of its own. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.store.transaction(fn);
  }

  /** The client with this alias on a therapist's caseload (the therapist by their console name). */
  client(alias: string, therapist = "rivera"): Promise<Client | undefined> {
    return this.read(async (tx) => {
      const identity = await tx.findIdentity("console", therapist);
      return identity ? tx.findClient(identity.personId, alias) : undefined;
    });
  }

  /**
   * Runs `fn` through the interface in a transaction that is then rolled back: a look (such as
   * whether an event id would be taken as new) that leaves nothing behind.
   */
  async peek<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const rollback = new Error("peek: rolled back");
    let result: { value: T } | undefined;
    await this.store
      .transaction(async (tx) => {
        result = { value: await fn(tx) };
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    if (!result) throw new Error("peek: no result");
    return result.value;
  }

  /** Everything rapport holds about a client, as `mydata` reads it through the interface. */
  async data(alias: string, therapist = "rivera"): Promise<ClientData> {
    const client = await this.client(alias, therapist);
    if (!client) throw new Error(`no client ${alias} of ${therapist}`);
    return this.read((tx) => tx.clientData(client.personId));
  }

  /** Every stored answer of a client's check-ins, whatever their state, in check-in order. */
  async answers(alias: string, therapist = "rivera"): Promise<Answer[]> {
    return (await this.data(alias, therapist)).checkins.flatMap((ch) => ch.answers);
  }

  /** The clinic's counts, as `rapport status` reads them. */
  status(): Promise<ClinicStatus> {
    return this.read((tx) => tx.clinicStatus());
  }

  /** How many clients rapport holds, in any state. */
  async clientCount(): Promise<number> {
    const { clients } = await this.status();
    return clients.active + clients.paused + clients.joining + clients.discharged;
  }

  /**
   * Raw SQL on the database (`?` for each parameter): only for tests about what is stored (their
   * names say so, "on disk:"); everything else reads through the Store/Tx interface.
   */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.opened.rows<T>(sql, params);
  }

  /** A raw count (a query of one row with a column `n`), as `rows`. */
  async count(sql: string, ...params: unknown[]): Promise<number> {
    const [row] = await this.rows<{ n: number | string }>(sql, ...params);
    return Number(row?.n);
  }

  /** Every table of the database, for tests that search all of it. */
  tables(): Promise<string[]> {
    return this.opened.tables();
  }

  /** The SQLite store itself, for tests of the SQLite file; refused on PostgreSQL. */
  get sqlite(): SqliteStore {
    return this.sqliteOnly("the SQLite store").store;
  }

  /** The SQLite file's path; refused on PostgreSQL. */
  get dbPath(): string {
    return this.sqliteOnly("the SQLite file").path;
  }

  close(): void {
    this.opened.close();
  }

  private sqliteOnly(what: string): NonNullable<ConversationStore["sqlite"]> {
    const { sqlite } = this.opened;
    if (!sqlite) throw new Error(`${what} is there only when the tests run on SQLite`);
    return sqlite;
  }
}

/** The opening message of each check-in sent to `to` (a reminder repeats a question, not this). */
export function checkinOpenings(deliveries: readonly Delivery[], to = "alex"): Delivery[] {
  return deliveries.filter(
    (d) => d.externalId === to && /(asked for a short check-in|Time for your check-in)/.test(d.message.text),
  );
}
