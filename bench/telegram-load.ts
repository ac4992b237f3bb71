import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeTelegram, RecordedCall } from "../test/fakes/fake-telegram.js";
import { pressUpdate, textUpdate } from "../test/helpers/telegram-updates.js";

/** What the benchmark and the soak share: starting `rapport serve`, and Telegram updates as a user sends them. */
const CLI = new URL("../dist/adapters/main.js", import.meta.url).pathname;

/** The webhook secret of the benchmark's servers. */
export const BENCH_SECRET = "bench-secret";

/**
 * A clinic config for measuring rapport's own cost, not Telegram's limits (which bind any bot
 * alike) nor the flood limit (a client here answers faster than any person), with no quiet
 * hours whatever the time of the run; written into `dir`, its path returned.
 */
export function liftedLimitsConfig(dir: string, extra = ""): string {
  const config = join(dir, "clinic.yaml");
  writeFileSync(
    config,
    `delivery:\n  perRecipientPerSecond: 1000\n  overallPerSecond: 100000\nlimits:\n  messagesPerMinute: 100000\nschedule:\n  quietHours: { start: "00:00", end: "00:00" }\n${extra}`,
  );
  return config;
}

/** `nodeArgs` go to node itself, such as --cpu-prof for profiling the server. */
export function startServe(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // "rapport is listening" is an info line: it gives the port.
    const child = spawn(process.execPath, [...nodeArgs, CLI, "serve"], {
      env: { ...env, LOG_LEVEL: "info" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let listening = false;
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr.slice(-300)}`)), 20_000);
    child.stderr?.on("data", (d) => {
      if (process.env.BENCH_SERVE_LOG) appendFileSync(process.env.BENCH_SERVE_LOG, d);
      stderr += d;
      const port = /"port":(\d+)[^\n]*rapport is listening/.exec(stderr)?.[1];
      if (port && !listening) {
        listening = true;
        // Listening is not ready: the webhook answers 503 until the channel has connected, and an
        // update posted then would be lost (the bench, unlike Telegram, does not deliver again).
        void untilHealthy(Number(port)).then(() => {
          clearTimeout(timer);
          resolve({ child, port: Number(port) });
        }, reject);
      }
    });
  });
}

/** Waits until /healthz answers 200: every configured channel has connected. */
async function untilHealthy(port: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    await res?.text();
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("serve did not become healthy within 20 s");
}

/** The first question with a keyboard sent to the user at or after call `after`, waiting up to `waitMs`. */
export function nextQuestion(
  fake: FakeTelegram,
  user: number,
  after: number,
  waitMs: number,
): Promise<{ call: RecordedCall; index: number } | undefined> {
  return fake.nextTo(
    user,
    after,
    (c) => c.method === "sendMessage" && c.body.reply_markup !== undefined,
    waitMs,
  );
}

/** Posts an update to rapport's webhook; returns when rapport answered (and Telegram would act on the answer). */
export type PostUpdate = (update: Record<string, unknown>) => Promise<void>;

export function webhookPoster(fake: FakeTelegram, port: number, secret: string): PostUpdate {
  return async (update) => {
    const res = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    });
    await fake.webhookAnswer(await res.text());
  };
}

/**
 * A therapist starts a check-in for `alias` and the client presses through it, as fast as the
 * questions arrive. `onAnswer` gets, for each answer, when the press was acknowledged (ms since
 * the epoch) and the next question's arrival at the fake, if one followed.
 */
export async function walkCheckin(
  fake: FakeTelegram,
  post: PostUpdate,
  ids: { therapist: number; client: number; alias: string; nextUpdateId: () => number },
  onAnswer: (acknowledgedAt: number, nextQuestionAt: number | undefined) => void = () => {},
): Promise<void> {
  let after = fake.calls.length;
  await post(textUpdate(ids.therapist, `checkin ${ids.alias}`, ids.nextUpdateId()));
  for (let step = 0; step < 10; step++) {
    const found = await nextQuestion(fake, ids.client, after, 30_000);
    if (!found) return;
    after = found.index + 1;
    const text = String(found.call.body.text);
    const value = text.startsWith("Last one") ? "skip" : text.includes("thoughts of harming") ? "0" : "7";
    await post(pressUpdate(ids.client, found.call, value, ids.nextUpdateId()));
    const acknowledgedAt = Date.now();
    const next = value === "skip" ? undefined : await nextQuestion(fake, ids.client, after, 30_000);
    onAnswer(acknowledgedAt, next?.call.at);
    if (value === "skip") return;
  }
}
