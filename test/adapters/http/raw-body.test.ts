import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BodyError, readJsonBody, readRawBody } from "../../../adapters/http/raw-body.js";

/** What a route got from readRawBody / readJsonBody for a body sent in `parts`, chunked. */
async function received(
  read: (req: Parameters<typeof readRawBody>[0]) => Promise<unknown>,
  parts: string[],
  headers: Record<string, string> = {},
): Promise<{ value?: unknown; error?: unknown }> {
  let outcome: Promise<{ value?: unknown; error?: unknown }> | undefined;
  server = createServer((req, res) => {
    outcome = read(req).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    void outcome.then(() => res.end("{}"));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => {
    const req = request({ port, host: "127.0.0.1", method: "POST", path: "/", headers });
    req.on("response", (res) => res.resume().on("end", resolve));
    req.on("error", () => resolve());
    const write = (i: number): void => {
      if (i === parts.length) {
        req.end();
        return;
      }
      req.write(parts[i], () => setTimeout(() => write(i + 1), 5));
    };
    write(0);
  });
  return (await outcome) ?? {};
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("readRawBody", () => {
  it("reads a body sent in several chunks whole, in order", async () => {
    const got = await received((req) => readRawBody(req), ["ab", "cd", "é"]);
    expect((got.value as Buffer).toString("utf8")).toBe("abcdé");
  });

  it("stops at the limit when no length was declared", async () => {
    const got = await received((req) => readRawBody(req, 5), ["abc", "def"]);
    expect(got.error).toBeInstanceOf(BodyError);
    expect((got.error as BodyError).status).toBe(413);
  });

  it("parses a JSON body sent in one chunk, and refuses malformed JSON", async () => {
    const json = { "content-type": "application/json" };
    expect((await received((req) => readJsonBody(req), ['{"update_id":7}'], json)).value).toMatchObject({
      json: { update_id: 7 },
    });
    const bad = await received((req) => readJsonBody(req), ['{"update_id":'], json);
    expect((bad.error as BodyError).status).toBe(400);
  });
});
