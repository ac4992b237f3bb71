import { DeliveryError } from "../../src/delivery/channel-sender.js";

/**
 * Before the Bot Connector is called, botbuilder (MicrosoftAppCredentials → MsalAppCredentials)
 * fetches the app's access token from Microsoft Entra's login endpoint with
 * @azure/msal-node's acquireTokenByClientCredential. When Entra refuses the app's credentials it
 * answers 400 or 401 with an OAuth error, and MSAL throws a `ServerError` (not an HTTP error:
 * no statusCode) with `errorCode` the OAuth error, `errorNo` the first AADSTS number and
 * `status` the HTTP status, e.g. { name: "ServerError", errorCode: "invalid_client",
 * errorNo: 7000215, status: 401 } for a wrong client secret. A login endpoint that cannot be
 * reached (refused connection, DNS, reset) is a `ClientAuthError` with errorCode
 * "network_error" instead, and a 5xx or 429 is a ServerError with that status: both are left
 * to translate's "network error" (try again).
 */
interface MsalError {
  name?: unknown;
  errorCode?: unknown;
  errorNo?: unknown;
  status?: unknown;
}

/** AADSTS numbers of a tenant that does not exist or is not a tenant id at all. */
const UNKNOWN_TENANT = new Set([90002, 900023]);

/**
 * "refused" when Microsoft's login refused the app's credentials, naming the setting to check
 * (never its value: the message is stored and logged); undefined for anything else.
 */
export function loginRefusal(error: unknown): DeliveryError | undefined {
  const { name, errorCode, errorNo, status } = (error ?? {}) as MsalError;
  if (name !== "ServerError" || (status !== 400 && status !== 401)) return undefined;
  const code = typeof errorCode === "string" && /^[a-z_]{1,40}$/.test(errorCode) ? errorCode : "error";
  const number = Number(errorNo);
  const aadsts = Number.isInteger(number) && number > 0 ? ` AADSTS${number}` : "";
  return new DeliveryError(
    `Teams login ${status} ${code}${aadsts}: Microsoft refused the app's credentials; check ${settingFor(code, number)}`,
    "refused",
    undefined,
    { cause: error },
  );
}

function settingFor(code: string, aadsts: number): string {
  // AADSTS7000215 a wrong secret (or the secret's id instead of its value), 7000222 an expired one.
  if (code === "invalid_client") return "MicrosoftAppPassword (a wrong or expired client secret)";
  // AADSTS700016: no app with this id in the directory the token was asked from.
  if (code === "unauthorized_client")
    return "MicrosoftAppId (no such app in the tenant) and MicrosoftAppTenantId";
  if (UNKNOWN_TENANT.has(aadsts)) return "MicrosoftAppTenantId (no such tenant)";
  return "MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId";
}
