import { createServer } from "node:http";
import { Bot, webhookCallback } from "grammy";

/**
 * The floor for the webhook benchmark: a minimal grammY bot on node:http that answers each
 * update with one sendMessage, with no storage and no outbox. rapport's throughput is reported
 * as a fraction of this one's.
 */
const apiRoot = process.env.TELEGRAM_API_ROOT ?? "";
const bot = new Bot("123456:FLOOR", {
  client: { apiRoot },
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
bot.on("message", (ctx) => ctx.reply("ok"));
bot.on("callback_query:data", (ctx) => ctx.api.sendMessage(ctx.from.id, "ok"));
const handle = webhookCallback(bot, "http");
const server = createServer((req, res) => void handle(req, res));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});
