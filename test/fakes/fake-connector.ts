import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { waitFor } from "../support/wait.js";
import { answerFault, Faults } from "./faults.js";

/**
 * A fake Bot Framework Connector (the service behind activity.serviceUrl) on loopback: it
 * records the activities a bot sends and updates, and can be told to fail.
 */
export interface ConnectorCall {
  verb: "send" | "reply" | "update";
  conversationId: string;
  activityId?: string;
  activity: Record<string, unknown>;
  at: number;
  id?: string;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | undefined;
  private next = 1;
  /** Faults of activities sent (new ones and replies; updates never fail), under "send". */
  private readonly faults = new Faults();
  private readonly blocked = new Set<string>();
  url = "";

  /** Listens on 127.0.0.1, or another loopback address (127.0.0.2 stands for a host rapport must not call). */
  async start(host = "127.0.0.1"): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next activity sent answers with this status (and Retry-After, for 429). */
  failNext(status: number, retryAfter?: number): void {
    const headers: Record<string, string> =
      retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
    const code =
      status === 429 ? "Throttled" : status === 403 ? "BotNotInConversationRoster" : "ServiceError";
    this.faults.next("send", { status, body: { error: { code } }, headers });
  }

  /** The next activity sent gets no answer: its connection is dropped (ECONNRESET). */
  resetNext(): void {
    this.faults.next("send", "reset");
  }

  /** Activities sent wait until the returned function is called. */
  hold(): () => void {
    return this.faults.hold("send");
  }

  /** Everything sent to this conversation answers 403, as when the bot was removed. */
  block(conversationId: string): void {
    this.blocked.add(conversationId);
  }

  delivered(): ConnectorCall[] {
    return this.calls.filter((c) => c.id !== undefined && c.verb !== "update");
  }

  /** What a person sees of each delivered activity: its text, or its card's text blocks. */
  textsTo(conversationId: string): string[] {
    return this.delivered()
      .filter((c) => c.conversationId === conversationId)
      .map((c) => visibleText(c.activity));
  }

  waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    return waitFor(predicate, {
      timeoutMs,
      failure: () => {
        const recent = this.calls
          .slice(-6)
          .map((c) => `${c.verb}(${c.conversationId}): ${visibleText(c.activity).slice(0, 60)}`);
        return `fake Connector: condition not met in time; last calls:\n${recent.join("\n")}`;
      },
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? "");
    if (!match) return reply(res, 404, { error: { code: "NotFound" } });
    const conversationId = decodeURIComponent(match[1] ?? "");
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const verb = req.method === "PUT" ? "update" : activityId ? "reply" : "send";
    const call: ConnectorCall = {
      verb,
      conversationId,
      activityId,
      activity: JSON.parse(raw || "{}"),
      at: Date.now(),
    };
    this.calls.push(call);
    if (this.blocked.has(conversationId))
      return reply(res, 403, { error: { code: "BotNotInConversationRoster" } });
    if (verb !== "update") {
      await this.faults.held("send");
      const fault = this.faults.take("send");
      if (fault) return answerFault(res, fault);
    }
    call.id = verb === "update" ? activityId : `act-${this.next++}`;
    reply(res, 200, { id: call.id });
  }
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** The text of an activity as a person reads it: plain text, or every TextBlock of its card. */
export function visibleText(activity: Record<string, unknown>): string {
  const attachments = (activity.attachments ?? []) as {
    content?: { body?: { type: string; text?: string }[] };
  }[];
  const blocks = attachments.flatMap((a) => a.content?.body ?? []).filter((b) => b.type === "TextBlock");
  if (blocks.length > 0) return blocks.map((b) => b.text ?? "").join("\n");
  return String(activity.text ?? "");
}

/** The buttons of a card: title and the value its submit sends. */
export function cardButtons(activity: Record<string, unknown>): { title: string; data: unknown }[][] {
  const attachments = (activity.attachments ?? []) as {
    content?: { body?: { type: string; actions?: { title: string; data: unknown }[] }[] };
  }[];
  return attachments
    .flatMap((a) => a.content?.body ?? [])
    .filter((b) => b.type === "ActionSet")
    .map((b) => (b.actions ?? []).map((a) => ({ title: a.title, data: a.data })));
}
