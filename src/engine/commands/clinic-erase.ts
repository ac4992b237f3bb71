import { RapportError } from "../../errors.js";
import type { ClientData, Store } from "../../store/types.js";
import { normaliseAlias } from "../client-alias.js";
import { type EngineDeps, Turn } from "../turn-context.js";
import { clientNamed } from "./clinic-admin.js";
import { eraseClient } from "./privacy.js";

/** What a client's erasure takes, counted before it: what the clinic can tell the client was erased. */
export interface ErasureCounts {
  alias: string;
  therapist: string;
  checkins: number;
  comments: number;
  riskAlerts: number;
  /** An urgent alert about them nobody has acknowledged: erased too, their therapist told it was open. */
  openAlert: boolean;
  riskEvents: number;
  consents: number;
  emergencyContact: boolean;
  schedule: boolean;
  pauses: number;
  /** The chat platforms they wrote from (their identities). */
  channels: string[];
  /** The day the audit row keeps (YYYY-MM-DD, the clinic's clock in UTC, as the row has it). */
  day: string;
}

/**
 * `rapport client erase ALIAS`: the clinic's IT person erases a client without their therapist
 * (a therapist who has left, a former client's written request). `confirmed` false only counts
 * what would go; true erases through the one erasure path (privacy.ts eraseClient, as `forget`
 * and `discharge --erase` do), in one transaction: the therapist is told, the client gets a
 * goodbye at the address they used, and the audit row names the clinic as who erased.
 */
export async function eraseByClinic(
  store: Store,
  deps: EngineDeps,
  rawAlias: string,
  options: { therapist?: string; confirmed: boolean },
  onQueued: () => void = () => {},
): Promise<ErasureCounts> {
  const alias = normaliseAlias(rawAlias);
  if (!alias) throw new RapportError(`"${rawAlias}" is not an alias rapport uses`, "client_unknown");
  const now = deps.clock.now().toISOString();
  const counts = await store.transaction(async (tx) => {
    const found = await clientNamed(tx, alias, options.therapist, "--therapist");
    const client = await tx.getClient(found.clientId);
    if (!client) throw new RapportError(`no client "${alias}"`, "client_unknown");
    const data = await tx.clientData(client.personId);
    const openAlert = (await tx.openRiskAlert(client.personId)) !== undefined;
    const counted = countsOf(data, openAlert, now);
    if (options.confirmed) {
      await eraseClient(Turn.system(deps, tx, now, `clinic-erase-${client.personId}`), client, "clinic");
    }
    return counted;
  });
  if (options.confirmed) onQueued();
  return counts;
}

function countsOf(data: ClientData, openAlert: boolean, now: string): ErasureCounts {
  return {
    alias: data.alias,
    therapist: data.therapist,
    checkins: data.checkins.length,
    comments: data.checkins.filter((c) => c.comment !== null && c.comment !== "").length,
    riskAlerts: data.riskAlerts.length,
    openAlert,
    riskEvents: data.riskEvents.length,
    consents: data.consents.length,
    emergencyContact: data.emergencyContact !== null,
    schedule: data.schedule !== null,
    pauses: data.pauses.length,
    channels: [...new Set(data.identities.map((i) => i.channel))],
    day: now.slice(0, 10),
  };
}
