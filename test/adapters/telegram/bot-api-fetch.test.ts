import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { botApiFetch } from "../../../adapters/telegram/bot-api-fetch.js";

/** A Bot API stand-in on loopback that records what it got and answers as told. */
describe("botApiFetch: grammY's transport on node:http", () => {
  let server: Server;
  let url: string;
  let got: { method: string; type: string; body: string; connection: string; path?: string; auth?: string }[];
  let answer: (req: IncomingMessage) => { status: number; body: string } | "hang";

  beforeEach(async () => {
    got = [];
    answer = () => ({ status: 200, body: '{"ok":true,"result":{"message_id":1}}' });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        got.push({
          method: String(req.method),
          type: String(req.headers["content-type"]),
          body: Buffer.concat(chunks).toString("utf8"),
          connection: String(req.headers.connection),
          ...(req.url !== "/bot123/sendMessage" && { path: req.url }),
          ...(req.headers.authorization && { auth: req.headers.authorization }),
        });
        const a = answer(req);
        if (a === "hang") return;
        res.writeHead(a.status, { "content-type": "application/json" }).end(a.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot123/sendMessage`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts a JSON body and hands back the answer for .json(), on a kept-alive connection", async () => {
    const res = await botApiFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"chat_id":42,"text":"Hello"}',
    });
    expect(res.ok).toBe(true);
    expect(await res.json()).toEqual({ ok: true, result: { message_id: 1 } });
    expect(got).toEqual([
      {
        method: "POST",
        type: "application/json",
        body: '{"chat_id":42,"text":"Hello"}',
        connection: "keep-alive",
      },
    ]);
  });

  it("streams an upload body whole, and reads an error answer as the Bot API sent it", async () => {
    answer = () => ({ status: 429, body: '{"ok":false,"error_code":429,"parameters":{"retry_after":3}}' });
    const parts = [
      "--b\r\n",
      'Content-Disposition: form-data; name="document"\r\n\r\n',
      "x".repeat(100_000),
      "\r\n--b--\r\n",
    ];
    const res = await botApiFetch(url, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=b" },
      body: Readable.from(parts),
    });
    expect(res.status).toBe(429);
    expect(res.ok).toBe(false);
    expect(await res.json()).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
    expect(got[0]?.body).toBe(parts.join(""));
  });

  it("ends a request when grammY aborts it, and fails when nobody listens", async () => {
    answer = () => "hang";
    const listeners: (() => void)[] = [];
    const signal = { aborted: false, addEventListener: (_: "abort", l: () => void) => listeners.push(l) };
    const pending = botApiFetch(url, { method: "POST", body: "{}", signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const l of listeners) l();
    await expect(pending).rejects.toThrow("request aborted");
    const closed = `http://127.0.0.1:1/bot123/getMe`;
    await expect(botApiFetch(closed, { method: "POST", body: "{}" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("sends each call to its own URL's path, port and credentials, however often a URL comes back", async () => {
    const base = url.replace("/bot123/sendMessage", "");
    const other = createServer((req, res) => {
      got.push({ method: "other", type: "", body: "", connection: "", path: req.url });
      req.resume();
      res.end("{}");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const authed = base.replace("http://", "http://bot%20user:s%3Acret@");
    try {
      for (const target of [
        `${base}/bot123/editMessageText`,
        `${otherBase}/bot9/getMe`,
        `${base}/bot123/sendMessage?x=1`,
        `${authed}/bot123/getMe`,
        `${base}/bot123/editMessageText`,
        `${otherBase}/bot9/getMe`,
        `${authed}/bot123/getMe`,
      ])
        await (await botApiFetch(target, { method: "POST", body: "{}" })).text();
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
    const basic = `Basic ${Buffer.from("bot user:s:cret").toString("base64")}`;
    expect(got.map((g) => [g.method, g.path, g.auth])).toEqual([
      ["POST", "/bot123/editMessageText", undefined],
      ["other", "/bot9/getMe", undefined],
      ["POST", "/bot123/sendMessage?x=1", undefined],
      ["POST", "/bot123/getMe", basic],
      ["POST", "/bot123/editMessageText", undefined],
      ["other", "/bot9/getMe", undefined],
      ["POST", "/bot123/getMe", basic],
    ]);
  });
});
