import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { waitFor } from "../support/wait.js";
import { answerFault, Faults } from "./faults.js";
import { parseMultipart } from "./multipart.js";

/**
 * A fake Slack Web API on loopback: answers the methods rapport calls, records every call,
 * and can be told to answer 429 with Retry-After or a platform error.
 */
export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  result?: Record<string, unknown>;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  private server: Server | undefined;
  private ts = 0;
  private readonly faults = new Faults();

  /** Socket Mode: the connections rapport opened, and the envelope ids it acknowledged. */
  private sockets: WebSocketServer | undefined;
  readonly acks: string[] = [];
  private port = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.sockets = new WebSocketServer({ server: this.server, path: "/socket" });
    this.sockets.on("connection", (socket: WebSocket) => {
      socket.on("message", (data) => {
        const { envelope_id } = JSON.parse(String(data)) as { envelope_id?: string };
        if (envelope_id) this.acks.push(envelope_id);
      });
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** How many Socket Mode connections are open. */
  get connected(): number {
    return this.sockets?.clients.size ?? 0;
  }

  /** Delivers an Events API body or an interactivity payload over Socket Mode, as Slack does. */
  pushEnvelope(
    envelopeId: string,
    type: "events_api" | "interactive" | "slash_commands",
    payload: unknown,
  ): void {
    for (const socket of this.sockets?.clients ?? []) {
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: false,
          retry_attempt: 0,
          retry_reason: "",
        }),
      );
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets?.clients ?? []) socket.terminate();
    this.sockets?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next call of `method` answers 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfter: number): void {
    this.faults.next(method, {
      status: 429,
      body: { ok: false, error: "ratelimited" },
      headers: { "retry-after": String(retryAfter) },
    });
  }

  /** The next call of `method` answers 200 with { ok: false, error }. */
  failNext(method: string, error: string): void {
    this.faults.next(method, { status: 200, body: { ok: false, error } });
  }

  /** The next call of `method` answers this HTTP status (a 5xx: Slack itself is in trouble). */
  failStatusNext(method: string, status: number): void {
    this.faults.next(method, { status, body: { ok: false, error: "fatal_error" } });
  }

  /** The next call of `method` gets no answer: its connection is dropped (ECONNRESET). */
  resetNext(method: string): void {
    this.faults.next(method, "reset");
  }

  /** Calls of `method` wait until the returned function is called. */
  hold(method: string): () => void {
    return this.faults.hold(method);
  }

  posted(): SlackCall[] {
    return this.calls.filter((c) => c.method === "chat.postMessage" && c.result);
  }

  /** Texts of the messages posted to a channel, as plain text (Slack's three escapes decoded). */
  textsTo(channel: string): string[] {
    return this.posted()
      .filter((c) => c.params.channel === channel)
      .map((c) => plainText(c.params));
  }

  waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    return waitFor(predicate, {
      timeoutMs,
      failure: () => {
        const recent = this.calls
          .slice(-6)
          .map((c) => `${c.method}(${String(c.params.channel ?? "")}): ${plainText(c.params).slice(0, 60)}`);
        return `fake Slack: condition not met in time; last calls:\n${recent.join("\n")}`;
      },
    });
  }

  /** Files uploaded through files.uploadV2: what was sent to the upload URL, by file id, as text... */
  readonly uploads = new Map<string, string>();
  /** ...and as bytes (a PNG). */
  readonly uploadBytes = new Map<string, Buffer>();
  private files = 0;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString("utf8");
    const upload = /^\/upload\/(F\d+)$/.exec(req.url ?? "");
    if (upload?.[1]) {
      // The bytes come as the body, or as the one file part of a multipart body.
      const type = String(req.headers["content-type"] ?? "");
      const parts = type.startsWith("multipart/form-data") ? Object.values(parseMultipart(bytes, type)) : [];
      const file = parts.find(
        (p): p is { content: string; bytes: Buffer } => typeof p === "object" && p !== null,
      );
      this.uploads.set(upload[1], file?.content ?? raw);
      this.uploadBytes.set(upload[1], file?.bytes ?? bytes);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`OK - ${raw.length}`);
      return;
    }
    const params = parseParams(raw, String(req.headers["content-type"] ?? ""));
    const call: SlackCall = { method, params, at: Date.now() };
    this.calls.push(call);
    await this.faults.held(method);
    const fault = this.faults.take(method);
    if (fault) return answerFault(res, fault);
    const result = this.result(method, params);
    call.result = result;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(result));
  }

  private result(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://test.slack.com/",
          team: "Test",
          user: "rapport",
          team_id: "T1",
          user_id: "UBOT",
          bot_id: "BBOT",
        };
      case "users.info":
        return { ok: true, user: { id: params.user, locale: "en-GB", tz: "Europe/Berlin" } };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(params.users).slice(1)}` } };
      case "files.getUploadURLExternal": {
        this.files += 1;
        const id = `F${this.files}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = JSON.parse(String(params.files ?? "[]")) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case "chat.postMessage":
      case "chat.update":
        this.ts += 1;
        return {
          ok: true,
          channel: params.channel,
          ts: params.ts ?? `1700000000.${String(this.ts).padStart(6, "0")}`,
        };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function parseParams(raw: string, type: string): Record<string, unknown> {
  if (type.includes("json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = key === "blocks" ? JSON.parse(value) : value;
  }
  return params;
}

/** The visible text of a posted message: its plain_text sections joined. */
export function plainText(params: Record<string, unknown>): string {
  const blocks = (params.blocks ?? []) as { type: string; text?: { text: string } }[];
  const sections = blocks.filter((b) => b.type === "section").map((b) => b.text?.text ?? "");
  return sections.length > 0 ? sections.join("") : String(params.text ?? "");
}

/** Buttons of a posted message: label and value. */
export function buttonsOf(params: Record<string, unknown>): { label: string; value: string }[] {
  const blocks = (params.blocks ?? []) as {
    type: string;
    elements?: { text: { text: string }; value: string }[];
  }[];
  return blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []).map((e) => ({ label: e.text.text, value: e.value })));
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body). */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}
