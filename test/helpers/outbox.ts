import type { OutboxRow, Store } from "../../src/store/types.js";

/**
 * Takes every message that may go now on these channels, as the delivery worker does (recipient
 * by recipient, each one's next message), marking each sent; returns them in the order taken.
 */
export async function takeQueued(
  store: Store,
  now: string,
  channels: readonly string[],
): Promise<OutboxRow[]> {
  const taken: OutboxRow[] = [];
  for (;;) {
    let sent = 0;
    for (const recipient of await store.sendableRecipients(channels, now, 100)) {
      const row = await store.nextSendable(recipient, now);
      if (!row) continue;
      taken.push(row);
      await store.markSent(row.id, now);
      sent += 1;
    }
    if (sent === 0) return taken;
  }
}
