import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePng } from "../charts/png.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { addTherapist, freshEnv, serve } from "../helpers/cli.js";
import { textUpdate } from "../helpers/telegram-updates.js";

/**
 * `chart ALIAS` through a running server with data encrypted at rest: the picture is queued in
 * the outbox (sealed with everything else), sent with sendPhoto to the therapist's chat only,
 * and leaves nothing readable in the database file once sent.
 */
const SECRET = "tg-secret";
const THERAPIST = 735917501;
const CLIENT = 735917502;
let telegram: FakeTelegram;
let server: { child: ChildProcess; port: number };
let env: Record<string, string>;

beforeAll(async () => {
  telegram = new FakeTelegram();
  env = freshEnv({
    RAPPORT_DEMO: "1",
    RAPPORT_DATA_KEY: randomBytes(32).toString("base64"),
    TELEGRAM_BOT_TOKEN: "123456:TEST-token",
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: (await telegram.start()) ?? "",
  });
  server = await serve(env);
});
afterAll(async () => {
  server.child.kill("SIGKILL");
  await telegram.stop();
});

async function tg(from: number, text: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${server.port}/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(textUpdate(from, text)),
  });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
}

describe("a chart through rapport serve", () => {
  it("goes to the therapist as a photo, and to no one else", async () => {
    await tg(THERAPIST, `link ${await addTherapist(env, "Dr Rivera")}`);
    await tg(THERAPIST, "invite sam");
    await telegram.waitFor(() => telegram.textsTo(THERAPIST).some((t) => /start \S+/.test(t)));
    const code = telegram
      .textsTo(THERAPIST)
      .map((t) => /start (\S+)/.exec(t)?.[1])
      .find(Boolean);
    await tg(CLIENT, `/start ${code}`);
    await tg(CLIENT, "yes");
    for (const week of [0, 1]) {
      await tg(THERAPIST, "checkin sam");
      // How people type: numbers, a word, a decimal with a comma.
      for (const answer of ["8", "nine", "7,5", "8", "5", "6", "4", `${5 - week}`, "no", "skip"]) {
        await tg(CLIENT, answer);
      }
      await telegram.waitFor(() =>
        telegram.textsTo(THERAPIST).some((t) => t.startsWith(`sam, check-in ${week + 1}`)),
      );
    }
    await tg(THERAPIST, "chart sam");
    await telegram.waitFor(() => telegram.sent("sendPhoto").length === 1);
    const photo = telegram.sent("sendPhoto")[0]?.body ?? {};
    expect(Number(photo.chat_id)).toBe(THERAPIST);
    const file = photo.photo as { name: string; bytes: Buffer };
    expect(file.name).toMatch(/^sam-\d{4}-\d{2}-\d{2}\.png$/);
    const png = decodePng(file.bytes);
    expect(png.width).toBeGreaterThan(780);
    expect(String(photo.caption)).toContain("sam");
    expect(
      telegram.textsTo(THERAPIST).some((t) => t.startsWith("sam: progress and alliance (check-ins: 2)")),
    ).toBe(true);
    expect(telegram.sent("sendPhoto").some((c) => Number(c.body.chat_id) === CLIENT)).toBe(false);
    // Sent and scrubbed: the picture's bytes are not left in the database file.
    const db = readFileSync(env.RAPPORT_DB ?? "");
    expect(db.includes(file.bytes.subarray(100, 164))).toBe(false);
  });
});
