import type { ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ManualClock } from "../src/clock.js";
import { Engine } from "../src/engine/engine.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { Store } from "../src/store/store.js";
import { FakeTelegram, type RecordedCall } from "../test/fakes/fake-telegram.js";
import { testDeps } from "../test/helpers/conversation.js";
import { pressUpdate, textUpdate } from "../test/helpers/telegram-updates.js";
import { mulberry32 } from "../test/support/random.js";
import { sleep } from "../test/support/wait.js";
import { nextQuestion, startServe } from "./telegram-load.js";

/** How long a client waits for a question before asking "help" (which repeats the open question). */
const HELP_WAIT_MS = 10_000;
/**
 * The fault soak: check-ins through the real Telegram webhook of `rapport serve` (a child
 * process), with 1 update in 50 delivered twice and the server killed with SIGKILL at random
 * moments and restarted, while every update whose request did not complete is sent again, as
 * Telegram does. At the end the database and the fake Bot API's record are checked.
 */
export interface SoakOptions {
  seconds: number;
  pairs: number;
  killEverySeconds: [number, number];
  seed: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seconds: number;
  kills: number;
  updatesSent: number;
  redelivered: number;
  answersAcknowledged: number;
  answersMissing: number;
  checkinsCompleted: number;
  summariesMissing: number;
  /** A summary or question sent twice within one server lifetime: a bug. */
  duplicatesWithinLifetime: number;
  /** Sent again after a kill that fell between the send and its record: the at-least-once window. */
  resentAcrossKill: number;
  /** "help" sent by a client that saw no question in time (delivery waits for the platform's limits, or a kill). */
  helpsAsked: number;
  /** Questions sent again because their client asked "help": not duplicates. */
  repeatedOnHelp: number;
  /** Each message sent twice: its key, times and lifetimes, for finding out why. */
  duplicates: string[];
  ok: boolean;
}

const SECRET = "soak-secret";

/**
 * Therapist i and client i, enrolled through the engine on the same database before the run: the
 * SQLite file at `dbPath`, or the PostgreSQL database at `databaseUrl` when given. Store-neutral:
 * the invite codes are read back from the outbox through the store's own reads.
 */
export async function enrolPairs(dbPath: string, pairs: number, databaseUrl?: string): Promise<void> {
  const store: Store = databaseUrl ? await PostgresStore.open(databaseUrl) : SqliteStore.open(dbPath);
  const engine = new Engine(store, testDeps(new ManualClock(new Date())));
  let id = 0;
  const event = (user: number, text: string) => ({
    channel: "telegram",
    id: `setup-${++id}`,
    sender: { id: String(user) },
    address: { chatId: user },
    direct: true,
    input: { kind: "text" as const, text },
  });
  const queued = (user: number) => store.pending({ channel: "telegram", recipient: String(user) });
  for (let i = 0; i < pairs; i++) {
    const { code } = await engine.addTherapist(`Dr ${i}`);
    await engine.handle(event(therapistId(i), `link ${code}`));
    await engine.handle(event(therapistId(i), `invite c${i}`));
  }
  const sent: number[] = [];
  for (let i = 0; i < pairs; i++) {
    // The invite code is only in the message to the therapist, read back before it is sent.
    const rows = await queued(therapistId(i));
    const code = rows.map((r) => /start (\S+)/.exec(r.message.text)?.[1]).find(Boolean);
    await engine.handle(event(clientId(i), `start ${code}`));
    await engine.handle(event(clientId(i), "yes"));
    for (const user of [therapistId(i), clientId(i)]) sent.push(...(await queued(user)).map((r) => r.id));
  }
  // What setup queued is not part of the run.
  await store.markSentMany(sent, new Date().toISOString());
  store.close();
}

const therapistId = (i: number) => 510_000 + i;
const clientId = (i: number) => 520_000 + i;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed);
  const dir = mkdtempSync(join(tmpdir(), "rapport-soak-"));
  const dbPath = join(dir, "soak.db");
  await enrolPairs(dbPath, options.pairs);
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  // The simulated clients press as fast as the questions come, about as often as the flood limit
  // allows (30 a minute) or more: it would drop acknowledged answers, and the soak is about kills.
  const config = join(dir, "clinic.yaml");
  writeFileSync(config, "limits:\n  messagesPerMinute: 100000\n");
  const env = {
    PATH: process.env.PATH ?? "",
    RAPPORT_DB: dbPath,
    RAPPORT_CONFIG: config,
    RAPPORT_DEMO: "1",
    TELEGRAM_BOT_TOKEN: "123456:SOAK",
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: apiRoot,
    PORT: "0",
    LOG_LEVEL: "warn",
  };
  const lifetimes: { start: number; end: number }[] = [];
  let server: { child: ChildProcess; port: number } | undefined;
  const start = async () => {
    // A lifetime starts at the spawn: the restarted server may send before its "listening" line is read here.
    const spawned = Date.now();
    server = await startServe(env);
    lifetimes.push({ start: spawned, end: Number.POSITIVE_INFINITY });
  };
  await start();

  let updateId = 1_000_000;
  let updatesSent = 0;
  let redelivered = 0;
  const acknowledged = new Map<string, number>();
  /** When a client asked "help", which repeats the open question on purpose. */
  const helps: { chat: number; at: number }[] = [];
  const post = async (update: Record<string, unknown>): Promise<boolean> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const port = server?.port;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(5_000),
        });
        const answer = await res.text();
        if (res.status === 200) {
          await fake.webhookAnswer(answer);
          updatesSent++;
          if (random() < 1 / 50) {
            redelivered++;
            await fetch(`http://127.0.0.1:${port}/telegram`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
              body: JSON.stringify(update),
            }).then(
              async (r) => fake.webhookAnswer(await r.text()),
              () => undefined,
            );
          }
          return true;
        }
      } catch {
        // Killed mid-request: sent again, as Telegram does.
      }
      await sleep(100);
    }
    return false;
  };

  const deadline = Date.now() + options.seconds * 1000;
  const killer = (async () => {
    while (Date.now() < deadline) {
      const [lo, hi] = options.killEverySeconds;
      await sleep((lo + random() * (hi - lo)) * 1000);
      if (Date.now() >= deadline) break;
      server?.child.kill("SIGKILL");
      const last = lifetimes.at(-1);
      if (last) last.end = Date.now();
      log(`killed the server after ${Math.round((Date.now() - (last?.start ?? 0)) / 1000)} s`);
      await start();
    }
  })();

  // One loop per pair: the therapist asks for a check-in, the client presses through it.
  const pair = async (i: number) => {
    let after = 0;
    while (Date.now() < deadline) {
      await post(textUpdate(therapistId(i), `checkin c${i}`, ++updateId));
      for (let tries = 0; Date.now() < deadline + 30_000 && tries < 20; ) {
        const found = await nextQuestion(fake, clientId(i), after, HELP_WAIT_MS);
        if (!found) {
          // Lost in a kill, or a check-in still open from before: "help" repeats the open question.
          tries++;
          const asked = Date.now();
          if (await post(textUpdate(clientId(i), "help", ++updateId)))
            helps.push({ chat: clientId(i), at: asked });
          continue;
        }
        after = found.index + 1;
        const ref = refOf(found.call);
        const comment = found.call.body.reply_markup && String(found.call.body.text).startsWith("Last one");
        const safety = String(found.call.body.text).includes("thoughts of harming");
        const value = comment ? "skip" : safety ? "0" : String(5 + Math.floor(random() * 6));
        if (await post(pressUpdate(clientId(i), found.call, value, ++updateId)))
          acknowledged.set(`${i}:${ref}`, Number(value) || 0);
        if (comment) break;
      }
    }
  };
  await Promise.all([killer, ...Array.from({ length: options.pairs }, (_, i) => pair(i))]);
  await sleep(3_000);
  server?.child.kill("SIGTERM");
  const last = lifetimes.at(-1);
  if (last) last.end = Date.now();
  await fake.stop();
  return check(dbPath, fake.calls, acknowledged, lifetimes, helps, { options, updatesSent, redelivered });
}

const refOf = (sent: RecordedCall) =>
  (
    (sent.body.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]?.[0]
      ?.callback_data ?? ""
  ).split("|")[0] ?? "";

function check(
  dbPath: string,
  calls: RecordedCall[],
  acknowledged: Map<string, number>,
  lifetimes: { start: number; end: number }[],
  helps: { chat: number; at: number }[],
  run: { options: SoakOptions; updatesSent: number; redelivered: number },
): SoakReport {
  const db = new Database(dbPath, { readonly: true });
  const answered = new Set(
    (
      db.prepare("SELECT checkin_id, instrument, item FROM answers").all() as {
        checkin_id: number;
        instrument: string;
        item: string;
      }[]
    ).map((a) => `${a.checkin_id}:${a.instrument}.${a.item}`),
  );
  const plans = new Map(
    (db.prepare("SELECT id, plan, step, status FROM checkins").all() as { id: number; plan: string }[]).map(
      (c) => [c.id, JSON.parse(c.plan) as { instrument: string; item: string }[]],
    ),
  );
  let missing = 0;
  for (const key of acknowledged.keys()) {
    const ref = key.split(":").slice(1).join(":"); // checkin:<id>:<step>
    const [, id, step] = ref.split(":");
    const item = plans.get(Number(id))?.[Number(step)];
    if (item && !answered.has(`${id}:${item.instrument}.${item.item}`)) missing++;
  }
  const completed = (
    db.prepare("SELECT COUNT(*) AS n FROM checkins WHERE status = 'completed'").get() as { n: number }
  ).n;
  db.close();
  const lifetimeOf = (at: number) => lifetimes.findIndex((l) => at >= l.start && at <= l.end);
  const texts = calls.filter((c) => c.method === "sendMessage" && c.result !== undefined);
  const seen = new Map<string, number[]>();
  for (const c of texts) {
    const text = String(c.body.text);
    const summary = /^(c\d+), check-in (\d+) ·/.exec(text);
    const question = /^(?:.*\n\n)?(\d)\/9\./s.exec(text);
    const key = summary
      ? `summary:${summary[1]}:${summary[2]}`
      : question
        ? `question:${c.body.chat_id}:${JSON.stringify(c.body.reply_markup)}`
        : undefined;
    if (key) seen.set(key, [...(seen.get(key) ?? []), c.at]);
  }
  let within = 0;
  let across = 0;
  const duplicates: string[] = [];
  let repeatedOnHelp = 0;
  for (const [key, times] of seen) {
    const chat = Number(key.split(":")[1]);
    for (let k = 1; k < times.length; k++) {
      const [first, again] = [times[k - 1] ?? 0, times[k] ?? 0];
      // A question repeated because its client asked "help" was asked for: the help came between
      // the two, or while the client still waited for the first (it arrived after the client's
      // wait ran out, as it does when the machine is busy), within that wait before it.
      if (helps.some((h) => h.chat === chat && h.at > first - HELP_WAIT_MS && h.at < again)) {
        repeatedOnHelp++;
        continue;
      }
      const [before, now] = [lifetimeOf(first), lifetimeOf(again)];
      if (before === now) within++;
      else across++;
      // Which message (chat and buttons, or check-in number), when, and in which lifetimes: no content.
      duplicates.push(
        `${key.replace(/"text":"[^"]*",?/g, "")} at +${(times[k - 1] ?? 0) - (lifetimes[0]?.start ?? 0)} ms (lifetime ${before}) and +${(times[k] ?? 0) - (lifetimes[0]?.start ?? 0)} ms (lifetime ${now})`,
      );
    }
  }
  const summaries = [...seen.keys()].filter((k) => k.startsWith("summary:")).length;
  const report: SoakReport = {
    seconds: run.options.seconds,
    kills: lifetimes.length - 1,
    updatesSent: run.updatesSent,
    redelivered: run.redelivered,
    answersAcknowledged: acknowledged.size,
    answersMissing: missing,
    checkinsCompleted: completed,
    summariesMissing: Math.max(0, completed - summaries),
    duplicatesWithinLifetime: within,
    resentAcrossKill: across,
    helpsAsked: helps.length,
    repeatedOnHelp,
    duplicates,
    ok: false,
  };
  report.ok =
    report.answersMissing === 0 && report.summariesMissing === 0 && report.duplicatesWithinLifetime === 0;
  return report;
}
