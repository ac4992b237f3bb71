import { writeFileSync } from "node:fs";
import type { SoakRecord } from "./soak-check.js";

/** The record as JSON: the fake's calls (the chat, the text and the buttons, no bodies of uploads), helps, lifetimes. */
export function dumpRecord(path: string, record: SoakRecord): void {
  const calls = record.calls.map((c) => ({
    method: c.method,
    at: c.at,
    via: c.via,
    chat: c.body.chat_id,
    text: typeof c.body.text === "string" ? c.body.text.slice(0, 80) : undefined,
    buttons: c.body.reply_markup,
    answered: c.result !== undefined,
  }));
  writeFileSync(
    path,
    JSON.stringify({
      calls,
      helps: record.helps,
      lifetimes: record.lifetimes,
      acknowledged: [...record.acknowledged.keys()],
    }),
  );
}
