import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startProxy } from "../../bench/soak-proxy.js";

/** The soak's load balancer: round robin over the instances, skipping one that refuses connections. */
describe("the soak's round-robin proxy", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  /** An instance that answers with its name and what it was sent. */
  const instance = async (name: string): Promise<{ port: number; server: Server }> => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            name,
            body: Buffer.concat(chunks).toString(),
            secret: req.headers["x-telegram-bot-api-secret-token"],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    return { port: (server.address() as AddressInfo).port, server };
  };
  /** A port nobody listens on: an instance killed and not yet restarted. */
  const refusing = async (): Promise<number> => {
    const gone = await instance("gone");
    await new Promise<void>((resolve) => gone.server.close(() => resolve()));
    return gone.port;
  };

  it("sends each request to the next instance, with its body and secret, and returns its answer", async () => {
    const [a, b] = [await instance("a"), await instance("b")];
    const proxy = await startProxy(() => [a.port, b.port]);
    closers.push(proxy.close);
    const post = async () => {
      const res = await fetch(`http://127.0.0.1:${proxy.port}/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3" },
        body: '{"update_id":1}',
      });
      return (await res.json()) as { name: string; body: string; secret: string };
    };
    const answers = [await post(), await post(), await post()];
    expect(answers.map((x) => x.name)).toEqual(["a", "b", "a"]);
    expect(answers[0]).toEqual({ name: "a", body: '{"update_id":1}', secret: "s3" });
  });

  it("skips an instance that refuses the connection, and answers 502 when none is left", async () => {
    const a = await instance("a");
    const gone = await refusing();
    const proxy = await startProxy(() => [gone, a.port]);
    closers.push(proxy.close);
    const names = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${proxy.port}/telegram`, { method: "POST", body: "{}" });
      names.push(((await res.json()) as { name: string }).name);
    }
    expect(names).toEqual(["a", "a", "a"]);
    const empty = await startProxy(() => [gone]);
    closers.push(empty.close);
    const res = await fetch(`http://127.0.0.1:${empty.port}/telegram`, { method: "POST", body: "{}" });
    await res.text();
    expect(res.status).toBe(502);
  });
});
