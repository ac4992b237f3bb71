import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Bot, webhookCallback } from "grammy";

/**
 * The floor for the closed-loop benchmark: the simplest bot that does what a check-in needs, on
 * the same libraries. grammY's webhook on node:http; each press is stored in SQLite (WAL,
 * synchronous NORMAL, as rapport) with the conversation's step in one transaction, then the next
 * question (nine, with 0–10 buttons; after the ninth a thank-you, and a message starts again) is sent from inside the webhook handler and
 * the press is acknowledged in the HTTP answer. No outbox, no retries, no encryption, no risk
 * screen, no summary: what rapport does beyond this is what its figures are compared against.
 * With FLOOR_EDIT=1 it also does the platform work rapport does per answer: after the next
 * question is sent, the answered one is edited to show the answer without its buttons.
 */
const edit = process.env.FLOOR_EDIT === "1";
const apiRoot = process.env.TELEGRAM_API_ROOT ?? "";
const db = new Database(join(mkdtempSync(join(tmpdir(), "rapport-floor-")), "floor.db"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(`CREATE TABLE state (chat INTEGER PRIMARY KEY, step INTEGER NOT NULL);
CREATE TABLE answers (id INTEGER PRIMARY KEY, chat INTEGER NOT NULL, step INTEGER NOT NULL, value INTEGER NOT NULL, at TEXT NOT NULL);`);
const setStep = db.prepare(
  "INSERT INTO state (chat, step) VALUES (?, ?) ON CONFLICT (chat) DO UPDATE SET step = excluded.step",
);
const getStep = db.prepare("SELECT step FROM state WHERE chat = ?");
const saveAnswer = db.prepare("INSERT INTO answers (chat, step, value, at) VALUES (?, ?, ?, ?)");
const press = db.transaction((chat: number, value: number): number => {
  const step = (getStep.get(chat) as { step: number } | undefined)?.step ?? 0;
  saveAnswer.run(chat, step, value, new Date().toISOString());
  const next = (step + 1) % 9;
  setStep.run(chat, next);
  return next;
});

const question = (step: number) => ({
  text: `Question ${step + 1} of 9: how was it, 0 to 10?`,
  reply_markup: {
    inline_keyboard: [
      Array.from({ length: 6 }, (_, v) => ({ text: String(v), callback_data: `q${step}|${v}` })),
      Array.from({ length: 5 }, (_, v) => ({ text: String(v + 6), callback_data: `q${step}|${v + 6}` })),
    ],
  },
});

const bot = new Bot("123456:FLOOR", {
  client: { apiRoot, canUseWebhookReply: (method) => method === "answerCallbackQuery" },
  botInfo: {
    id: 1,
    is_bot: true,
    first_name: "floor",
    username: "floor_bot",
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as never,
});
bot.on("message", async (ctx) => {
  setStep.run(ctx.chat.id, 0);
  const q = question(0);
  await ctx.api.sendMessage(ctx.chat.id, q.text, { reply_markup: q.reply_markup });
});
bot.on("callback_query:data", async (ctx) => {
  const value = Number(ctx.callbackQuery.data.split("|")[1]);
  const next = press(ctx.from.id, value);
  if (next === 0) {
    await ctx.api.sendMessage(ctx.from.id, "Thank you.");
  } else {
    const q = question(next);
    await ctx.api.sendMessage(ctx.from.id, q.text, { reply_markup: q.reply_markup });
  }
  if (edit) await ctx.editMessageText(`${question(next === 0 ? 8 : next - 1).text} ${value}`);
  await ctx.answerCallbackQuery();
});
// At 500 clients on this machine the floor's slowest webhooks reach grammY's default limit of
// 10 s, whose error ends this process and the run with it: its tail is measured instead.
const handle = webhookCallback(bot, "http", { timeoutMilliseconds: 120_000 });
const server = createServer((req, res) => void handle(req, res));
// The load generator's connections stay open while it runs (see test/fakes/fake-telegram.ts).
server.keepAliveTimeout = 0;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});
