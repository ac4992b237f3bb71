import type { RecordedCall } from "../fakes/fake-telegram.js";

/**
 * Telegram updates as the Bot API delivers them, for the tests and benches that post them to
 * rapport's webhook or queue them for getUpdates: a person's message, a document they send, and
 * a press of a button (a callback query). One shape for all of them, so that a change in what
 * rapport reads from an update is made once.
 */
export type TelegramUpdate = Record<string, unknown>;

/** The person an update is from: a bare chat id, or the user with their name and language. */
export type TelegramUser =
  | number
  | { id: number; is_bot?: boolean; first_name?: string; language_code?: string };

/** Update ids a test does not choose count up from here; rapport takes each update id once. */
let lastUpdateId = 900_000;

function userOf(from: TelegramUser): {
  id: number;
  is_bot: false;
  first_name: string;
  language_code?: string;
} {
  return typeof from === "number"
    ? { id: from, is_bot: false, first_name: "p" }
    : { first_name: "p", ...from, is_bot: false };
}

/** A message in the private chat with `from`; `fields` are the message's content (text, caption, document). */
function messageUpdate(from: TelegramUser, fields: Record<string, unknown>, id: number): TelegramUpdate {
  const user = userOf(from);
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      from: user,
      chat: { id: user.id, first_name: user.first_name, type: "private" },
      ...fields,
    },
  };
}

/** A text message from `from` in their private chat with the bot. */
export function textUpdate(from: TelegramUser, text: string, id = ++lastUpdateId): TelegramUpdate {
  return messageUpdate(from, { text }, id);
}

/** A file sent by `from` (a document, with an optional caption), as Telegram delivers it: no bytes, a file id. */
export function documentUpdate(
  from: TelegramUser,
  file: { name: string; caption?: string },
  id = ++lastUpdateId,
): TelegramUpdate {
  const document = {
    file_id: `BQACAgIAAxkBAAI${id}`,
    file_unique_id: `AgAD${id}`,
    file_name: file.name,
    mime_type: "application/octet-stream",
    file_size: 1024,
  };
  return messageUpdate(
    from,
    { document, ...(file.caption === undefined ? {} : { caption: file.caption }) },
    id,
  );
}

/** A press by `from` of a button with callback data `data` on the bot's message `messageId`. */
export function callbackUpdate(
  from: TelegramUser,
  data: string,
  messageId: number,
  id = ++lastUpdateId,
): TelegramUpdate {
  const user = userOf(from);
  return {
    update_id: id,
    callback_query: {
      id: `cb-${id}`,
      from: user,
      chat_instance: "1",
      data,
      message: { message_id: messageId, date: 0, chat: { id: user.id, type: "private" }, text: "..." },
    },
  };
}

/** A press by `from` of the button with `value` on a message rapport sent (a sendMessage the fake answered). */
export function pressUpdate(
  from: TelegramUser,
  sent: RecordedCall | undefined,
  value: string,
  id = ++lastUpdateId,
): TelegramUpdate {
  const markup = sent?.body.reply_markup as { inline_keyboard: { callback_data: string }[][] } | undefined;
  const button = markup?.inline_keyboard.flat().find((b) => b.callback_data.endsWith(`|${value}`));
  if (!sent || !button) throw new Error(`no button ${value} on the message to press`);
  return callbackUpdate(from, button.callback_data, (sent.result as { message_id: number }).message_id, id);
}
