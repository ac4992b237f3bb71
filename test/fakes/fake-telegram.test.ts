import { Agent, type IncomingMessage, request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram.js";

/** One GET through `agent`, with the response's headers and whether it went on a reused socket. */
function get(agent: Agent, url: string): Promise<{ headers: IncomingMessage["headers"]; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.once("end", () => resolve({ headers: res.headers, reused: req.reusedSocket }));
    });
    req.once("error", reject);
    req.end();
  });
}

describe("the fake Bot API's connections", () => {
  const fake = new FakeTelegram();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  afterEach(async () => {
    agent.destroy();
    await fake.stop();
  });

  // grammY's clients keep sockets alive; a server that closes idle ones after a few seconds races
  // a client that reuses one at that moment, and the call fails with "socket hang up".
  it("keeps an idle connection open, with no timeout for a client's reuse to race", async () => {
    const url = `${await fake.start()}/bot1:T/getMe`;
    const first = await get(agent, url);
    expect(first.headers["keep-alive"]).toBeUndefined();
    expect(first.headers.connection).toBe("keep-alive");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await get(agent, url);
    expect(second.reused).toBe(true);
  });
});
