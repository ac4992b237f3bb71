import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { Recipient } from "../src/store/types.js";
import { pct } from "./stats.js";

const CLIENTS = 500;
const QUESTION = "How much have you been bothered by feeling down, depressed or hopeless? ".repeat(4);

/**
 * The outbox's part of one answer, in the store alone on a SQLite file: an event that queues the
 * next question and the edit of the answered one (group commit, as the webhook's), then the
 * worker's reads of each and its marks, and the read that finds nothing left. Measured as the
 * process's CPU per answer over passes of 500 clients, median of 7 after 3 unmeasured: in one
 * process with nothing else running, it separates changes to the outbox that the closed loops,
 * which move by a quarter between runs, cannot.
 */
export async function outboxBench(): Promise<{ perAnswerMs: number; low: number; high: number }> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-outbox-"));
  const store = SqliteStore.open(join(dir, "outbox.db"));
  try {
    const at = new Date().toISOString();
    const people = await store.transaction(async (tx) => {
      const ids: number[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const personId = await tx.createPerson("client", `client${i}`, at);
        const chatId = 1000 + i;
        await tx.saveIdentity(
          {
            personId,
            channel: "telegram",
            externalId: String(chatId),
            address: { chatId },
            locale: null,
            timeZone: null,
          },
          at,
        );
        ids.push(personId);
      }
      return ids;
    });
    const pass = async (): Promise<void> => {
      const queuedAt = new Date().toISOString();
      const recipients = await Promise.all(
        people.map((personId) =>
          store.transaction(async (tx) => {
            const question = { kind: "question" as const, text: QUESTION, ref: "q1" };
            const to = await tx.enqueue(
              personId,
              { ...question, choices: [{ label: "0", value: "0" }] },
              queuedAt,
            );
            await tx.enqueue(
              personId,
              { kind: "info", text: `${QUESTION}\n\nYou chose 7`, replaces: "42" },
              queuedAt,
            );
            return to as Recipient;
          }),
        ),
      );
      const now = new Date(Date.now() + 1).toISOString();
      await Promise.all(
        recipients.map(async (recipient) => {
          for (let sent = 0; ; sent++) {
            const row = await store.nextSendable(recipient, now);
            if (!row) {
              if (sent !== 2) throw new Error(`sent ${sent} of 2`);
              return;
            }
            await store.markSentMany([row.id], now);
          }
        }),
      );
    };
    for (let warm = 0; warm < 3; warm++) await pass();
    const perAnswer: number[] = [];
    for (let n = 0; n < 7; n++) {
      const before = process.cpuUsage();
      await pass();
      const used = process.cpuUsage(before);
      perAnswer.push((used.user + used.system) / 1000 / CLIENTS);
    }
    return { perAnswerMs: pct(perAnswer, 50), low: Math.min(...perAnswer), high: Math.max(...perAnswer) };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function outboxLines(r: Awaited<ReturnType<typeof outboxBench>>): string[] {
  return [
    `Outbox per answer in the store alone (two messages queued in an event, read back, marked sent; SQLite, ${CLIENTS} clients a pass): CPU ${r.perAnswerMs.toFixed(3)} ms per answer (passes ${r.low.toFixed(3)}–${r.high.toFixed(3)})`,
  ];
}
