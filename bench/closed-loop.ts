import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeTelegram, RecordedCall } from "../test/fakes/fake-telegram.js";
import { pressUpdate, textUpdate } from "../test/helpers/telegram-updates.js";
import { enrolPairs } from "./soak-db.js";
import {
  BENCH_SECRET,
  liftedLimitsConfig,
  nextQuestion,
  type PostUpdate,
  startServe,
  webhookPoster,
} from "./telegram-load.js";

/**
 * What a client feels: the time from tapping an answer to the next question arriving at the
 * (fake) Bot API, measured as closed loops — each simulated client taps as soon as its question
 * arrives — against rapport and against the floor bot (bench/floor-state-bot.ts), with the
 * server process's CPU time per answer and its peak RSS read from /proc.
 */
export interface LoopFigures {
  answers: number;
  seconds: number;
  /** Tap (the webhook POST starts) to the next question's arrival at the fake, in ms. */
  e2e: number[];
  cpuMsPerAnswer: number;
  peakRssMiB: number;
}

const TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/**
 * User and system CPU of a process so far, in ms (from /proc/PID/stat: utime and stime), with
 * `reaped` also that of its children that have ended (cutime and cstime).
 */
export function cpuMs(pid: number, reaped = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const own = Number(fields[11]) + Number(fields[12]);
  return ((own + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) * 1000) / TICKS;
}

/** The process's peak resident set (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line?.[1] ?? 0) / 1024;
}

/** A closed-loop target: how a client gets its first question, and what it presses on one. */
interface Target {
  /** What is measured, for an error that names it. */
  name: string;
  child: ChildProcess;
  /** The CPU time so far of everything counted as the target (several instances, the database server). */
  cpuMs?: () => number;
  post: (update: Record<string, unknown>) => Promise<void>;
  /** Asks for a round of questions for client i; resolves with the first question. */
  begin(i: number): Promise<{ call: RecordedCall; index: number } | undefined>;
  /** The value to press on this question, and whether another question follows it. */
  answer(call: RecordedCall): { value: string; last: boolean };
  stop(): void;
}

let updateId = 1;

/**
 * Runs `clients` closed loops of `rounds` rounds each after one unmeasured round (a new process
 * compiles its code on first use). CPU and RSS are the target process's own.
 */
async function loops(
  target: Target,
  fake: FakeTelegram,
  clients: number,
  rounds: number,
): Promise<LoopFigures> {
  const e2e: number[] = [];
  let answers = 0;
  let measuring = false;
  const client = async (i: number, count: number) => {
    for (let round = 0; round < count; round++) {
      let question: { call: RecordedCall; index: number } | undefined = await target.begin(i);
      // A target that never asks would otherwise be reported as 0 answers/s, not as broken.
      if (!question) {
        throw new Error(
          `${target.name}, client ${i}, round ${round + 1}: no first question within 30 s; the last calls to their chats:\n${lastCalls(fake, [userOf(i), therapistOf(i)])}`,
        );
      }
      while (question) {
        const { value, last } = target.answer(question.call);
        const from: number = question.index + 1;
        const tapped = performance.now();
        const next: Promise<{ call: RecordedCall; index: number } | undefined> | undefined = last
          ? undefined
          : nextQuestion(fake, userOf(i), from, 30_000);
        await target.post(pressUpdate(userOf(i), question.call, value, updateId++));
        question = await next;
        if (measuring) answers++;
        if (measuring && question) e2e.push(question.call.hr - tapped);
      }
    }
  };
  const all = (count: number) => Promise.all(Array.from({ length: clients }, (_, i) => client(i, count)));
  await all(1);
  const pid = target.child.pid ?? 0;
  const cpuOf = target.cpuMs ?? (() => cpuMs(pid));
  measuring = true;
  const cpu0 = cpuOf();
  const t0 = performance.now();
  await all(rounds);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuOf() - cpu0;
  const rss = peakRssMiB(pid);
  target.stop();
  return { answers, seconds, e2e, cpuMsPerAnswer: cpu / Math.max(1, answers), peakRssMiB: rss };
}

/** The last few platform calls to these chats, for an error that shows where a loop stopped. */
function lastCalls(fake: FakeTelegram, chats: number[]): string {
  return fake.calls
    .filter((c) => chats.includes(Number(c.body.chat_id)))
    .slice(-6)
    .map((c) => `  ${c.method} to ${String(c.body.chat_id)}: ${String(c.body.text ?? "").slice(0, 100)}`)
    .join("\n");
}

const userOf = (i: number) => 520_000 + i;
const therapistOf = (i: number) => 510_000 + i;

/**
 * Where rapport keeps its data in a round: SQLite (a file of its own, the default), or a
 * PostgreSQL database served by `instances` rapport processes, each update posted to the next
 * instance in turn as a round-robin load balancer would; the database server's CPU counts with
 * rapport's (SQLite's work is inside rapport's process). Peak RSS is the first instance's.
 */
export interface LoopStore {
  databaseUrl: string;
  instances: number;
  /** The database server's CPU so far, in ms (every process of it, ended ones included). */
  serverCpuMs: () => number;
}

/** rapport serve on a fresh database with `clients` enrolled clients, each with their therapist. */
export async function rapportLoops(
  fake: FakeTelegram,
  clients: number,
  rounds: number,
  extraEnv: Record<string, string> = {},
  on?: LoopStore,
): Promise<LoopFigures> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-loop-"));
  const db = join(dir, "bench.db");
  const config = liftedLimitsConfig(dir);
  await enrolPairs(db, clients, on?.databaseUrl);
  const env = {
    PATH: process.env.PATH ?? "",
    RAPPORT_DEMO: "1",
    RAPPORT_CONFIG: config,
    TELEGRAM_BOT_TOKEN: "123456:BENCH",
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_API_ROOT: fake.url,
    PORT: "0",
    ...(on ? { RAPPORT_DATABASE_URL: on.databaseUrl } : { RAPPORT_DB: db }),
    ...extraEnv,
  };
  const servers: Awaited<ReturnType<typeof startServe>>[] = [];
  for (let n = 0; n < (on?.instances ?? 1); n++) {
    servers.push(await startServe(env, process.env.BENCH_SERVE_NODE_ARGS?.split(" ").filter(Boolean)));
  }
  const posters = servers.map((server) => webhookPoster(fake, server.port, BENCH_SECRET));
  let turn = 0;
  const post = (update: Record<string, unknown>) => (posters[turn++ % posters.length] as PostUpdate)(update);
  const [first] = servers;
  if (!first) throw new Error("no server started");
  return loops(
    {
      name: "rapport",
      child: first.child,
      cpuMs: () => servers.reduce((sum, s) => sum + cpuMs(s.child.pid ?? 0), 0) + (on?.serverCpuMs() ?? 0),
      post,
      async begin(i) {
        const from = fake.calls.length;
        const question = nextQuestion(fake, userOf(i), from, 30_000);
        await post(textUpdate(therapistOf(i), `checkin c${i}`, updateId++));
        return question;
      },
      answer(call) {
        const text = String(call.body.text);
        if (text.startsWith("Last one")) return { value: "skip", last: true };
        return { value: text.includes("thoughts of harming") ? "0" : "7", last: false };
      },
      stop: () => {
        for (const server of servers) server.child.kill("SIGTERM");
      },
    },
    fake,
    clients,
    rounds,
  );
}

/**
 * The floor bot: nine questions a round, each press stored and answered with the next question;
 * with `edit`, the answered question is also edited, as rapport does (two platform calls per answer).
 */
export async function floorLoops(
  fake: FakeTelegram,
  clients: number,
  rounds: number,
  edit = false,
): Promise<LoopFigures> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL("./floor-state-bot.ts", import.meta.url).pathname],
    {
      env: { ...process.env, TELEGRAM_API_ROOT: fake.url, FLOOR_EDIT: edit ? "1" : "0" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout?.once("data", (d) => resolve(JSON.parse(String(d)).port)),
  );
  const post = async (update: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(update),
    });
    await fake.webhookAnswer(await res.text());
  };
  return loops(
    {
      name: edit ? "the floor that also edits" : "the floor",
      child,
      post,
      async begin(i) {
        const from = fake.calls.length;
        const first = nextQuestion(fake, userOf(i), from, 30_000);
        await post(textUpdate(userOf(i), "go", updateId++));
        return first;
      },
      answer(call) {
        // The ninth press is answered with a thank-you: the round ends, as rapport's does.
        const last = String(call.body.text).startsWith("Question 9 ");
        return { value: "7", last };
      },
      stop: () => child.kill("SIGTERM"),
    },
    fake,
    clients,
    rounds,
  );
}
