import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small round-robin load balancer in front of the soak's instances, as a clinic puts one in
 * front of several `rapport serve`: each request goes to the next instance; one that refuses the
 * connection (killed, not yet restarted) is skipped for the next. An instance that dies with the
 * request in hand gives 502, and the soak's client sends the update again, as Telegram does after
 * an answer that is not 2xx.
 */
export interface SoakProxy {
  port: number;
  close(): Promise<void>;
}

/** `targets` lists the ports of the instances thought alive, asked at each request. */
export async function startProxy(targets: () => readonly number[]): Promise<SoakProxy> {
  let next = 0;
  const server = createServer((req, res) => {
    void forward(req, res);
  });
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const ports = targets();
    for (let tried = 0; tried < ports.length; tried++) {
      const port = ports[next++ % ports.length];
      if (port === undefined) continue;
      const answer = await pass(port, req, body);
      if (answer === "refused") continue;
      if (answer === "failed") break;
      res.writeHead(answer.status, { "content-type": answer.type });
      res.end(answer.body);
      return;
    }
    res.writeHead(502, { "content-type": "application/json" });
    res.end('{"error":"no instance answered"}');
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Answer = { status: number; type: string; body: Buffer } | "refused" | "failed";

/** One try at one instance: its answer, "refused" (try the next), or "failed" (it died meanwhile). */
function pass(port: number, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { "content-length": String(body.length) };
    for (const name of ["content-type", "x-telegram-bot-api-secret-token"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const out = request(
      { host: "127.0.0.1", port, method: req.method, path: req.url, headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", () => resolve("failed"));
        res.on("aborted", () => resolve("failed"));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 502,
            type: String(res.headers["content-type"] ?? "application/json"),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    out.on("timeout", () => out.destroy(new Error("timeout")));
    out.on("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "ECONNREFUSED" ? "refused" : "failed"),
    );
    out.end(body);
  });
}
