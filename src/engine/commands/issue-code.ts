import { hashCode, normaliseCode } from "../../codes.js";
import type { CodeKind, Tx } from "../../store/types.js";
import type { EngineDeps } from "../turn-context.js";

/** A new one-time code for a person: stored only as a hash, expiring after the configured days. */
export async function issueCode(
  tx: Tx,
  deps: EngineDeps,
  kind: CodeKind,
  personId: number,
  now: string,
): Promise<string> {
  const code = deps.newCode();
  const expiresAt = new Date(Date.parse(now) + deps.config.codes.expiryDays * 86_400_000).toISOString();
  await tx.createCode(hashCode(normaliseCode(code) ?? code), kind, personId, now, expiresAt);
  return code;
}
