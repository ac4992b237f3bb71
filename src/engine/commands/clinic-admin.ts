import type { RenderedChart } from "../../charts/render.js";
import { RapportError } from "../../errors.js";
import type { ClinicStatus, Store, TherapistEntry, Tx } from "../../store/types.js";
import { normaliseAlias } from "../client-alias.js";
import { oneLine } from "../client-text.js";
import { type EngineDeps, personWording, therapistName } from "../turn-context.js";
import { clientChart } from "../views/chart.js";
import { issueCode } from "./issue-code.js";

/**
 * The clinic's own management, for its IT person on the command line: therapists added (one per
 * name), listed, given a new link code, removed once their clients are moved; clients moved
 * between therapists; counts of the whole service. Each is one transaction.
 */
export class ClinicAdmin {
  constructor(
    private readonly store: Store,
    private readonly deps: EngineDeps,
    /** Called after a commit that queued messages, to wake the delivery worker. */
    private readonly onQueued: () => void = () => {},
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * A new therapist and their one-time link code. The name is kept on one line without hidden
   * controls (clients read it); a name already in use, in any case or spacing, is refused.
   */
  addTherapist(rawName: string): Promise<{ code: string }> {
    const name = oneLine(rawName);
    return this.store.transaction(async (tx) => {
      if (await therapistNamed(tx, name)) {
        throw new RapportError(
          `a therapist named "${name}" already exists; for a new link code: rapport therapist code "${name}"`,
          "therapist_exists",
        );
      }
      const personId = await tx.createPerson("therapist", name, this.now());
      return { code: await issueCode(tx, this.deps, "link", personId, this.now()) };
    });
  }

  therapists(): Promise<TherapistEntry[]> {
    return this.store.transaction((tx) => tx.therapists());
  }

  /** A new link code (a lost one, or a new phone); the earlier unused code stops working. */
  newLinkCode(name: string): Promise<{ code: string }> {
    return this.store.transaction(async (tx) => {
      const therapist = await requireTherapist(tx, name);
      await tx.revokeCodes(therapist.id, "link");
      return { code: await issueCode(tx, this.deps, "link", therapist.id, this.now()) };
    });
  }

  /** Whether the clinic's on-call contact (risk.onCall) is set, and registered as a therapist. */
  async onCallStatus(): Promise<"none" | "registered" | "unknown"> {
    const name = this.deps.config.risk.onCall;
    if (!name) return "none";
    const found = await this.store.transaction((tx) => tx.findTherapistByName(name));
    return found ? "registered" : "unknown";
  }

  /**
   * Removes a therapist who has no clients left (discharged ones included: move them first) and
   * who is not the clinic's on-call contact: start-up refuses a `risk.onCall` that names nobody
   * registered, so removing them would stop the next `rapport serve` and leave escalations nowhere.
   */
  removeTherapist(name: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      const therapist = await requireTherapist(tx, name);
      // Looked up as start-up looks it up (engine.onCallStatus), so both agree on who it is.
      const onCall = this.deps.config.risk.onCall;
      const onCallPerson = onCall ? await tx.findTherapistByName(onCall) : undefined;
      if (onCallPerson?.id === therapist.id) {
        throw new RapportError(
          `"${therapist.name}" is the clinic's on-call contact (risk.onCall in the clinic config, RAPPORT_CONFIG): urgent alerts nobody acknowledges go to them, and rapport serve does not start while risk.onCall names a therapist who is not registered. Nothing was changed. First set risk.onCall to another therapist (or remove it) and restart rapport serve; then remove "${therapist.name}".`,
          "therapist_on_call",
        );
      }
      const left = await tx.clientsOf(therapist.id);
      if (left.length > 0) {
        throw new RapportError(
          `"${name}" still has ${left.length} client(s), discharged ones included: ${left.join(", ")}. Move each first: rapport client move ALIAS --to NAME`,
          "therapist_has_clients",
        );
      }
      await tx.removeTherapist(therapist.id);
    });
  }

  /**
   * Moves a client to another therapist; both are told in their chats. An alias used by several
   * therapists needs `from` to say whose client is meant.
   */
  async moveClient(rawAlias: string, toName: string, fromName?: string): Promise<{ alias: string }> {
    const alias = normaliseAlias(rawAlias);
    if (!alias) throw new RapportError(`"${rawAlias}" is not an alias rapport uses`, "client_unknown");
    const result = await this.store.transaction(async (tx) => {
      const to = await requireTherapist(tx, toName);
      const client = await clientNamed(tx, alias, fromName, "--from");
      if (client.therapistId === to.id)
        throw new RapportError(`"${alias}" is already ${to.name}'s client`, "client_same");
      if (await tx.findClient(to.id, alias)) {
        throw new RapportError(`${to.name} already has a client "${alias}"`, "client_alias_taken");
      }
      await requireReachable(tx, to);
      await tx.moveClient(client.clientId, to.id);
      const previous = await therapistName(tx, client);
      const now = this.now();
      const tw = await personWording(tx, this.deps, to.id);
      const fw = await personWording(tx, this.deps, client.therapistId);
      await tx.enqueue(
        to.id,
        { kind: "info", text: tw.t("client_moved_in", { alias, from: previous }) },
        now,
        undefined,
        client.clientId,
      );
      await tx.enqueue(
        client.therapistId,
        { kind: "info", text: fw.t("client_moved_out", { alias, to: to.name }) },
        now,
        undefined,
        client.clientId,
      );
      // The client agreed to share their answers with one therapist: they are told who sees them now.
      const cw = await personWording(tx, this.deps, client.clientId);
      await tx.enqueue(
        client.clientId,
        { kind: "info", text: cw.t("moved_to_therapist", { therapist: to.name, previous }) },
        now,
      );
      return { alias };
    });
    this.onQueued();
    return result;
  }

  /**
   * `rapport export --format png --client ALIAS`: the client's chart as their therapist would get
   * it (`chart ALIAS`), in the therapist's wording; `therapistName` when several have that alias.
   */
  chart(rawAlias: string, therapistName?: string): Promise<RenderedChart> {
    const alias = normaliseAlias(rawAlias);
    if (!alias) throw new RapportError(`"${rawAlias}" is not an alias rapport uses`, "client_unknown");
    return this.store.transaction(async (tx) => {
      const found = await clientNamed(tx, alias, therapistName, "--therapist");
      const client = await tx.getClient(found.clientId);
      const w = await personWording(tx, this.deps, found.therapistId);
      const drawn = client ? await clientChart(tx, this.deps.config, w, client, this.now()) : undefined;
      if (!drawn)
        throw new RapportError(`"${alias}" has no completed check-in yet: nothing to chart`, "chart_empty");
      return drawn.rendered;
    });
  }

  status(): Promise<ClinicStatus> {
    return this.store.transaction((tx) => tx.clinicStatus());
  }
}

/** The one client of that alias (of `therapistName`, when given); several is an error naming `option`. */
export async function clientNamed(
  tx: Tx,
  alias: string,
  therapistName: string | undefined,
  option: string,
): Promise<{ clientId: number; therapistId: number }> {
  const from = therapistName ? await requireTherapist(tx, therapistName) : undefined;
  const found = (await tx.clientsNamed(alias)).filter((c) => !from || c.therapistId === from.id);
  const [client] = found;
  if (!client) throw new RapportError(`no client "${alias}"`, "client_unknown");
  if (found.length > 1) {
    throw new RapportError(
      `several therapists have a client "${alias}": add ${option} NAME`,
      "client_ambiguous",
    );
  }
  return client;
}

/**
 * A client is moved only to a therapist rapport can write to: the client is told that therapist
 * now reads their answers, and an urgent alert about them must reach someone. A therapist who has
 * not typed their link code (or whose every chat blocked rapport) would get nothing, not even the
 * alert after "i want to kill myself", so the move waits until they link.
 */
async function requireReachable(tx: Tx, to: TherapistEntry): Promise<void> {
  const identities = await tx.identitiesOf(to.id);
  if (identities.some((i) => !i.unreachableAt)) return;
  const why =
    identities.length === 0
      ? `${to.name} has not linked a chat with rapport yet`
      : `rapport can no longer reach ${to.name} in chat (every chat of theirs blocked or left the bot)`;
  throw new RapportError(
    `${why}: their clients' check-ins and urgent risk alerts would reach no one. Nothing was changed. First ${to.name} types link and their code in their chat with rapport (a new code: rapport therapist code "${to.name}"); then move the client.`,
    "therapist_not_linked",
  );
}

async function therapistNamed(tx: Tx, name: string): Promise<TherapistEntry | undefined> {
  const wanted = oneLine(name).toLowerCase();
  return (await tx.therapists()).find((t) => oneLine(t.name).toLowerCase() === wanted);
}

async function requireTherapist(tx: Tx, name: string): Promise<TherapistEntry> {
  const found = await therapistNamed(tx, name);
  if (!found)
    throw new RapportError(
      `no therapist named "${name}" (rapport therapist list shows them)`,
      "therapist_unknown",
    );
  return found;
}
