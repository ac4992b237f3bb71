import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { ManualClock } from "../src/clock.js";
import { Engine } from "../src/engine/engine.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { Store } from "../src/store/store.js";
import type { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { testDeps } from "../test/helpers/conversation.js";
import { textUpdate } from "../test/helpers/telegram-updates.js";
import { peakRssMiB } from "./closed-loop.js";
import {
  caseloads,
  firstClientOf,
  generateScaleData,
  type ScaleSize,
  scaleClientChat,
  scaleTherapistChat,
} from "./scale-data.js";
import { ms, pct } from "./stats.js";
import { BENCH_SECRET, liftedLimitsConfig, startServe, walkCheckin, webhookPoster } from "./telegram-load.js";

const CLI = new URL("../dist/adapters/main.js", import.meta.url).pathname;

/**
 * Where the scale run keeps the clinic group: the generated SQLite file itself, or a PostgreSQL
 * database it is copied into with `rapport migrate --from sqlite:`, served by `instances` processes.
 */
export interface ScaleOn {
  databaseUrl: string;
  instances: number;
  /** The database already holds the clinic group (a run with fewer instances copied it there). */
  copiedBefore?: boolean;
}

export interface ScaleFigures {
  generated: number;
  /** The copy into PostgreSQL, in seconds (none on SQLite). */
  copied?: number;
  size: number;
  large: number;
  peakRssMiB: number;
  summary: number[];
  clients: number[];
  charted: number[];
  served: { summary: number[]; clients: number[]; answers: number };
  calibrate: number;
}

/**
 * The scale run: a generated clinic group; `summary ALIAS` and `clients` timed in the engine as
 * therapists with 60 clients ask them; then `rapport serve` on that database, answering the same
 * commands through the webhook while clients complete check-ins, for its peak memory; then calibrate.
 */
export async function scaleRun(size: ScaleSize, fake: FakeTelegram, on?: ScaleOn): Promise<ScaleFigures> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-scale-"));
  const db = join(dir, "scale.db");
  const t0 = Date.now();
  if (!on?.copiedBefore) await generateScaleData(db, size);
  const generated = (Date.now() - t0) / 1000;
  let copied: number | undefined;
  if (on && !on.copiedBefore) {
    const t1 = Date.now();
    execFileSync(process.execPath, [CLI, "migrate", "--from", `sqlite:${db}`, "--to", on.databaseUrl], {
      env: { PATH: process.env.PATH ?? "", RAPPORT_DEMO: "1" },
      stdio: "ignore",
    });
    copied = (Date.now() - t1) / 1000;
  }
  const where: Record<string, string> = on ? { RAPPORT_DATABASE_URL: on.databaseUrl } : { RAPPORT_DB: db };
  const { large, largeTherapists } = caseloads(size);
  const askedBy = (k: number) => (k * 7) % largeTherapists;
  const aliasFor = (k: number) => `c${firstClientOf(askedBy(k), size) + (k % large)}`;

  const store: Store = on ? await PostgresStore.open(on.databaseUrl) : SqliteStore.open(db);
  // Therapists here ask hundreds of times on a clock that stands still: no flood limit. Charts off:
  // these figures are the reads and the words; a summary with its chart is timed apart below.
  const engineWith = (charts: "off" | "on-request") =>
    new Engine(
      store,
      testDeps(new ManualClock(new Date()), { limits: { messagesPerMinute: 100_000 }, charts }),
    );
  let engine = engineWith("off");
  // A second pass on the same database must not repeat the first's event and update ids, which
  // rapport would rightly take as redeliveries and answer with nothing.
  const pass = on?.copiedBefore ? `pass${on.instances}` : "pass1";
  const time = async (text: string, k: number) => {
    const chat = scaleTherapistChat(askedBy(k));
    const t = performance.now();
    await engine.handle({
      channel: "telegram",
      id: `${pass}-q${k}-${text}`,
      sender: { id: String(chat) },
      address: { chatId: chat },
      direct: true,
      input: { kind: "text", text },
    });
    return performance.now() - t;
  };
  const summary: number[] = [];
  const clients: number[] = [];
  for (let k = 0; k < 400; k++) {
    summary.push(await time(`summary ${aliasFor(k)}`, k));
    clients.push(await time("clients", k));
  }
  // With charts on request (the default), `summary ALIAS` also draws the client's chart.
  engine = engineWith("on-request");
  const charted: number[] = [];
  for (let k = 400; k < 500; k++) charted.push(await time(`summary ${aliasFor(k)}`, k));
  store.close();

  const env = {
    PATH: process.env.PATH ?? "",
    ...where,
    RAPPORT_DEMO: "1",
    RAPPORT_CONFIG: liftedLimitsConfig(dir, "charts: off\n"),
    TELEGRAM_BOT_TOKEN: "123456:BENCH",
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_API_ROOT: fake.url,
    PORT: "0",
  };
  const servers: Awaited<ReturnType<typeof startServe>>[] = [];
  for (let n = 0; n < (on?.instances ?? 1); n++) servers.push(await startServe(env));
  const posters = servers.map((server) => webhookPoster(fake, server.port, BENCH_SECRET));
  let turn = 0;
  const post = (update: Record<string, unknown>) =>
    (posters[turn++ % posters.length] ?? posters[0])?.(update) ?? Promise.resolve();
  let updateId = on?.copiedBefore ? on.instances * 1_000_000 : 1;
  const nextUpdateId = () => updateId++;
  /** A command as the therapist sends it, timed until rapport's answer reaches the fake. */
  const ask = async (text: string, k: number) => {
    const chat = scaleTherapistChat(askedBy(k));
    const after = fake.calls.length;
    const t = performance.now();
    await post(textUpdate(chat, text, nextUpdateId()));
    const answered = await fake.nextTo(chat, after, (c) => c.method === "sendMessage", 60_000);
    // A command left unanswered is a failure to report, not a time to put among the others.
    if (!answered) throw new Error(`rapport serve did not answer "${text}" within 60 s`);
    return performance.now() - t;
  };
  const served = { summary: [] as number[], clients: [] as number[], answers: 0 };
  await Promise.all([
    // 50 clients of the other therapists each complete a check-in...
    ...Array.from({ length: 50 }, (_, j) => {
      const others = size.therapists - largeTherapists;
      const therapist = largeTherapists + (j % others);
      const client = firstClientOf(therapist, size) + Math.floor(j / others);
      return walkCheckin(
        fake,
        post,
        {
          therapist: scaleTherapistChat(therapist),
          client: scaleClientChat(client),
          alias: `c${client}`,
          nextUpdateId,
        },
        () => served.answers++,
      );
    }),
    // ...while therapists with 60 clients ask for summaries and their caseload.
    (async () => {
      for (let k = 0; k < 200; k++) {
        served.summary.push(await ask(`summary ${aliasFor(k)}`, k));
        served.clients.push(await ask("clients", k));
      }
    })(),
  ]);
  const peak = Math.max(...servers.map((server) => peakRssMiB(server.child.pid ?? 0)));
  for (const server of servers) server.child.kill("SIGTERM");
  fake.calls.length = 0;

  const t2 = Date.now();
  execFileSync(process.execPath, [CLI, "calibrate"], {
    env: { PATH: process.env.PATH ?? "", ...where, RAPPORT_DEMO: "1" },
    stdio: "ignore",
  });
  const calibrate = (Date.now() - t2) / 1000;
  return {
    generated,
    copied,
    size: on ? await databaseSize(on.databaseUrl) : statSync(db).size,
    large,
    peakRssMiB: peak,
    summary,
    clients,
    charted,
    served,
    calibrate,
  };
}

async function databaseSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size");
    return Number(row.rows[0]?.size ?? 0);
  } finally {
    await client.end();
  }
}

/** The scale run's figures as bench/RESULTS.md keeps them, beside the targets. */
export function scaleLines(size: ScaleSize, s: ScaleFigures, label = "SQLite"): string[] {
  const copy =
    s.copied === undefined ? "" : `, copied into PostgreSQL by rapport migrate in ${s.copied.toFixed(0)} s`;
  const made =
    s.generated > 0 ? ` (generated in ${s.generated.toFixed(0)} s${copy})` : " (the same database)";
  return [
    `Scale on ${label}: ${size.clients} clients, ${size.therapists} therapists, ${size.checkins} check-ins of 8 answers${made}: database ${(s.size / 2 ** 20).toFixed(0)} MiB`,
    `  in the engine, as a therapist with ${s.large} clients asks (charts off): summary ALIAS p50 ${ms(pct(s.summary, 50))}, p99 ${ms(pct(s.summary, 99))} (target p99 under 5 ms); clients p50 ${ms(pct(s.clients, 50))}, p99 ${ms(pct(s.clients, 99))} (target p99 under 10 ms); summary ALIAS with its chart (charts on request, the default) p50 ${ms(pct(s.charted, 50))}, p99 ${ms(pct(s.charted, 99))}`,
    `  rapport serve on it (charts off), 50 clients completing check-ins (${s.served.answers} answers) while therapists ask: summary ALIAS p50 ${ms(pct(s.served.summary, 50))}, p99 ${ms(pct(s.served.summary, 99))}, slowest ${ms(Math.max(...s.served.summary))}, clients p50 ${ms(pct(s.served.clients, 50))}, p99 ${ms(pct(s.served.clients, 99))}, slowest ${ms(Math.max(...s.served.clients))}, from the webhook to the answer at the Bot API; peak RSS ${s.peakRssMiB.toFixed(0)} MiB (target under 250 MB)`,
    `  rapport calibrate: ${s.calibrate.toFixed(1)} s (target under 30 s)`,
  ];
}
