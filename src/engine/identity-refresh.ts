import type { Identity } from "../store/types.js";

/**
 * How long "last seen" may lag behind: it only decides which of a person's identities gets a
 * message that is not a reply (the one they used most recently), so a few minutes do not matter,
 * while writing it at every message was one write of every answer.
 */
export const LAST_SEEN_GRANULARITY_MS = 5 * 60_000;

/**
 * Whether the stored identity must be written again for this message: the reply address or the
 * language or zone changed, it was marked unreachable (they wrote, so it is reachable again), or
 * it was last seen longer ago than the granularity.
 */
export function identityStale(stored: Identity, fresh: Identity, now: string): boolean {
  if (stored.unreachableAt) return true;
  if (stored.locale !== fresh.locale || (stored.timeZone ?? null) !== (fresh.timeZone ?? null)) return true;
  if (JSON.stringify(stored.address) !== JSON.stringify(fresh.address)) return true;
  if (!stored.lastSeenAt) return true;
  return Date.parse(now) - Date.parse(stored.lastSeenAt) >= LAST_SEEN_GRANULARITY_MS;
}
