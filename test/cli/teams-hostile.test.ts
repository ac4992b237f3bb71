import type { ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeConnector, visibleText } from "../fakes/fake-connector.js";
import { addTherapist, freshEnv, serve } from "../helpers/cli.js";

/**
 * Activities rapport must not act on, through `rapport serve` with TEAMS_NO_AUTH on loopback and
 * a fake Bot Connector: another channel or tenant naming a known person's id, a tenant other than
 * the configured one, and service URLs rapport must not call. Each is answered 403 before the
 * engine: nothing stored, nothing sent, the person's stored address unchanged.
 */
const TENANT = "5f3c9a1e-2b7d-4c8e-9f01-6a2d4b8c7e35";
const OTHER_TENANT = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const RIVERA = { id: "29:rivera", aadObjectId: "aad-rivera", name: "Rivera" };
const MALLORY = { id: "29:mallory", aadObjectId: "aad-mallory", name: "Mallory" };
let connector: FakeConnector;
/** 127.0.0.2 is loopback to Linux but no service URL rapport accepts: a stand-in for "elsewhere". */
let elsewhere: FakeConnector;
let counter = 0;

beforeAll(async () => {
  connector = new FakeConnector();
  elsewhere = new FakeConnector();
  await Promise.all([connector.start(), elsewhere.start("127.0.0.2")]);
});
afterAll(() => Promise.all([connector.stop(), elsewhere.stop()]));

function activity(user: typeof RIVERA, fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    type: "message",
    id: `hostile-${counter}`,
    channelId: "msteams",
    serviceUrl: connector.url,
    from: user,
    recipient: { id: "28:rapport-bot", name: "rapport" },
    conversation: { id: `a:personal-${user.id.slice(3)}`, conversationType: "personal", tenantId: TENANT },
    text: "clients",
    ...fields,
  };
}

type Server = { child: ChildProcess; port: number; log: () => string };

async function post(
  server: Server,
  body: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

function rows(env: Record<string, string>): { inbound: number; outbox: number; addresses: string[] } {
  const db = new Database(env.RAPPORT_DB ?? "", { readonly: true });
  const count = (table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const addresses = (
    db.prepare("SELECT address FROM identities ORDER BY address").all() as { address: string }[]
  ).map((r) => r.address);
  const result = { inbound: count("inbound_events"), outbox: count("outbox"), addresses };
  db.close();
  return result;
}

/** Posts each refused activity, then one that is accepted, so that "nothing was sent" means something. */
async function expectRefused(
  server: Server,
  env: Record<string, string>,
  refused: Record<string, unknown>[],
) {
  const before = rows(env);
  const sent = connector.calls.length;
  for (const body of refused) {
    const answer = await post(server, body);
    expect(answer, JSON.stringify(body)).toEqual({ status: 403, text: "" });
  }
  expect(rows(env)).toEqual(before);
  const control = activity(
    { id: `29:control-${counter}`, aadObjectId: `aad-control-${counter}`, name: "Control" },
    { text: "hello" },
  );
  expect((await post(server, control)).status).toBe(200);
  await connector.waitFor(() => connector.calls.length > sent);
  await new Promise((r) => setTimeout(r, 300));
  const conversations = connector.calls.slice(sent).map((c) => c.conversationId);
  expect(conversations).toEqual([(control.conversation as { id: string }).id]);
  expect(elsewhere.calls).toEqual([]);
}

describe("Teams without a configured tenant", () => {
  let server: Server;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = freshEnv({ TEAMS_NO_AUTH: "1", RAPPORT_DEMO: "1", LOG_LEVEL: "debug" });
    server = await serve(env);
    const code = await addTherapist(env, "Dr Rivera");
    expect((await post(server, activity(RIVERA, { text: `link ${code}` }))).status).toBe(200);
    await connector.waitFor(() => connector.textsTo("a:personal-rivera").length === 1);
  });
  afterAll(() => server.child.kill("SIGKILL"));

  it("refuses another channel or tenant naming a therapist's id, and keeps their address", async () => {
    const spoof = (fields: Record<string, unknown>) =>
      activity(RIVERA, { conversation: { id: "a:attacker", tenantId: TENANT }, ...fields });
    await expectRefused(server, env, [
      spoof({ channelId: "webchat" }),
      spoof({ channelId: "directline" }),
      // The Emulator's channel is let in without authentication, but not as a Teams identity.
      spoof({ channelId: "emulator" }),
      spoof({ conversation: { id: "a:attacker", tenantId: OTHER_TENANT } }),
      spoof({ conversation: { id: "a:attacker" }, channelData: { tenant: { id: OTHER_TENANT } } }),
      spoof({
        type: "installationUpdate",
        action: "add",
        text: undefined,
        conversation: { id: "a:attacker", tenantId: OTHER_TENANT },
      }),
    ]);
    expect(rows(env).addresses.join("\n")).not.toContain("a:attacker");
    // Rivera himself is still Rivera, answered in his own chat.
    const before = connector.textsTo("a:personal-rivera").length;
    expect((await post(server, activity(RIVERA, { text: "help" }))).status).toBe(200);
    await connector.waitFor(() => connector.textsTo("a:personal-rivera").length > before);
    expect(connector.calls.some((c) => c.conversationId === "a:attacker")).toBe(false);
  });

  it("refuses service URLs off loopback before the engine, calling none of them", async () => {
    await expectRefused(server, env, [
      activity(MALLORY, { serviceUrl: elsewhere.url }),
      activity(MALLORY, { serviceUrl: "http://169.254.169.254/latest/" }),
      activity(MALLORY, { serviceUrl: "https://smba.trafficmanager.net/emea/" }),
      activity(MALLORY, { serviceUrl: `http://user@${connector.url.slice(7)}` }),
      activity(MALLORY, { serviceUrl: "file:///etc/passwd" }),
      activity(MALLORY, { serviceUrl: undefined }),
      activity(RIVERA, { serviceUrl: elsewhere.url }),
    ]);
  });

  it("ignores a sender whose id is no string, storing nothing", async () => {
    const before = rows(env);
    for (const from of [{ id: { $ne: "" } }, { id: ["29:rivera"] }, { id: 42, aadObjectId: null }]) {
      expect(await post(server, activity(RIVERA, { from }))).toEqual({ status: 200, text: "" });
    }
    expect(rows(env)).toEqual(before);
  });

  it("accepts the Bot Framework Emulator's channel without authentication", async () => {
    const emulator = activity(
      { id: "emulator-user", aadObjectId: "", name: "User" },
      { channelId: "emulator", conversation: { id: "emulator-conversation" }, text: "hello" },
    );
    expect((await post(server, emulator)).status).toBe(200);
    await connector.waitFor(() => connector.textsTo("emulator-conversation").length === 1);
    expect(connector.textsTo("emulator-conversation")[0]).toContain("start CODE");
  });

  it("logs each refusal with its reason and no content", () => {
    const log = server.log();
    for (const reason of ["channel", "service_url", "identity_origin"]) {
      expect(log).toMatch(new RegExp(`"reason":"${reason}".*"teams activity refused"`));
    }
    for (const secret of ["a:attacker", "aad-rivera", "aad-mallory", "169.254", "Mallory"]) {
      expect(log.includes(secret), secret).toBe(false);
    }
  });
});

describe("Teams with MicrosoftAppTenantId", () => {
  let server: Server;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = freshEnv({ TEAMS_NO_AUTH: "1", RAPPORT_DEMO: "1", MicrosoftAppTenantId: TENANT });
    server = await serve(env);
  });
  afterAll(() => server.child.kill("SIGKILL"));

  it("refuses activities from any other tenant, or from none", async () => {
    await expectRefused(server, env, [
      activity(MALLORY, { conversation: { id: "a:m", tenantId: OTHER_TENANT } }),
      activity(MALLORY, { conversation: { id: "a:m" }, channelData: { tenant: { id: OTHER_TENANT } } }),
      activity(MALLORY, { conversation: { id: "a:m" } }),
      activity(MALLORY, { channelId: "emulator", conversation: { id: "a:m" } }),
    ]);
    expect(server.log()).toMatch(/"reason":"tenant".*"teams activity refused"/);
  });

  it("accepts the tenant from channelData, in any case", async () => {
    const body = activity(MALLORY, {
      conversation: { id: "a:tenant-case" },
      channelData: { tenant: { id: TENANT.toUpperCase() } },
      text: "hello",
    });
    expect((await post(server, body)).status).toBe(200);
    await connector.waitFor(() => connector.textsTo("a:tenant-case").length === 1);
    expect(visibleText(connector.calls.at(-1)?.activity ?? {})).toContain("start CODE");
  });
});
