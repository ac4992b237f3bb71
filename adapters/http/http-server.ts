import restify from "restify";
import type { Logger } from "../../src/log.js";
import type { DatabaseReachability } from "../../src/store/reachability.js";
import type { Store } from "../../src/store/types.js";
import type { ChannelStates } from "../channel-states.js";

/**
 * The shared HTTP server (restify 11.1: 12 needs Node 22). It serves GET and HEAD /healthz; each
 * platform adapter mounts its own route on it. No global body parser: Telegram, Slack and
 * Bot Framework verify signatures over the raw body, so each route reads its own.
 */
export interface HttpServer {
  readonly server: restify.Server;
  listen(port: number, host: string): Promise<{ port: number; host: string }>;
  close(): Promise<void>;
}

export function createHttpServer(
  store: Store,
  log: Logger,
  info: { demo: boolean; version: string; channels?: ChannelStates; database?: DatabaseReachability },
): HttpServer {
  const server = restify.createServer({ name: "rapport", handleUncaughtExceptions: false });
  const health = async (_req: restify.Request, res: restify.Response) => {
    const channels = info.channels?.snapshot() ?? {};
    try {
      await store.ping();
      info.database?.reached();
      // 503 until every configured channel has connected once: not ready to take traffic yet.
      // After that 200 (DESIGN.md's contract), "degraded" while a channel's sends fail or its
      // credentials are refused: restarting or unrouting this server would not help.
      const ready = info.channels?.ready() ?? true;
      const degraded = info.channels?.degraded() ?? false;
      res.json(ready ? 200 : 503, {
        status: !ready ? "starting" : degraded ? "degraded" : "ok",
        database: "ok",
        channels,
        demo: info.demo,
        version: info.version,
      });
    } catch (error) {
      // A monitor asks every few seconds: an outage is one line (reachability.ts), not one per ask.
      if (!info.database?.failed("health check", error))
        log.error({ err: error }, "health check: database unreachable");
      res.json(503, { status: "error", database: "unreachable", channels });
    }
  };
  server.get("/healthz", health);
  // Monitors ask with HEAD: answered as GET, status and headers, without the body (Node drops it).
  server.head("/healthz", health);
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.removeListener("error", reject);
          const address = server.address();
          resolve({ port: address.port, host: address.address });
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
