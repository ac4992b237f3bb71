import type { CloudAdapter } from "botbuilder";
import { describe, expect, it } from "vitest";
import { teamsSender } from "../../../adapters/teams/teams-sender.js";
import {
  channelAllowed,
  channelForLog,
  refusal,
  sameOrigin,
  serviceUrlAllowed,
  tenantOf,
} from "../../../adapters/teams/teams-trust.js";

const TENANT = "5f3c9a1e-2b7d-4c8e-9f01-6a2d4b8c7e35";
const OTHER_TENANT = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

describe("serviceUrlAllowed with authentication", () => {
  it.each([
    "https://smba.trafficmanager.net/emea/",
    "https://smba.trafficmanager.net/teams/",
    "https://SMBA.trafficmanager.net/amer/",
    "https://smba.infra.gcc.teams.microsoft.com/teams",
    "https://smba.infra.gov.teams.microsoft.us/teams",
    "https://smba.infra.dod.teams.microsoft.us/teams",
    "https://webchat.botframework.com/",
    "https://directline.botframework.com/",
    "https://europe.directline.botframework.us/",
    "https://api.botframework.azure.us/",
  ])("accepts Microsoft's %s", (url) => {
    expect(serviceUrlAllowed(url, false)).toBe(true);
  });

  it.each([
    ["plain http", "http://smba.trafficmanager.net/emea/"],
    ["another port", "https://smba.trafficmanager.net:8443/emea/"],
    ["a look-alike suffix", "https://smba.trafficmanager.net.evil.example/"],
    ["a look-alike prefix", "https://evilbotframework.com/"],
    ["the domain only as a path", "https://evil.example/smba.trafficmanager.net/"],
    ["user info in front of another host", "https://smba.trafficmanager.net@evil.example/"],
    ["user info on the right host", "https://user:pw@smba.trafficmanager.net/"],
    ["loopback", "http://127.0.0.1:3978/"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["a private address", "https://10.0.0.5/"],
    ["another scheme", "file:///etc/passwd"],
    ["no URL", "not a url"],
    ["an empty string", ""],
  ])("refuses %s", (_what, url) => {
    expect(serviceUrlAllowed(url, false)).toBe(false);
  });

  it("refuses a serviceUrl that is not a string", () => {
    for (const value of [undefined, null, 42, { href: "https://smba.trafficmanager.net/" }]) {
      expect(serviceUrlAllowed(value, false)).toBe(false);
    }
  });
});

describe("serviceUrlAllowed without authentication", () => {
  it.each(["http://127.0.0.1:52311/", "http://localhost:3979/", "http://[::1]:8080/", "https://127.0.0.1/"])(
    "accepts loopback %s",
    (url) => {
      expect(serviceUrlAllowed(url, true)).toBe(true);
    },
  );

  it.each([
    "https://smba.trafficmanager.net/emea/",
    "http://127.0.0.2:3979/",
    "http://10.0.0.5/",
    "http://169.254.169.254/",
    "http://localhost.evil.example/",
    "http://user@127.0.0.1:3979/",
    "ftp://127.0.0.1/",
  ])("refuses %s", (url) => {
    expect(serviceUrlAllowed(url, true)).toBe(false);
  });
});

describe("channel and tenant", () => {
  it("accepts Teams, and the Emulator only without authentication", () => {
    expect(channelAllowed("msteams", false)).toBe(true);
    expect(channelAllowed("msteams", true)).toBe(true);
    expect(channelAllowed("emulator", true)).toBe(true);
    expect(channelAllowed("emulator", false)).toBe(false);
    for (const other of ["webchat", "directline", "MSTEAMS", "", undefined, 1]) {
      expect(channelAllowed(other, true)).toBe(false);
    }
  });

  it("reads the tenant from the conversation, else from channelData", () => {
    expect(tenantOf({ conversation: { tenantId: TENANT }, channelData: { tenant: { id: "x" } } })).toBe(
      TENANT,
    );
    expect(tenantOf({ conversation: {}, channelData: { tenant: { id: TENANT } } })).toBe(TENANT);
    expect(tenantOf({ conversation: { tenantId: 7 } })).toBeUndefined();
    expect(tenantOf({})).toBeUndefined();
  });

  const teams = (fields: Record<string, unknown> = {}) => ({
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    conversation: { tenantId: TENANT },
    ...fields,
  });

  it("gives the first reason an activity is refused, or none", () => {
    expect(refusal(teams(), { noAuth: false })).toBeUndefined();
    expect(refusal(teams(), { noAuth: false, tenantId: TENANT.toUpperCase() })).toBeUndefined();
    expect(refusal(teams({ channelId: "webchat" }), { noAuth: false })).toBe("channel");
    expect(refusal(teams(), { noAuth: false, tenantId: OTHER_TENANT })).toBe("tenant");
    expect(refusal(teams({ conversation: {} }), { noAuth: false, tenantId: TENANT })).toBe("tenant");
    expect(refusal(teams({ serviceUrl: "https://evil.example/" }), { noAuth: false })).toBe("service_url");
    expect(refusal(teams(), { noAuth: true })).toBe("service_url");
    expect(
      refusal(teams({ channelId: "emulator", serviceUrl: "http://localhost:1/", conversation: {} }), {
        noAuth: true,
      }),
    ).toBeUndefined();
  });

  it("finds an activity from the stored identity's channel and tenant the same origin, and no other", () => {
    const stored = teams();
    expect(sameOrigin(stored, teams({ serviceUrl: "https://smba.trafficmanager.net/amer/" }))).toBe(true);
    expect(sameOrigin(stored, teams({ conversation: {}, channelData: { tenant: { id: TENANT } } }))).toBe(
      true,
    );
    expect(sameOrigin(stored, teams({ channelId: "webchat" }))).toBe(false);
    expect(sameOrigin(stored, teams({ conversation: { tenantId: OTHER_TENANT } }))).toBe(false);
    expect(sameOrigin(stored, teams({ conversation: {} }))).toBe(false);
    expect(sameOrigin(teams({ conversation: {} }), stored)).toBe(false);
    const emulator = { channelId: "emulator", conversation: {} };
    expect(sameOrigin(emulator, { ...emulator })).toBe(true);
    expect(sameOrigin(emulator, stored)).toBe(false);
  });

  it("names only known channels in the log", () => {
    expect(channelForLog("webchat")).toBe("webchat");
    expect(channelForLog("I want to die")).toBe("other");
    expect(channelForLog({})).toBe("other");
  });
});

describe("teamsSender and stored service URLs", () => {
  it("sends nothing to a reference stored with a service URL it no longer accepts", async () => {
    const continued: unknown[] = [];
    const adapter = {
      continueConversationAsync: async (_appId: string, reference: unknown) => void continued.push(reference),
    } as unknown as CloudAdapter;
    const delivery = (serviceUrl: string) => ({
      outboxId: 1,
      channel: "teams",
      externalId: "aad-x",
      address: { channelId: "msteams", serviceUrl, conversation: { id: "a:x" } },
      message: { kind: "info" as const, text: "hello" },
    });
    const withAuth = teamsSender(adapter, "app-id", false);
    await expect(withAuth.send(delivery("http://169.254.169.254/"))).rejects.toMatchObject({
      outcome: "permanent",
    });
    const withoutAuth = teamsSender(adapter, "", true);
    await expect(withoutAuth.send(delivery("https://smba.trafficmanager.net/emea/"))).rejects.toMatchObject({
      outcome: "permanent",
    });
    expect(continued).toEqual([]);
    await withAuth.send(delivery("https://smba.trafficmanager.net/emea/"));
    await withoutAuth.send(delivery("http://127.0.0.1:3979/"));
    expect(continued).toHaveLength(2);
  });
});
