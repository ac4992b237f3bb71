import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bot } from "grammy";
import { telegramSender } from "../adapters/telegram/telegram-sender.js";
import { systemClock } from "../src/clock.js";
import { DeliveryWorker } from "../src/delivery/worker.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import { FakeTelegram } from "../test/fakes/fake-telegram.js";
import { silentLog } from "../test/helpers/conversation.js";
import { until } from "../test/support/wait.js";
import { chartBench, chartBenchLines } from "./chart-bench.js";
import { floorLoops, type LoopFigures, rapportLoops } from "./closed-loop.js";
import { engineBench, engineLines } from "./engine-bench.js";
import { historyBench, historyLines } from "./history-bench.js";
import { type LoopTriple, loopLine, repeatLine } from "./loop-lines.js";
import { outboxBench, outboxLines } from "./outbox-bench.js";
import { postgresLoopsRound, postgresScaleRound } from "./postgres-bench.js";
import { appendResults } from "./results.js";
import { riskScreenRun } from "./risk-screen-bench.js";
import { FULL_SCALE, type ScaleSize, SMALL_SCALE } from "./scale-data.js";
import { scaleLines, scaleRun } from "./scale-run.js";
import { ms, pct } from "./stats.js";

/**
 * `npm run bench`: the webhook path against its floor, the scale of a clinic group, and
 * delivery under a platform's rate limit, in one run. Figures go to standard output and to
 * bench/RESULTS.md, beside the targets. Traffic stays on loopback; every loop is bounded.
 */
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
/** 10,000 messages to a platform that answers 429 above its rate: how close the worker keeps to it. */
async function deliveryRun(
  allowedPerSecond: number,
  messages: number,
): Promise<{ rate: number; tooMany: number; exactlyOnce: boolean; seconds: number }> {
  const fake = new FakeTelegram();
  fake.limitRate(allowedPerSecond);
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), "rapport-delivery-"));
  const store = SqliteStore.open(join(dir, "d.db"));
  const now = new Date().toISOString();
  await store.transaction(async (tx) => {
    for (let r = 0; r < 1000; r++) {
      const id = await tx.createPerson("client", `r${r}`, now);
      await tx.saveIdentity(
        {
          channel: "telegram",
          externalId: String(800_000 + r),
          personId: id,
          address: { chatId: 800_000 + r },
          locale: null,
        },
        now,
      );
    }
    for (let m = 0; m < messages; m++) await tx.enqueue((m % 1000) + 1, { kind: "info", text: `m${m}` }, now);
  });
  const bot = new Bot("123456:DELIVERY", { client: { apiRoot: fake.url } });
  const sender = {
    ...telegramSender(bot.api),
    limits: {
      perRecipient: { burst: 3, perSecond: 1 },
      global: { burst: Math.round(allowedPerSecond / 10), perSecond: allowedPerSecond },
    },
  };
  const worker = new DeliveryWorker(store, [sender], systemClock, silentLog, { concurrency: 16 });
  const started = Date.now();
  worker.start();
  const deadline = started + (messages / allowedPerSecond) * 3000 + 30_000;
  await until(() => fake.sent().filter((c) => c.result).length >= messages, {
    timeoutMs: deadline - Date.now(),
    intervalMs: 100,
  });
  const seconds = (Date.now() - started) / 1000;
  await worker.stop();
  const delivered = fake
    .sent()
    .filter((c) => c.result)
    .map((c) => String(c.body.text));
  const tooMany = fake.sent().filter((c) => !c.result).length;
  store.close();
  await fake.stop();
  return {
    rate: delivered.length / seconds / allowedPerSecond,
    tooMany,
    exactlyOnce: new Set(delivered).size === messages && delivered.length === messages,
    seconds,
  };
}

const args = new Set(process.argv.slice(2));
/** `--levels 100,500`: only these numbers of clients in the closed loops. */
function levelsArg(): number[] {
  const at = process.argv.indexOf("--levels");
  return (process.argv[at + 1] ?? "")
    .split(",")
    .map(Number)
    .filter((n) => n > 0);
}
const small = args.has("--small");
/** `--loops`: only the closed loops and their floors (with `--levels`, `--rounds`), for comparing a change. */
const loopsOnly = args.has("--loops");
/** `--scale`: only the generated clinic group, for rounds on its reads and the served process. */
const scaleOnly = args.has("--scale");
if (args.has("--outbox")) {
  // Only the outbox's part of an answer, in the store alone: for comparing changes to it.
  for (const line of outboxLines(await outboxBench())) say(line);
  appendResults("Benchmark (outbox only)", lines);
  process.exit(0);
}
if (args.has("--engine")) {
  // Only the engine's part of a typed answer, in one process: for comparing changes to it.
  for (const line of engineLines(await engineBench())) say(line);
  appendResults("Benchmark (engine only)", lines);
  process.exit(0);
}
if (!loopsOnly && !scaleOnly) for (const line of riskScreenRun()) say(line);
if (args.has("--risk")) {
  appendResults("Benchmark (risk screen only)", lines);
  process.exit(0);
}
// Charts: render time of a 20-check-in chart and the caseload's, and memory over 1,000 renders.
if (!loopsOnly && !scaleOnly) for (const line of chartBenchLines(await chartBench())) say(line);
if (!loopsOnly && !scaleOnly) for (const line of historyLines(await historyBench())) say(line);
if (!loopsOnly && !scaleOnly) for (const line of outboxLines(await outboxBench())) say(line);
if (!loopsOnly && !scaleOnly) for (const line of engineLines(await engineBench())) say(line);
if (args.has("--charts")) {
  appendResults("Benchmark (charts only)", lines);
  process.exit(0);
}
if (args.has("--delivery")) {
  // Only delivery under a platform's rate limit, for tuning rounds.
  await deliveryRound();
  appendResults("Benchmark (delivery only)", lines);
  process.exit(0);
}
const fake = new FakeTelegram();
await fake.start();
if (args.has("--postgres")) {
  // `--postgres [--instances N] [--levels ...]`: the closed loops on SQLite and PostgreSQL.
  const at = process.argv.indexOf("--instances");
  const instances = at > 0 ? Number(process.argv[at + 1]) : 3;
  if (args.has("--scale")) {
    await postgresScaleRound(fake, small ? SMALL_SCALE : FULL_SCALE, instances, say);
  } else {
    const levels = args.has("--levels") ? levelsArg() : small ? [10] : [10, 100];
    await postgresLoopsRound(fake, levels, (c) => (c >= 100 ? 2 : 3), instances, say);
  }
  await fake.stop();
  appendResults("Benchmark (PostgreSQL)", lines);
  process.exit(0);
}
if (args.has("--sealing")) {
  // The cost of RAPPORT_DATA_KEY: the same closed loops with every health value sealed, and without.
  say("Sealing (RAPPORT_DATA_KEY), closed loops, same run, with and without a key:");
  const key = randomBytes(32).toString("base64");
  for (const c of small ? [10] : [10, 100]) {
    const plain = await rapportLoops(fake, c, 3);
    fake.calls.length = 0;
    const sealed = await rapportLoops(fake, c, 3, { RAPPORT_DATA_KEY: key });
    fake.calls.length = 0;
    const rate = (r: LoopFigures) => r.answers / r.seconds;
    say(
      `  ${c} clients: without a key ${rate(plain).toFixed(1)} answers/s, p50 ${ms(pct(plain.e2e, 50))}, p99 ${ms(pct(plain.e2e, 99))}, CPU ${plain.cpuMsPerAnswer.toFixed(2)} ms/answer; sealed ${rate(sealed).toFixed(1)} answers/s, p50 ${ms(pct(sealed.e2e, 50))}, p99 ${ms(pct(sealed.e2e, 99))}, CPU ${sealed.cpuMsPerAnswer.toFixed(2)} ms/answer; sealed at ${(rate(sealed) / rate(plain)).toFixed(2)} of the throughput`,
    );
  }
  await fake.stop();
  appendResults("Benchmark (sealing)", lines);
  process.exit(0);
}
const levels = scaleOnly ? [] : small ? [1, 10] : args.has("--levels") ? levelsArg() : [1, 10, 100, 500];
if (levels.length > 0) {
  say(
    "Closed loop, tap to next question (rapport serve: restify, grammY, engine, SQLite WAL, outbox, worker; platform limits lifted) beside the floor (grammY + SQLite state, next question sent inside the webhook) and the floor that also edits the answered question (as rapport does), same run:",
  );
}
/** `--rounds N`: check-ins per client in each loop; longer runs for comparing a change. */
const roundsArg = Number(process.argv[process.argv.indexOf("--rounds") + 1]);
const rounds = (c: number) =>
  args.has("--rounds") && roundsArg > 0 ? roundsArg : c >= 100 ? 2 : c >= 10 ? 3 : 10;
/** `--repeat N`: N repetitions at each level, each against its floors, and their medians. */
const repeat = Math.max(1, Number(process.argv[process.argv.indexOf("--repeat") + 1]) || 1);
for (const c of levels) {
  const runs: LoopTriple[] = [];
  for (let n = 0; n < (args.has("--repeat") ? repeat : 1); n++) {
    const r = await rapportLoops(fake, c, rounds(c));
    fake.calls.length = 0;
    const f = await floorLoops(fake, c, rounds(c));
    fake.calls.length = 0;
    const e = await floorLoops(fake, c, rounds(c), true);
    fake.calls.length = 0;
    runs.push({ r, f, e });
    say(loopLine(c, { r, f, e }));
  }
  if (runs.length > 1) say(repeatLine(c, runs));
}

if (args.has("--webhook") || loopsOnly) {
  // Only the closed loops and their floor, for profiling rounds.
  await fake.stop();
  appendResults("Benchmark (webhook path only)", lines);
  process.exit(0);
}
const scale: ScaleSize = small ? SMALL_SCALE : FULL_SCALE;
const s = await scaleRun(scale, fake);
await fake.stop();
for (const line of scaleLines(scale, s)) say(line);

async function deliveryRound(): Promise<void> {
  const d = await deliveryRun(small ? 100 : 200, small ? 1_000 : 10_000);
  say(
    `Delivery: ${small ? 1_000 : 10_000} messages to a platform allowing ${small ? 100 : 200}/s: ${(d.rate * 100).toFixed(0)} % of the allowed rate (target at least 90 %), ${d.tooMany} answers 429 in ${d.seconds.toFixed(0)} s (target at most one a minute), every message once: ${d.exactlyOnce ? "yes" : "NO"}`,
  );
}
if (!args.has("--scale")) await deliveryRound();
appendResults(
  args.has("--scale") ? "Benchmark (scale only)" : small ? "Benchmark (small)" : "Benchmark",
  lines,
);
