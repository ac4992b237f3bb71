import type { Update } from "grammy/types";
import type { InboundEvent } from "../../src/model.js";
import { decodeCallbackData } from "./telegram-render.js";

export const TELEGRAM_CHANNEL = "telegram";

/** The update types rapport handles; everything else is neither requested nor processed. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Where rapport answers: the chat (in a private chat its id is the user's). */
interface TelegramAddress extends Record<string, unknown> {
  chatId: number;
}

/**
 * A Telegram update as the neutral event, or undefined for what rapport does not handle
 * (edited messages, channel posts, member updates). Pure: no network, no storage.
 */
export function toInboundEvent(update: Update): InboundEvent | undefined {
  const id = String(update.update_id);
  if (update.message) {
    const { message } = update;
    if (!message.from || message.from.is_bot) return undefined;
    return {
      channel: TELEGRAM_CHANNEL,
      id,
      sender: {
        id: String(message.from.id),
        name: message.from.first_name,
        locale: message.from.language_code,
      },
      address: { chatId: message.chat.id } satisfies TelegramAddress,
      direct: message.chat.type === "private",
      // A sticker, photo or voice note is no answer: it reaches the engine as empty text and is re-asked.
      // A photo's caption is read like text (and screened like it).
      input: { kind: "text", text: message.text ?? message.caption ?? "" },
    };
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    if (!chat || query.data === undefined) return undefined;
    const { ref, value } = decodeCallbackData(query.data);
    return {
      channel: TELEGRAM_CHANNEL,
      id,
      sender: { id: String(query.from.id), name: query.from.first_name, locale: query.from.language_code },
      address: { chatId: chat.id } satisfies TelegramAddress,
      direct: chat.type === "private",
      input: { kind: "choice", value, ref, source: `${chat.id}:${query.message?.message_id}` },
      acknowledgesPresses: true,
    };
  }
  return undefined;
}
