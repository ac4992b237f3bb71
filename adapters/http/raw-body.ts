import type { IncomingMessage } from "node:http";

/** The largest webhook body rapport reads; platforms send far less. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body as bytes, stopping at the limit: webhook routes verify signatures over
 * the raw body, so no body parser runs before them. Read with the stream's own events rather
 * than `for await`, whose iterator costs a promise and more per chunk on every webhook.
 */
export function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.reject(new BodyError(413, "body too large"));
  // Already read to its end: nothing more will come (as `for await` found, with nothing).
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  // Gone before its body was read (the sender went away): no event will come to settle it.
  if (req.destroyed || req.errored)
    return Promise.reject(req.errored ?? new Error("request closed before its body ended"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        // As `for await` did when it stopped early: the rest of the body is not read.
        req.destroy();
        reject(new BodyError(413, "body too large"));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      // A webhook's body is usually one chunk: used as it is, not copied.
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // Closed before its end (the sender went away): never an answer to wait for.
    const onClose = () => {
      done();
      reject(new Error("request closed before its body ended"));
    };
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/** Parses a JSON body, requiring a JSON content type. */
export async function readJsonBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<{ raw: Buffer; json: unknown }> {
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, "expected application/json");
  const raw = await readRawBody(req, limit);
  try {
    return { raw, json: JSON.parse(raw.toString("utf8")) };
  } catch {
    throw new BodyError(400, "malformed JSON");
  }
}
