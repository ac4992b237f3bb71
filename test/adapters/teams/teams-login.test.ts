import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeamsChannel } from "../../../adapters/teams/teams-channel.js";
import { translate } from "../../../adapters/teams/teams-sender.js";
import type { TeamsEnv } from "../../../src/config/settings.js";
import { DeliveryError } from "../../../src/delivery/channel-sender.js";
import { decideRetry } from "../../../src/delivery/retry-policy.js";
import type { Delivery } from "../../../src/model.js";
import { FakeLogin } from "../../fakes/fake-login.js";
import { silentLog } from "../../helpers/conversation.js";

/**
 * The app's credentials refused by Microsoft's login, before any Bot Connector call: the
 * channel's real sender (botbuilder's CloudAdapter, MSAL fetching the token) against a fake
 * login endpoint. A refusal keeps the messages queued ("refused"); a login endpoint that cannot
 * be reached is a network failure like any other ("retry").
 */
const APP_ID = "0e7d3b9a-4c21-4f6e-8a5b-1d9c2e7f4a60";
const TENANT = "5f3c9a1e-2b7d-4c8e-9f01-6a2d4b8c7e35";
const SECRET = "Xq8~wrong.Secret-0123456789abcdefGHIJ";

const delivery: Delivery = {
  outboxId: 7,
  channel: "teams",
  externalId: "a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94",
  address: {
    user: { id: "29:1qB7mZ3xR9vLk2TnW8yHs4cJd6fPa0eGu5iOb1KtXw3NvYq7MzLr2Ds9FhCj4Ep8UkGn" },
    bot: { id: `28:${APP_ID}`, name: "rapport" },
    conversation: { conversationType: "personal", tenantId: TENANT, id: "a:1Xk9Tq2Wm7Rz4Lp8Vn3Bc6Yh0Jd5F" },
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
  },
  message: { kind: "info", text: "Thanks, see you next week." },
};

let login: FakeLogin;
beforeEach(async () => {
  login = new FakeLogin();
  await login.start();
});
afterEach(() => login.stop());

async function send(settings: Partial<TeamsEnv> = {}): Promise<DeliveryError> {
  const teams = createTeamsChannel(
    { appId: APP_ID, appPassword: SECRET, appType: "MultiTenant", noAuth: false, ...settings },
    silentLog,
  );
  const error = await teams.sender.send(delivery).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

const OPTIONS = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, urgentMaxDelayMs: 60_000 };

describe("Teams: Microsoft's login refuses the app's credentials", () => {
  it("a wrong client secret (401 invalid_client, AADSTS7000215) → refused, naming MicrosoftAppPassword", async () => {
    login.refuse(401, "invalid_client", 7000215, "Invalid client secret provided.");
    const error = await send();
    // The token request went to the login endpoint of the bot's tenant (botframework.com for a
    // multi-tenant app), with the configured secret: the real MSAL path.
    expect(login.requests).toHaveLength(1);
    expect(login.requests[0]).toMatchObject({
      method: "POST",
      host: "login.microsoftonline.com",
      path: expect.stringMatching(/^\/botframework\.com\/oauth2\/v2\.0\/token/),
    });
    expect(login.requests[0]?.form.get("client_id")).toBe(APP_ID);
    expect(login.requests[0]?.form.get("client_secret")).toBe(SECRET);
    expect(error.outcome).toBe("refused");
    expect(error.message).toBe(
      "Teams login 401 invalid_client AADSTS7000215: Microsoft refused the app's credentials; check MicrosoftAppPassword (a wrong or expired client secret)",
    );
    expect((error.cause as { name?: string }).name).toBe("ServerError");
    // What the worker makes of it: kept, not counted, never given up.
    const decision = decideRetry({ attempts: 4, urgent: false }, error, OPTIONS);
    expect(decision.kind).toBe("refused");
    expect(decision.attempt).toBe(4);
    expect(decision.reason).not.toContain(SECRET);
  });

  it("an expired client secret (401 invalid_client, AADSTS7000222) → refused, naming MicrosoftAppPassword", async () => {
    login.refuse(401, "invalid_client", 7000222, "The provided client secret keys are expired.");
    const error = await send();
    expect(error.outcome).toBe("refused");
    expect(error.message).toContain("AADSTS7000222");
    expect(error.message).toContain("check MicrosoftAppPassword");
  });

  it("an app id not in the tenant (400 unauthorized_client, AADSTS700016) → refused, naming MicrosoftAppId", async () => {
    login.refuse(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${APP_ID}' was not found.`,
    );
    const error = await send({ appType: "SingleTenant", tenantId: TENANT });
    expect(login.requests[0]?.path).toMatch(new RegExp(`^/${TENANT}/oauth2/v2\\.0/token`));
    expect(error.outcome).toBe("refused");
    expect(error.message).toBe(
      "Teams login 400 unauthorized_client AADSTS700016: Microsoft refused the app's credentials; check MicrosoftAppId (no such app in the tenant) and MicrosoftAppTenantId",
    );
    // The message names settings only, not what Entra said (it quotes the app id).
    expect(error.message).not.toContain(APP_ID);
  });

  it("a tenant that does not exist (400 invalid_request, AADSTS90002) → refused, naming MicrosoftAppTenantId", async () => {
    login.refuse(400, "invalid_request", 90002, `Tenant '${TENANT}' not found.`);
    const error = await send({ appType: "SingleTenant", tenantId: TENANT });
    expect(error.outcome).toBe("refused");
    expect(error.message).toContain("check MicrosoftAppTenantId (no such tenant)");
  });
});

describe("Teams: Microsoft's login unavailable", () => {
  it("the login endpoint cannot be reached (ECONNREFUSED) → retry, as a network error", async () => {
    login.cutOff();
    const error = await send();
    expect(error.outcome).toBe("retry");
    expect(error.message).toBe("network error");
    expect((error.cause as { errorCode?: string }).errorCode).toBe("network_error");
    expect(decideRetry({ attempts: 0, urgent: false }, error, OPTIONS).kind).toBe("retry");
  });

  it("the login endpoint answers 503 → retry", async () => {
    login.answer = { status: 503, body: { error: "temporarily_unavailable" } };
    const error = await send();
    expect(login.requests).toHaveLength(1);
    expect(error.outcome).toBe("retry");
  });
});

describe("translate, for errors shaped as MSAL throws them", () => {
  const msal = (fields: Record<string, unknown>) => Object.assign(new Error("x"), fields);

  it("the status decides: a 5xx or 429 from the login is retried, whatever its OAuth error", () => {
    for (const status of [429, 500, 503]) {
      const error = translate(msal({ name: "ServerError", errorCode: "invalid_client", status }), false);
      expect(error.outcome, String(status)).toBe("retry");
    }
  });

  it("another 400 from the login → refused, naming all three settings", () => {
    const cause = msal({ name: "ServerError", errorCode: "invalid_scope", errorNo: 70011, status: 400 });
    const error = translate(cause, false);
    expect(error.outcome).toBe("refused");
    expect(error.message).toBe(
      "Teams login 400 invalid_scope AADSTS70011: Microsoft refused the app's credentials; check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId",
    );
    expect(error.cause).toBe(cause);
  });

  it("an MSAL client-side error (network_error) is not a refusal", () => {
    const error = translate(msal({ name: "ClientAuthError", errorCode: "network_error" }), true);
    expect(error.outcome).toBe("retry");
  });
});
