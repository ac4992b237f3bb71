/**
 * The fields of a multipart/form-data body, as the fakes of the platforms read an upload: text
 * fields as strings, file parts as { name, content, bytes }: content read as UTF-8 text (a
 * JSON file), bytes as they came (a PNG).
 */
export function parseMultipart(raw: Buffer, type: string): Record<string, unknown> {
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1] ?? "";
  const body: Record<string, unknown> = {};
  // Each part: headers (the field's name, and a filename for a file), a blank line, the bytes.
  // Split as latin1, one character per byte, so that a file's bytes come through unchanged.
  for (const part of raw.toString("latin1").split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const value = part.slice(split + 4).replace(/\r\n$/, "");
    const name = /[^e]name="([^"]+)"/.exec(headers)?.[1];
    if (!name) continue;
    const filename = /filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
    const bytes = Buffer.from(value, "latin1");
    body[name] =
      filename === undefined
        ? bytes.toString("utf8")
        : { name: filename, content: bytes.toString("utf8"), bytes };
  }
  return body;
}
