/**
 * What the Teams channel accepts after botbuilder has authenticated a request, and where it may
 * send: pure checks, no botbuilder. Authentication says the request came from the Bot Framework
 * (or, with TEAMS_NO_AUTH, from this machine); it does not say which of the Bot Framework's
 * channels sent it, from which tenant, or that its serviceUrl is Microsoft's. Web Chat and Direct
 * Line let the page choose `from.id`, and every reply goes to `serviceUrl`, so each is checked.
 */
export interface TrustPolicy {
  /** TEAMS_NO_AUTH: the Emulator's channel and loopback service URLs instead of Microsoft's. */
  noAuth: boolean;
  /** MicrosoftAppTenantId: when set, only this tenant's activities. */
  tenantId?: string;
}

type Refusal = "channel" | "tenant" | "service_url";

/** The parts of an activity (or a stored conversation reference) the checks read. */
export interface Origin {
  channelId?: unknown;
  serviceUrl?: unknown;
  conversation?: { tenantId?: unknown } | null;
  channelData?: unknown;
}

/**
 * The service URL hosts Microsoft documents for Teams (public cloud, GCC, GCC High, DoD: the
 * Agents SDK's TeamsServiceEndpoints and the Bot Connector API reference), matched exactly.
 */
const TEAMS_HOSTS = new Set([
  "smba.trafficmanager.net",
  "smba.infra.gcc.teams.microsoft.com",
  "smba.infra.gov.teams.microsoft.us",
  "smba.infra.dod.teams.microsoft.us",
]);
/** The Bot Framework's own service domains (public and US Government), any host under them. */
const BOT_FRAMEWORK_DOMAINS = ["botframework.com", "botframework.us", "botframework.azure.us"];
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The tenant an activity says it is from: conversation.tenantId, else channelData.tenant.id. */
export function tenantOf(origin: Origin): string | undefined {
  const fromConversation = origin.conversation?.tenantId;
  if (typeof fromConversation === "string" && fromConversation !== "") return fromConversation;
  const tenant = (origin.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof tenant === "string" && tenant !== "" ? tenant : undefined;
}

/** Teams only; the Bot Framework Emulator too when authentication is off (it talks to no Teams). */
export function channelAllowed(channelId: unknown, noAuth: boolean): boolean {
  return channelId === "msteams" || (noAuth && channelId === "emulator");
}

/**
 * Where replies may go. Without authentication anyone on this machine can post an activity, so
 * only loopback (the Emulator, the tests' fake Connector); with it, only Microsoft's https hosts
 * on the default port, so a caller cannot make rapport post into another network.
 */
export function serviceUrlAllowed(serviceUrl: unknown, noAuth: boolean): boolean {
  if (typeof serviceUrl !== "string") return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  const host = url.hostname.toLowerCase();
  if (noAuth) return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(host);
  if (url.protocol !== "https:" || url.port !== "") return false;
  return TEAMS_HOSTS.has(host) || BOT_FRAMEWORK_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}

/** Why an authenticated activity is not accepted, or undefined when it is. */
export function refusal(activity: Origin, policy: TrustPolicy): Refusal | undefined {
  if (!channelAllowed(activity.channelId, policy.noAuth)) return "channel";
  if (policy.tenantId !== undefined && !sameTenant(tenantOf(activity), policy.tenantId)) return "tenant";
  if (!serviceUrlAllowed(activity.serviceUrl, policy.noAuth)) return "service_url";
  return undefined;
}

/**
 * Whether an activity may speak for an identity stored from `stored` (its conversation
 * reference): the same channel and the same tenant, or neither has a tenant. A user id is unique
 * only within its tenant and channel, so one from elsewhere is someone else.
 */
export function sameOrigin(stored: Origin, incoming: Origin): boolean {
  if (stored.channelId !== incoming.channelId) return false;
  const [a, b] = [tenantOf(stored), tenantOf(incoming)];
  return a === undefined && b === undefined ? true : sameTenant(a, b);
}

/** Tenant ids are GUIDs; an admin may write one in capitals. */
function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Bot Framework channel ids worth naming in a log line. */
const KNOWN_CHANNELS = new Set(["msteams", "emulator", "webchat", "directline", "test", "slack", "telegram"]);

/** A channel id for the log: a known one as it is, anything else (the caller's choice) as "other". */
export function channelForLog(channelId: unknown): string {
  return typeof channelId === "string" && KNOWN_CHANNELS.has(channelId) ? channelId : "other";
}
