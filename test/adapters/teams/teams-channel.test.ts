import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChannelStates } from "../../../adapters/channel-states.js";
import { createHttpServer, type HttpServer } from "../../../adapters/http/http-server.js";
import { createTeamsChannel } from "../../../adapters/teams/teams-channel.js";
import { ManualClock } from "../../../src/clock.js";
import { loadSettings } from "../../../src/config/settings.js";
import { Engine } from "../../../src/engine/engine.js";
import { SqliteStore } from "../../../src/store/sqlite/store.js";
import { testDeps } from "../../helpers/conversation.js";

/**
 * The Teams route in this process, on real HTTP on loopback, so that console.error can be watched:
 * botbuilder's process() printed every failure there with its stack and answered with the error's
 * text. A failed turn and a failed authentication must reach only the JSON log, with no request
 * content, and answer with a bare status.
 */
const SECRET_WORDS = "my very private words 4711";

let http: HttpServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await http?.close();
  http = undefined;
});

async function start(env: Record<string, string>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = pino({ level: "debug" }, sink);
  const dir = mkdtempSync(join(tmpdir(), "rapport-teams-channel-"));
  const settings = loadSettings({ RAPPORT_DEMO: "1", ...env });
  const clock = new ManualClock(new Date("2026-11-26T10:00:00Z"));
  const store = SqliteStore.open(join(dir, "rapport.db"), clock.now());
  const engine = new Engine(store, testDeps(clock));
  const teams = createTeamsChannel(
    settings.teams ?? { appId: "", appType: "MultiTenant", noAuth: true },
    log,
  );
  http = createHttpServer(store, log, { demo: true, version: "test" });
  teams.start(engine, http.server, new ChannelStates());
  const { port } = await http.listen(0, "127.0.0.1");
  return { store, lines, url: `http://127.0.0.1:${port}/api/messages` };
}

const activity = {
  type: "message",
  id: "in-1",
  channelId: "msteams",
  serviceUrl: "http://127.0.0.1:9/",
  from: { id: "29:alex", aadObjectId: "aad-alex", name: "Alex" },
  recipient: { id: "28:rapport-bot", name: "rapport" },
  conversation: { id: "a:personal-alex", conversationType: "personal", tenantId: "tenant-1" },
  text: SECRET_WORDS,
};

function watchConsole() {
  return ["error", "warn", "log", "info", "debug"].map((m) =>
    vi.spyOn(console, m as "error").mockImplementation(() => {}),
  );
}

async function post(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

describe("Teams route errors", () => {
  it("answers a failed turn 500 with an empty body, logging JSON without the message", async () => {
    const { store, lines, url } = await start({ TEAMS_NO_AUTH: "1" });
    // The database going away mid-flight: the engine throws inside the turn.
    store.close();
    const spies = watchConsole();
    const { status, body } = await post(url);
    expect(status).toBe(500);
    expect(body).toBe("");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; error?: string });
    const failure = entries.find((e) => e.msg === "teams turn failed");
    expect(failure?.error).toBe("TypeError");
    expect(lines.join("\n")).not.toContain(SECRET_WORDS);
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["no authorization header", {}],
    ["a forged token", { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJtZSJ9." }],
    ["a header that is no token", { authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" }],
  ])("answers %s 401 with an empty body, and nothing on the console", async (_what, headers) => {
    const { lines, url } = await start({
      MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
      MicrosoftAppPassword: "not-a-real-secret",
    });
    const spies = watchConsole();
    const { status, body } = await post(url, headers);
    expect(status).toBe(401);
    expect(body).toBe("");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    const refused = lines.map((l) => JSON.parse(l) as { msg: string; status?: number });
    expect(refused.find((e) => e.msg === "teams request not authenticated")?.status).toBe(401);
    expect(lines.join("\n")).not.toContain(SECRET_WORDS);
  });
});
