import { type Api, GrammyError, HttpError, InputFile } from "grammy";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import type { Delivery } from "../../src/model.js";
import { TELEGRAM_CHANNEL } from "./telegram-inbound.js";
import { keyboardFor, MAX_TEXT, parseSource, textParts } from "./telegram-render.js";

/**
 * Sends through the Bot API: sendMessage, and editMessageText to show the answer on the
 * message whose button was pressed. Telegram's errors become the worker's outcomes here.
 */
export function telegramSender(api: Api): ChannelSender {
  // Parts of a long message already accepted, so a retry after a failed later part does not
  // send the earlier ones again (kept in memory: a restart in between may repeat one part).
  const partsSent = new Map<number, number>();
  return {
    channel: TELEGRAM_CHANNEL,
    // Telegram asks for about one message a second per chat and 30 a second overall.
    limits: { perRecipient: { burst: 3, perSecond: 1 }, global: { burst: 25, perSecond: 25 } },
    send: async (delivery: Delivery) => {
      try {
        await send(api, delivery, partsSent);
        partsSent.delete(delivery.outboxId);
      } catch (error) {
        throw translate(error);
      }
    },
  };
}

async function send(
  api: Api,
  { outboxId, address, message }: Delivery,
  partsSent: Map<number, number>,
): Promise<void> {
  const chatId = Number(address.chatId);
  if (message.replaces) {
    const target = parseSource(message.replaces);
    if (!target) throw new DeliveryError("unusable message reference", "permanent");
    // The text only: an edit carries no keyboard, so the message's choices are not read here.
    const [first = ""] = textParts(message);
    try {
      await api.editMessageText(target.chatId, target.messageId, first.slice(0, MAX_TEXT), {
        parse_mode: "HTML",
      });
    } catch (error) {
      // Already showing this text (a redelivered press): nothing left to do.
      if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return;
      throw error;
    }
    return;
  }
  const parts = textParts(message);
  for (let i = partsSent.get(outboxId) ?? 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    await api.sendMessage(chatId, parts[i] ?? "", {
      parse_mode: "HTML",
      reply_markup: last ? keyboardFor(message) : undefined,
      link_preview_options: { is_disabled: true },
    });
    partsSent.set(outboxId, i + 1);
  }
  // Parts after the text, each sent once: the file, then the chart.
  const file = message.file;
  if (file && (partsSent.get(outboxId) ?? 0) <= parts.length) {
    // sendDocument, uploaded as multipart through grammY's InputFile; the caption is plain text.
    await api.sendDocument(chatId, new InputFile(Buffer.from(file.content, "utf8"), file.name), {
      caption: file.caption.slice(0, MAX_CAPTION),
    });
    partsSent.set(outboxId, parts.length + 1);
  }
  const chart = message.chart;
  if (chart && (partsSent.get(outboxId) ?? 0) <= parts.length + 1) {
    // sendPhoto, uploaded the same way. Telegram has no alt text: the words go in the caption,
    // which a screen reader reads with the picture.
    await api.sendPhoto(chatId, new InputFile(Buffer.from(chart.png, "base64"), chart.name), {
      caption: captionOf(chart.alt),
    });
    partsSent.set(outboxId, parts.length + 2);
  }
}

/** Telegram's limit for a caption. */
const MAX_CAPTION = 1024;

/** The alt text as a caption: whole sentences up to Telegram's limit. */
export function captionOf(alt: string): string {
  if (alt.length <= MAX_CAPTION) return alt;
  const cut = alt.slice(0, MAX_CAPTION - 1);
  const end = cut.lastIndexOf(". ");
  return `${end > 0 ? cut.slice(0, end + 1) : cut}…`;
}

function translate(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const code = error.error_code;
    if (code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new DeliveryError(`Telegram 429 (retry after ${seconds} s)`, "retry", seconds * 1000, {
        cause: error,
      });
    }
    // 403: the user blocked the bot, or the chat is gone.
    if (code === 403) return new DeliveryError("Telegram 403", "unreachable", undefined, { cause: error });
    // 401: the Bot API refused the bot's token (revoked in BotFather, a typo): the bot's fault.
    if (code === 401)
      return new DeliveryError("Telegram 401: check TELEGRAM_BOT_TOKEN", "refused", undefined, {
        cause: error,
      });
    if (code >= 500) return new DeliveryError(`Telegram ${code}`, "retry", undefined, { cause: error });
    return new DeliveryError(`Telegram ${code}`, "permanent", undefined, { cause: error });
  }
  if (error instanceof HttpError)
    return new DeliveryError("network error", "retry", undefined, { cause: error });
  return new DeliveryError("unexpected error", "retry", undefined, { cause: error });
}
