import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { waitFor } from "../support/wait.js";
import { answerFault, Faults } from "./faults.js";
import { parseMultipart } from "./multipart.js";

/**
 * A fake Telegram Bot API on loopback: it answers the methods rapport calls, records every
 * call, serves queued updates to getUpdates (long polling), and can be told to fail.
 */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** When it arrived, on this process's high-resolution clock (performance.now()), for latency figures. */
  hr: number;
  /** What the fake answered, for calls that succeeded. */
  result?: unknown;
  /** Set when the call came as the HTTP answer to a webhook rather than as a request. */
  viaWebhookAnswer?: true;
  /**
   * The path before /bot<token>/ when the caller was given an API root with one (`${url}/a`): so
   * that several callers of one fake (instances of a server, each with a root of its own) can be
   * told apart.
   */
  via?: string;
}

export const BOT_USERNAME = "rapport_test_bot";

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private nextMessageId = 100;
  private readonly faults = new Faults();
  private readonly blocked = new Set<number>();
  private readonly updates: Record<string, unknown>[] = [];
  private pollWaiters: (() => void)[] = [];
  /** The getUpdates waiting for updates now, and whose it is (its `via`). */
  private poller: { via: string | undefined; conflict(): void } | undefined;
  /**
   * getUpdates ended with 409 Conflict because another caller (another `via`) polled meanwhile,
   * as Telegram ends the older of two pollers of one bot.
   */
  conflicts = 0;
  /** Updates below this id were confirmed by a getUpdates offset (Telegram serves them no more). */
  private confirmedBelow = 0;
  /** Who waits for an answered call to a chat (load generators), by chat id. */
  private readonly answeredWaiters = new Map<number, Set<(call: RecordedCall, index: number) => void>>();
  /** The base URL to give rapport as TELEGRAM_API_ROOT, once started. */
  url = "";
  private rate: { perSecond: number; tokens: number; at: number } | undefined;

  /** Listens on `port` (a free one by default). */
  async start(wanted = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Idle connections stay open until stop(): at Node's default of 5 s, a client that reuses a
    // socket just as the server closes it fails that call with "socket hang up", as the bench's
    // floor bot did under load.
    this.server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => this.server?.listen(wanted, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollWaiters) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next call of `method` fails with this HTTP status and Bot API error body. */
  failNext(method: string, status: number, description: string, parameters?: Record<string, unknown>): void {
    this.faults.next(method, { status, body: { ok: false, error_code: status, description, parameters } });
  }

  /** The next call of `method` gets no answer: its connection is dropped (ECONNRESET). */
  resetNext(method: string): void {
    this.faults.next(method, "reset");
  }

  /** sendMessage above this rate answers 429 with retry_after, as Telegram does (a bucket of one second). */
  limitRate(perSecond: number): void {
    this.rate = { perSecond, tokens: perSecond, at: Date.now() };
  }

  /** Every sendMessage to this chat answers 403, as when the user blocked the bot. */
  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  /** Calls of `method` wait until the returned function is called. */
  hold(method: string): () => void {
    return this.faults.hold(method);
  }

  /** Queues an update for getUpdates (long polling). */
  queueUpdate(update: Record<string, unknown>): void {
    this.updates.push(update);
    for (const wake of this.pollWaiters.splice(0)) wake();
  }

  /**
   * The body of a webhook's HTTP answer. Telegram carries out a method named there as if it had
   * been called (a "webhook reply"), so it is recorded like any other call.
   */
  async webhookAnswer(raw: string): Promise<void> {
    if (!raw) return;
    const body = JSON.parse(raw) as Record<string, unknown>;
    if (typeof body.method !== "string") return;
    const { method, ...params } = body;
    const call: RecordedCall = {
      method,
      body: params,
      at: Date.now(),
      hr: performance.now(),
      viaWebhookAnswer: true,
    };
    const index = this.calls.push(call) - 1;
    call.result = await this.result(method, params);
    this.answered(call, index);
  }

  /**
   * The first answered call to `chatId` at or after index `from` that `match` accepts, waiting up
   * to `timeoutMs` for it; the load generators wait here instead of polling the record.
   */
  nextTo(
    chatId: number,
    from: number,
    match: (call: RecordedCall) => boolean,
    timeoutMs: number,
  ): Promise<{ call: RecordedCall; index: number } | undefined> {
    for (let k = from; k < this.calls.length; k++) {
      const c = this.calls[k];
      if (c && c.result !== undefined && Number(c.body.chat_id) === chatId && match(c))
        return Promise.resolve({ call: c, index: k });
    }
    return new Promise((resolve) => {
      const waiters = this.answeredWaiters.get(chatId) ?? new Set();
      this.answeredWaiters.set(chatId, waiters);
      const done = (found: { call: RecordedCall; index: number } | undefined) => {
        clearTimeout(timer);
        waiters.delete(waiter);
        if (waiters.size === 0) this.answeredWaiters.delete(chatId);
        resolve(found);
      };
      const waiter = (call: RecordedCall, index: number) => {
        if (index >= from && match(call)) done({ call, index });
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      waiters.add(waiter);
    });
  }

  private answered(call: RecordedCall, index: number): void {
    const waiters = this.answeredWaiters.get(Number(call.body.chat_id));
    if (waiters) for (const w of [...waiters]) w(call, index);
  }

  sent(method = "sendMessage"): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages sent to one chat, as the user would read them (HTML entities decoded). */
  textsTo(chatId: number): string[] {
    return this.sent()
      .filter((c) => Number(c.body.chat_id) === chatId)
      .map((c) => unescapeHtml(String(c.body.text)));
  }

  /** Waits until `predicate` holds for the recorded calls, or fails after `timeoutMs`. */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    return waitFor(() => predicate(this.calls), {
      timeoutMs,
      failure: () => {
        const recent = this.calls
          .slice(-6)
          .map(
            (c) =>
              `${c.method}(${String(c.body.chat_id ?? "")}): ${String(c.body.text ?? c.body.data ?? "").slice(0, 60)}`,
          );
        return `fake Telegram: condition not met in time; last calls:\n${recent.join("\n")}`;
      },
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^(?:\/([\w.-]+))?\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const method = match?.[3] ?? "";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = parseBody(Buffer.concat(chunks), req.headers["content-type"] ?? "");
    const call: RecordedCall = { method, body, at: Date.now(), hr: performance.now() };
    if (match?.[1]) call.via = match[1];
    const index = this.calls.push(call) - 1;
    await this.faults.held(method);
    const fault = this.faults.take(method);
    if (fault) return answerFault(res, fault);
    if (method === "sendMessage" && this.rate) {
      const now = Date.now();
      this.rate.tokens = Math.min(
        this.rate.perSecond,
        this.rate.tokens + ((now - this.rate.at) / 1000) * this.rate.perSecond,
      );
      this.rate.at = now;
      if (this.rate.tokens < 1) {
        return reply(res, 429, {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        });
      }
      this.rate.tokens -= 1;
    }
    if (method === "sendMessage" && this.blocked.has(Number(body.chat_id))) {
      return reply(res, 403, {
        ok: false,
        error_code: 403,
        description: "Forbidden: bot was blocked by the user",
      });
    }
    if (method === "getUpdates") return this.getUpdates(call, body, res, index);
    const result = await this.result(method, body);
    if (result === undefined)
      return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    call.result = result;
    reply(res, 200, { ok: true, result });
    this.answered(call, index);
  }

  private async result(method: string, body: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getMe":
        return { id: 999000, is_bot: true, first_name: "rapport", username: BOT_USERNAME };
      case "sendMessage":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id, type: "private" },
          text: body.text,
        };
      case "sendDocument":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: "private" },
          document: {
            file_id: `file-${this.nextMessageId}`,
            file_name: (body.document as { name?: string })?.name,
          },
          caption: body.caption,
        };
      case "sendPhoto":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: "private" },
          photo: [{ file_id: `photo-${this.nextMessageId}`, width: 800, height: 500 }],
          caption: body.caption,
        };
      case "editMessageText":
        return {
          message_id: body.message_id,
          date: 0,
          chat: { id: body.chat_id, type: "private" },
          text: body.text,
        };
      case "answerCallbackQuery":
      case "setWebhook":
      case "deleteWebhook":
        return true;
      case "getUpdates":
        return this.poll(Number(body.offset ?? 0), Number(body.timeout ?? 0));
      default:
        return undefined;
    }
  }

  /**
   * Long polling as Telegram does it for one bot: a getUpdates from another caller while one waits
   * ends the waiting one with 409 Conflict.
   */
  private async getUpdates(
    call: RecordedCall,
    body: Record<string, unknown>,
    res: ServerResponse,
    index: number,
  ): Promise<void> {
    if (this.poller && this.poller.via !== call.via) this.poller.conflict();
    let conflicted = false;
    let wake = () => {};
    const me = {
      via: call.via,
      conflict: () => {
        conflicted = true;
        wake();
      },
    };
    this.poller = me;
    // A caller that gave up (an aborted request) no longer polls.
    res.once("close", () => {
      if (this.poller === me) this.poller = undefined;
    });
    const updates = await this.poll(Number(body.offset ?? 0), Number(body.timeout ?? 0), (w) => {
      wake = w;
    });
    if (this.poller === me) this.poller = undefined;
    if (conflicted) {
      this.conflicts++;
      return reply(res, 409, {
        ok: false,
        error_code: 409,
        description:
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      });
    }
    call.result = updates;
    reply(res, 200, { ok: true, result: updates });
    this.answered(call, index);
  }

  private async poll(
    offset: number,
    timeoutSeconds: number,
    onWait: (wake: () => void) => void = () => {},
  ): Promise<unknown[]> {
    // As Telegram: a getUpdates with an offset confirms every update below it, for every caller.
    this.confirmedBelow = Math.max(this.confirmedBelow, offset);
    const pending = () => this.updates.filter((u) => Number(u.update_id) >= this.confirmedBelow);
    if (pending().length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(timeoutSeconds, 2) * 1000);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.pollWaiters.push(wake);
        onWait(wake);
      });
    }
    return pending();
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/<\/?b>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * A Bot API request body: JSON, or multipart/form-data when a file is uploaded (sendDocument
 * through grammY's InputFile), whose file parts are kept as { name, content }.
 */
function parseBody(raw: Buffer, type: string): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (!type.startsWith("multipart/form-data"))
    return JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  const body = parseMultipart(raw, type);
  // grammY sends the file as an attach:// reference in the field and the bytes in another part.
  for (const [key, value] of Object.entries(body)) {
    const ref = typeof value === "string" ? /^attach:\/\/(.+)$/.exec(value)?.[1] : undefined;
    if (ref && body[ref]) body[key] = body[ref];
  }
  return body;
}
