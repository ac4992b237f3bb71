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

/** Where a Bot API URL points, as node:http's options take it. */
interface Target {
  secure: boolean;
  hostname: string;
  port: string;
  path: string;
  /** "user:password" from the URL (a TELEGRAM_API_ROOT behind basic auth), as node:http takes it. */
  auth: string | undefined;
}

/**
 * The URLs already taken apart, by URL: grammY builds the same few (one per Bot API method) for
 * every call, and parsing one anew (a URL object, then node:http's options from it) was a good
 * part of what each send allocated. A bot calls fewer than a dozen methods; the cap only keeps
 * a caller with changing URLs from growing it.
 */
const targets = new Map<string, Target>();
const MAX_TARGETS = 64;

function targetOf(url: string | URL): Target {
  const known = typeof url === "string" ? targets.get(url) : undefined;
  if (known) return known;
  const parsed = typeof url === "string" ? new URL(url) : url;
  const target: Target = {
    secure: parsed.protocol === "https:",
    // node:http wants an IPv6 address without its brackets, as it takes it from a URL.
    hostname: parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname,
    port: parsed.port,
    path: `${parsed.pathname}${parsed.search}`,
    auth:
      parsed.username || parsed.password
        ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
        : undefined,
  };
  if (typeof url === "string" && targets.size < MAX_TARGETS) targets.set(url, target);
  return target;
}

export function botApiFetch(url: string | URL, init: CallInit = {}): Promise<BotApiAnswer> {
  return new Promise((resolve, reject) => {
    const { secure, hostname, port, path, auth } = targetOf(url);
    const req = (secure ? httpsRequest : httpRequest)({
      hostname,
      port: port || undefined,
      path,
      auth,
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
        // The Bot API's answer to a send is small: one chunk, read without a copy.
        const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8");
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
