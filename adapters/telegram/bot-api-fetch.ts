import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";

/**
 * The Bot API client's transport, given to grammY as its `fetch`: one request on node:http(s)
 * over a kept-alive connection, the answer read whole and handed back for `.json()`. grammY calls
 * nothing else on the answer. Its default (node-fetch) builds request, header and stream objects
 * around every call, which showed in the profile of a busy server as a large share of each send;
 * Node's own fetch cost more still.
 */
interface BotApiAnswer {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  /** A JSON string, or grammY's multipart stream for uploads. */
  body?: string | Readable;
  /** grammY's own AbortSignal (a polyfill): its abort ends the request. */
  signal?: { aborted: boolean; addEventListener(type: "abort", listener: () => void): void };
}

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export function botApiFetch(url: string | URL, init: CallInit = {}): Promise<BotApiAnswer> {
  return new Promise((resolve, reject) => {
    const target = typeof url === "string" ? new URL(url) : url;
    const secure = target.protocol === "https:";
    const req = (secure ? httpsRequest : httpRequest)(target, {
      method: init.method ?? "GET",
      headers: init.headers,
      agent: secure ? agents.https : agents.http,
    });
    const abort = () => req.destroy(new Error("request aborted"));
    if (init.signal?.aborted) abort();
    else init.signal?.addEventListener("abort", abort);
    req.on("error", reject);
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          json: async () => JSON.parse(text) as unknown,
          text: async () => text,
        });
      });
    });
    const body = init.body;
    if (body === undefined) req.end();
    else if (typeof body === "string") req.end(body);
    else {
      body.on("error", (error) => req.destroy(error));
      body.pipe(req);
    }
  });
}
