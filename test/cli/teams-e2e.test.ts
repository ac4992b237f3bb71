import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ConnectorCall, cardButtons, FakeConnector, visibleText } from "../fakes/fake-connector.js";
import { addTherapist, freshEnv, runCli, serve } from "../helpers/cli.js";
import { sleep } from "../support/wait.js";

/**
 * `rapport serve` with TEAMS_NO_AUTH=1 on loopback: activities are posted to /api/messages with a
 * serviceUrl pointing at a fake Bot Connector, which records what the bot sends and updates.
 */
let connector: FakeConnector;
let serviceUrl: string;
let counter = 0;

const RIVERA = { id: "29:rivera", aadObjectId: "aad-rivera", name: "Rivera" };
const ALEX = { id: "29:alex", aadObjectId: "aad-alex", name: "Alex" };
const conversation = (user: { id: string }) => `a:personal-${user.id.slice(3)}`;

beforeAll(async () => {
  connector = new FakeConnector();
  serviceUrl = await connector.start();
});
afterAll(() => connector.stop());

function activity(user: typeof RIVERA, fields: Record<string, unknown>): Record<string, unknown> {
  counter++;
  return {
    id: `in-${counter}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: "en-US",
    from: user,
    recipient: { id: "28:rapport-bot", name: "rapport" },
    conversation: { id: conversation(user), conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    ...fields,
  };
}

const message = (user: typeof RIVERA, text: string) =>
  activity(user, { type: "message", text, textFormat: "plain" });

function submit(
  user: typeof RIVERA,
  card: ConnectorCall | undefined,
  title: string,
): Record<string, unknown> {
  const button = cardButtons(card?.activity ?? {})
    .flat()
    .find((b) => b.title === title);
  if (!card?.id || !button) throw new Error(`no button ${title}`);
  return activity(user, { type: "message", replyToId: card.id, value: button.data });
}

describe("Teams through rapport serve (TEAMS_NO_AUTH on loopback)", () => {
  let server: { child: ChildProcess; port: number; log: () => string };
  let env: Record<string, string>;

  beforeEach(async () => {
    connector.calls.length = 0;
    env = freshEnv({ TEAMS_NO_AUTH: "1", HOST: "127.0.0.1", RAPPORT_DEMO: "1" });
    server = await serve(env);
  });
  afterEach(() => {
    server.child.kill("SIGKILL");
  });

  async function post(body: Record<string, unknown>): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  async function say(body: Record<string, unknown>, count = 1): Promise<ConnectorCall[]> {
    const before = connector.delivered().length;
    expect(await post(body)).toBe(200);
    await connector.waitFor(() => connector.delivered().length >= before + count);
    return connector.delivered().slice(before);
  }

  const lastTo = (user: { id: string }) =>
    connector
      .delivered()
      .filter((c) => c.conversationId === conversation(user))
      .at(-1);

  it("logs that authentication is off", () => {
    expect(server.log()).toContain("Teams authentication is OFF");
  });

  it("greets on install and drives invite, consent, check-in and summary with Adaptive Cards", async () => {
    const [hello] = await say(activity(ALEX, { type: "installationUpdate", action: "add" }));
    expect(visibleText(hello?.activity ?? {})).toContain("start CODE");

    const link = await addTherapist(env, "Dr Rivera");
    await say(message(RIVERA, `link ${link}`));
    const [invite] = await say(message(RIVERA, "invite alex"));
    const code = /start (\S+)/.exec(visibleText(invite?.activity ?? {}))?.[1];
    const [consent] = await say(message(ALEX, `start ${code}`));
    expect(
      cardButtons(consent?.activity ?? {})
        .flat()
        .map((b) => b.title),
    ).toEqual(["Yes, I agree", "No, thanks"]);
    await say(submit(ALEX, consent, "Yes, I agree"), 2);
    await connector.waitFor(() => connector.calls.some((c) => c.verb === "update"));
    const update = connector.calls.find((c) => c.verb === "update");
    expect(update?.activityId).toBe(consent?.id);
    expect(visibleText(update?.activity ?? {})).toContain("Your answer: Yes, I agree");
    expect(cardButtons(update?.activity ?? {})).toEqual([]);

    // The check-in goes to alex proactively, through the stored conversation reference.
    await say(message(RIVERA, "checkin alex"), 3);
    const first = lastTo(ALEX);
    // Sent while alex said nothing: botbuilder's continueConversationAsync on the stored reference.
    expect(first?.conversationId).toBe(conversation(ALEX));
    expect(first?.activity.recipient).toMatchObject({ id: ALEX.id });
    expect(cardButtons(first?.activity ?? {}).map((row) => row.map((b) => b.title))).toEqual([
      ["0", "1", "2", "3", "4", "5"],
      ["6", "7", "8", "9", "10"],
    ]);
    for (const value of ["9", "8", "10", "9", "5", "6", "4", "5", "No"])
      await say(submit(ALEX, lastTo(ALEX), value));
    const comment = "Hard week <3 & *tired* of_it";
    await say(message(ALEX, comment), 2);
    const summary =
      connector.textsTo(conversation(RIVERA)).find((t) => t.startsWith("alex, check-in 1 ·")) ?? "";
    expect(summary).toContain("Alliance 36/40");
    expect(summary).toContain("Progress 20/40");
    expect(summary).toContain(`Comment: ${comment}`);
    expect(connector.calls.filter((c) => c.verb === "update")).toHaveLength(10);
  });

  it("processes a redelivered activity once", async () => {
    const body = message(ALEX, "hello");
    await say(body);
    expect(await post(body)).toBe(200);
    await sleep(400);
    expect(connector.delivered()).toHaveLength(1);
  });

  it("answers malformed requests with 400 and 415, and an unhandled invoke with 501", async () => {
    const url = `http://127.0.0.1:${server.port}/api/messages`;
    expect(
      (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{" }))
        .status,
    ).toBe(400);
    expect(
      (await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" })).status,
    ).toBe(415);
    expect(await post(activity(ALEX, { type: "invoke", name: "composeExtension/query", value: {} }))).toBe(
      501,
    );
  });

  it("honours a 429 with Retry-After and delivers once", async () => {
    connector.failNext(429, 1);
    expect(await post(message(ALEX, "hello"))).toBe(200);
    await connector.waitFor(() => connector.delivered().length === 1, 15_000);
    const attempts = connector.calls.filter((c) => c.conversationId === conversation(ALEX));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect((attempts.at(-1)?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    await sleep(300);
    expect(connector.delivered()).toHaveLength(1);
  });

  it("marks a person unreachable on 403 and tells the therapist once", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    await say(message(RIVERA, `link ${link}`));
    const [invite] = await say(message(RIVERA, "invite alex"));
    const code = /start (\S+)/.exec(visibleText(invite?.activity ?? {}))?.[1];
    const [consent] = await say(message(ALEX, `start ${code}`));
    await say(submit(ALEX, consent, "Yes, I agree"), 2);
    connector.block(conversation(ALEX));
    await say(message(RIVERA, "checkin alex"));
    await connector.waitFor(() =>
      connector.textsTo(conversation(RIVERA)).some((t) => t.includes("can no longer be reached on teams")),
    );
    // Asked again, the therapist hears that alex cannot be reached, and no second notice comes.
    const [again] = await say(message(RIVERA, "checkin alex"));
    expect(visibleText(again?.activity ?? {})).toContain("alex can't be reached at the moment");
    await sleep(300);
    const notices = connector
      .textsTo(conversation(RIVERA))
      .filter((t) => t.includes("can no longer be reached"));
    expect(notices).toHaveLength(1);
  });
});

describe("Teams configuration", () => {
  it("refuses TEAMS_NO_AUTH=1 on a non-loopback HOST, saying why", async () => {
    const result = await runCli(
      ["serve"],
      freshEnv({ TEAMS_NO_AUTH: "1", HOST: "0.0.0.0", RAPPORT_DEMO: "1", PORT: "0" }),
    );
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("TEAMS_NO_AUTH=1 turns off Bot Framework authentication");
    expect(result.stderr).toContain('HOST is "0.0.0.0"');
  });

  it.each(["MicrosoftAppId", "MicrosoftAppPassword"])(
    "refuses TEAMS_NO_AUTH=1 next to %s rather than ignore the credential",
    async (credential) => {
      const result = await runCli(
        ["serve"],
        freshEnv({ TEAMS_NO_AUTH: "1", [credential]: "set", RAPPORT_DEMO: "1", PORT: "0" }),
      );
      expect(result.code).toBe(78);
      expect(result.stderr).toContain("configuration error (TEAMS_NO_AUTH)");
      expect(result.stderr).toContain(`cannot be combined with ${credential}`);
    },
  );

  it("rejects a request without a valid token with 401 when credentials are set", async () => {
    connector.calls.length = 0;
    const env = freshEnv({
      MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
      MicrosoftAppPassword: "not-a-real-secret",
      MicrosoftAppType: "MultiTenant",
      RAPPORT_DEMO: "1",
    });
    const server = await serve(env);
    try {
      const body = JSON.stringify(message(ALEX, "hello"));
      const headers = { "content-type": "application/json" };
      const none = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
        method: "POST",
        headers,
        body,
      });
      expect(none.status).toBe(401);
      const forged = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
        method: "POST",
        headers: { ...headers, authorization: "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJtZSJ9." },
        body,
      });
      expect(forged.status).toBe(401);
      // No error text in the answers, and standard error stays one JSON object per line (botbuilder
      // printed the AuthenticationError's stack there with console.error).
      expect(await none.text()).toBe("");
      expect(await forged.text()).toBe("");
      expect(connector.calls.filter((c) => c.conversationId === conversation(ALEX))).toHaveLength(0);
      await sleep(200);
      const lines = server
        .log()
        .split("\n")
        .filter((l) => l.trim() !== "");
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(server.log()).toContain("teams request not authenticated");
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});
