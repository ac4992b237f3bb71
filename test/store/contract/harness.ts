import type { OutboundMessage } from "../../../src/model.js";
import type { Client, Store, Tx } from "../../../src/store/types.js";
import { takeQueued } from "../../helpers/outbox.js";

/** Opens a fresh, empty store, and the function that closes it and removes what it left. */
export type OpenStore = () => Promise<{ store: Store; close: () => void }>;

/** The contract's clock: minutes after a fixed start, as the ISO times the store is given. */
export const BASE = "2026-12-01T10:00:00.000Z";
export function t(minutes: number): string {
  return new Date(Date.parse(BASE) + minutes * 60_000).toISOString();
}
export const at = t(0);

/**
 * Runs `test` on a store of its own, closed afterwards whatever happens: `store.close()` (which
 * may be called more than once), then the opener's own cleanup.
 */
export async function withStore(open: OpenStore, test: (store: Store) => Promise<void>): Promise<void> {
  const { store, close } = await open();
  try {
    await test(store);
  } finally {
    store.close();
    close();
  }
}

/** Runs `test` in one transaction of a store of its own. */
export function inTransaction(open: OpenStore, test: (tx: Tx) => Promise<void>): Promise<void> {
  return withStore(open, (store) => store.transaction(test));
}

/** A person's identity on the console channel, named by their platform id. */
export async function linkConsole(tx: Tx, personId: number, name: string, when = at): Promise<void> {
  await tx.saveIdentity(
    { channel: "console", externalId: name, personId, address: { name }, locale: null },
    when,
  );
}

/** A therapist linked on the console. */
export async function therapist(tx: Tx, name = "rivera"): Promise<number> {
  const id = await tx.createPerson("therapist", `Dr ${name}`, at);
  await linkConsole(tx, id, name);
  return id;
}

/** An active client of a therapist, linked on the console under their alias. */
export async function activeClient(tx: Tx, therapistId: number, alias: string): Promise<Client> {
  const client = await tx.createClient(therapistId, alias, at);
  await tx.setClientStatus(client.personId, "active");
  await linkConsole(tx, client.personId, alias);
  return { ...client, status: "active" };
}

/** Two linked therapists' caseloads: rivera's alex and bea, night's dan, all active. */
export async function twoCaseloads(tx: Tx) {
  const rivera = await therapist(tx);
  const night = await therapist(tx, "night");
  const alex = await activeClient(tx, rivera, "alex");
  const bea = await activeClient(tx, rivera, "bea");
  const dan = await activeClient(tx, night, "dan");
  return { rivera, night, alex, bea, dan };
}

/** An alert about a client from their free text, escalating at `escalateAt`; returns its id. */
export function alertFor(tx: Tx, clientId: number, escalateAt: string, when = at): Promise<number> {
  return tx.createRiskAlert(
    { clientId, checkinId: null, source: "free_text", matched: ["hopeless", "end it"], escalateAt },
    when,
  );
}

export const PLAN = [
  { instrument: "progress", item: "personal" },
  { instrument: "progress", item: "overall" },
];

/** A completed check-in of a client with the plan's answers, in order; returns its id. */
export async function completed(
  tx: Tx,
  clientId: number,
  values: readonly number[],
  when: string,
  comment: string | null = null,
): Promise<number> {
  const checkin = await tx.createCheckin(clientId, PLAN, when);
  for (const [i, item] of PLAN.entries()) {
    await tx.saveAnswer(checkin.id, { ...item, value: values[i] ?? 0 }, when);
  }
  await tx.completeCheckin(checkin.id, comment, when);
  return checkin.id;
}

export function info(text: string, urgent = false): OutboundMessage {
  return urgent ? { kind: "urgent", text, urgent: true } : { kind: "info", text };
}

/** The texts of every message that may go now (taken and marked sent, as the worker does), as "recipient: text". */
export async function drainTexts(store: Store, now: string, channels = ["console"]): Promise<string[]> {
  return (await takeQueued(store, now, channels)).map((r) => `${r.externalId}: ${r.message.text}`);
}
