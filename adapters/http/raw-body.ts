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
 * the raw body, so no body parser runs before them.
 */
export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw new BodyError(413, "body too large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyError(413, "body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
