import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, expect, it } from "vitest";
import { readRawBody } from "../../../adapters/http/raw-body.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A request whose sender went away mid-body, handed over once it has closed. */
async function closedRequest(): Promise<IncomingMessage> {
  return new Promise((resolve) => {
    const listening = createServer((req) => req.once("close", () => resolve(req)));
    server = listening;
    listening.listen(0, "127.0.0.1", () => {
      const port = (listening.address() as AddressInfo).port;
      const socket = connect(port, "127.0.0.1", () => {
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
        socket.once("data", () => undefined);
        setImmediate(() => socket.destroy());
      });
    });
  });
}

// A route that awaits anything before reading its body could otherwise wait forever on a sender gone.
it("settles (rejects) for a request that closed before its body was read", async () => {
  const req = await closedRequest();
  let state = "pending";
  readRawBody(req).then(
    () => {
      state = "resolved";
    },
    () => {
      state = "rejected";
    },
  );
  // No timer: a few turns of the event loop, in which `for await` rejected (premature close).
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  expect(state).toBe("rejected");
});
