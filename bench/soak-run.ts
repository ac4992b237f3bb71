import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLAIM_LEASE_MS } from "../src/store/postgres/pool.js";
import { FakeTelegram, type RecordedCall } from "../test/fakes/fake-telegram.js";
import { pressUpdate, textUpdate } from "../test/helpers/telegram-updates.js";
import { mulberry32 } from "../test/support/random.js";
import { sleep } from "../test/support/wait.js";
import { checkSoak, type SoakFindings } from "./soak-check.js";
import {
  clientId,
  postgresSoakDatabase,
  type SoakDatabase,
  sqliteSoakDatabase,
  therapistId,
} from "./soak-db.js";
import { SoakFleet } from "./soak-fleet.js";
import { type SoakProxy, startProxy } from "./soak-proxy.js";
import { dumpRecord } from "./soak-record.js";
import { nextQuestion } from "./telegram-load.js";

/**
 * The fault soak: check-ins through the real Telegram webhook of `rapport serve` (child
 * processes), with 1 update in 50 delivered twice and a server killed with SIGKILL at random
 * moments and restarted, while every update whose request did not complete is sent again, as
 * Telegram does. On SQLite one server; on PostgreSQL (`postgres`) `instances` servers on one
 * database behind a round-robin proxy (soak-proxy.ts), one of them killed at a time. At the end
 * the database and the fake Bot API's record are checked (soak-check.ts).
 */
export interface SoakOptions {
  seconds: number;
  pairs: number;
  killEverySeconds: [number, number];
  seed: number;
  /** A throwaway PostgreSQL server instead of a SQLite file. */
  postgres?: boolean;
  /** Servers on the one database (PostgreSQL only; 1 unless told). */
  instances?: number;
  /** A file to write the run's record to (the fake's calls, the clients' helps, the lifetimes), for finding out why a run failed. */
  dump?: string;
  log?: (line: string) => void;
}

export interface SoakReport extends SoakFindings {
  seconds: number;
  store: "SQLite" | "PostgreSQL";
  instances: number;
  kills: number;
  updatesSent: number;
  redelivered: number;
  /** "help" sent by a client that saw no question in time (delivery waits for the platform's limits, or a kill). */
  helpsAsked: number;
  ok: boolean;
}

const SECRET = "soak-secret";
/**
 * How long a client waits for a question before asking "help" (which repeats the open question).
 * On PostgreSQL a message that a killed instance had claimed waits out the claim's lease before
 * another instance sends it: a help sooner would only queue copies of the question behind it.
 */
const helpWaitMs = (postgres: boolean | undefined) => (postgres ? CLAIM_LEASE_MS + 30_000 : 10_000);

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const instances = options.instances ?? 1;
  if (instances > 1 && !options.postgres) throw new Error("several instances need PostgreSQL (--postgres)");
  const random = mulberry32(options.seed);
  const dir = mkdtempSync(join(tmpdir(), "rapport-soak-"));
  const db: SoakDatabase = options.postgres
    ? await postgresSoakDatabase()
    : sqliteSoakDatabase(join(dir, "soak.db"));
  const fake = new FakeTelegram();
  let fleet: SoakFleet | undefined;
  let proxy: SoakProxy | undefined;
  try {
    await db.enrol(options.pairs);
    const apiRoot = await fake.start();
    // The simulated clients press as fast as the questions come, about as often as the flood limit
    // allows (30 a minute) or more: it would drop acknowledged answers, and the soak is about kills.
    const config = join(dir, "clinic.yaml");
    writeFileSync(config, "limits:\n  messagesPerMinute: 100000\n");
    const env = {
      PATH: process.env.PATH ?? "",
      ...db.env,
      RAPPORT_CONFIG: config,
      RAPPORT_DEMO: "1",
      TELEGRAM_BOT_TOKEN: "123456:SOAK",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: "warn",
    };
    const servers = new SoakFleet(env, apiRoot, instances);
    fleet = servers;
    await servers.startAll();
    const front = await startProxy(() => servers.ports());
    proxy = front;
    const run = await drive(options, random, fake, servers, front.port, log);
    await sleep(3_000);
    await servers.stopAll();
    const record = {
      facts: await db.facts(),
      calls: fake.calls,
      acknowledged: run.acknowledged,
      lifetimes: servers.lifetimes,
      helps: run.helps,
    };
    if (options.dump) dumpRecord(options.dump, record);
    const findings = checkSoak(record);
    const report: SoakReport = {
      seconds: options.seconds,
      store: options.postgres ? "PostgreSQL" : "SQLite",
      instances,
      kills: servers.lifetimes.filter((l) => l.killed).length,
      updatesSent: run.updatesSent,
      redelivered: run.redelivered,
      helpsAsked: run.helps.length,
      ...findings,
      ok: false,
    };
    report.ok =
      report.answersMissing === 0 &&
      report.summariesMissing === 0 &&
      report.duplicatesWithinLifetime === 0 &&
      report.duplicatesAcrossLiveInstances === 0 &&
      report.outOfOrder === 0;
    return report;
  } finally {
    await fleet?.stopAll();
    await proxy?.close();
    await fake.stop();
    await db.close();
  }
}

interface Driven {
  updatesSent: number;
  redelivered: number;
  acknowledged: Map<string, number>;
  helps: { chat: number; at: number }[];
}

/** The run itself: one loop per pair through the proxy, and the killer. */
async function drive(
  options: SoakOptions,
  random: () => number,
  fake: FakeTelegram,
  fleet: SoakFleet,
  port: number,
  log: (line: string) => void,
): Promise<Driven> {
  const run: Driven = { updatesSent: 0, redelivered: 0, acknowledged: new Map(), helps: [] };
  let updateId = 1_000_000;
  const send = (update: Record<string, unknown>) =>
    fetch(`http://127.0.0.1:${port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(5_000),
    });
  const post = async (update: Record<string, unknown>): Promise<boolean> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const res = await send(update);
        const answer = await res.text();
        if (res.status === 200) {
          await fake.webhookAnswer(answer);
          run.updatesSent++;
          if (random() < 1 / 50) {
            run.redelivered++;
            // Through the proxy again: with several instances, most likely to another one.
            await send(update).then(
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
      const slot = Math.floor(random() * fleet.size);
      const lived = await fleet.kill(slot);
      const restarting = Date.now();
      await fleet.start(slot);
      log(
        `killed instance ${slot} after ${Math.round(lived / 1000)} s; restarted in ${Date.now() - restarting} ms`,
      );
    }
  })();

  // One loop per pair: the therapist asks for a check-in, the client presses through it.
  const pair = async (i: number) => {
    let after = 0;
    while (Date.now() < deadline) {
      await post(textUpdate(therapistId(i), `checkin c${i}`, ++updateId));
      for (let tries = 0; Date.now() < deadline + 30_000 && tries < 20; ) {
        // Not past the end of the run by more than its last 30 seconds.
        const wait = Math.max(1_000, Math.min(helpWaitMs(options.postgres), deadline + 30_000 - Date.now()));
        const found = await nextQuestion(fake, clientId(i), after, wait);
        if (!found) {
          // Held up by a kill, or a check-in still open from before: "help" repeats the open question.
          tries++;
          const asked = Date.now();
          if (await post(textUpdate(clientId(i), "help", ++updateId)))
            run.helps.push({ chat: clientId(i), at: asked });
          continue;
        }
        after = found.index + 1;
        const ref = refOf(found.call);
        const comment = found.call.body.reply_markup && String(found.call.body.text).startsWith("Last one");
        const safety = String(found.call.body.text).includes("thoughts of harming");
        const value = comment ? "skip" : safety ? "0" : String(5 + Math.floor(random() * 6));
        if (await post(pressUpdate(clientId(i), found.call, value, ++updateId)))
          run.acknowledged.set(`${i}:${ref}`, Number(value) || 0);
        if (comment) break;
      }
    }
  };
  await Promise.all([killer, ...Array.from({ length: options.pairs }, (_, i) => pair(i))]);
  return run;
}

const refOf = (sent: RecordedCall) =>
  (
    (sent.body.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]?.[0]
      ?.callback_data ?? ""
  ).split("|")[0] ?? "";
