import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import https from "node:https";
import { type AddressInfo, connect, type Socket } from "node:net";

/**
 * A fake Microsoft Entra login endpoint (login.microsoftonline.com) on loopback, for the token
 * botbuilder fetches (through @azure/msal-node) before it calls the Bot Connector.
 *
 * MSAL only talks https, to the host in its authority, with https.request and no agent of its
 * own: while installed, https.globalAgent is replaced by one whose connections go, unencrypted,
 * to this server. Everything above the socket is the real thing: MSAL's request, its parsing of
 * the answer and the error it throws, botbuilder's credentials and its CloudAdapter.
 */
export interface LoginRequest {
  method: string;
  host: string;
  path: string;
  form: URLSearchParams;
}

export interface LoginAnswer {
  status: number;
  body: Record<string, unknown>;
}

export class FakeLogin {
  readonly requests: LoginRequest[] = [];
  /** How every token request is answered. */
  answer: LoginAnswer = { status: 500, body: { error: "server_error" } };
  private server: Server | undefined;
  private port = 0;
  private saved: https.Agent | undefined;
  private unreachable = false;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.saved = https.globalAgent;
    const fake = this;
    https.globalAgent = new (class extends https.Agent {
      createConnection(): Socket {
        // Port 9 (discard) on loopback: nothing listens there, the connection is refused.
        return connect(fake.unreachable ? 9 : fake.port, "127.0.0.1");
      }
    })({ keepAlive: false });
  }

  async stop(): Promise<void> {
    if (this.saved) https.globalAgent = this.saved;
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Entra refuses the request with this OAuth error, as it does (error_codes, trace and correlation ids). */
  refuse(status: number, error: string, aadsts: number, description: string): void {
    this.answer = {
      status,
      body: {
        error,
        error_description: `AADSTS${aadsts}: ${description} Trace ID: 0d3f7a1c-5b2e-4c89-9f60-3a1e8d7b2c45 Correlation ID: 7e2a9c4f-1d6b-4f83-a05e-8c3b1f9d6e27 Timestamp: 2026-12-05 09:14:03Z`,
        error_codes: [aadsts],
        timestamp: "2026-12-05 09:14:03Z",
        trace_id: "0d3f7a1c-5b2e-4c89-9f60-3a1e8d7b2c45",
        correlation_id: "7e2a9c4f-1d6b-4f83-a05e-8c3b1f9d6e27",
        error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
      },
    };
  }

  /** Connections to the login endpoint are refused (ECONNREFUSED), as when it cannot be reached. */
  cutOff(): void {
    this.unreachable = true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const path = req.url ?? "";
    this.requests.push({
      method: req.method ?? "",
      host: req.headers.host ?? "",
      path,
      form: new URLSearchParams(raw),
    });
    const { status, body } = /\/oauth2\/v2\.0\/token(\?|$)/.test(path)
      ? this.answer
      : { status: 404, body: { error: "not_found" } };
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }
}
