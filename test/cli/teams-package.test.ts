import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { freshEnv, runCli } from "../helpers/cli.js";

/** Reads a zip's entries by walking its local headers, checking each CRC with zlib's own crc32. */
function unzip(data: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (data.readUInt32LE(at) === 0x04034b50) {
    const method = data.readUInt16LE(at + 8);
    const crc = data.readUInt32LE(at + 14);
    const packedSize = data.readUInt32LE(at + 18);
    const nameLength = data.readUInt16LE(at + 26);
    const extraLength = data.readUInt16LE(at + 28);
    const name = data.toString("utf8", at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extraLength;
    const packed = data.subarray(start, start + packedSize);
    const content = method === 8 ? inflateRawSync(packed) : packed;
    expect(crc32(content), name).toBe(crc);
    files.set(name, content);
    at = start + packedSize;
  }
  return files;
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("rapport teams-package", () => {
  it("writes a zip with the manifest for the app id and the two icons Teams requires", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "rapport-teams-")), "package.zip");
    const appId = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";
    const result = await runCli(
      [
        "teams-package",
        "--app-id",
        appId,
        "--out",
        out,
        "--developer",
        'Riverside "Counselling"',
        "--website",
        "https://riverside.example",
      ],
      freshEnv(),
    );
    expect(result.code).toBe(0);
    const files = unzip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(String(files.get("manifest.json")));
    expect(manifest.id).toBe(appId.toLowerCase());
    expect(manifest.bots).toEqual([
      expect.objectContaining({ botId: appId.toLowerCase(), scopes: ["personal"] }),
    ]);
    expect(manifest.developer).toMatchObject({
      name: 'Riverside "Counselling"',
      websiteUrl: "https://riverside.example",
    });
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(pngSize(files.get("color.png") ?? Buffer.alloc(0))).toEqual([192, 192]);
    expect(pngSize(files.get("outline.png") ?? Buffer.alloc(0))).toEqual([32, 32]);
  });

  it("refuses an app id that is not a GUID and a website that is not https, naming the option", async () => {
    const bad = await runCli(["teams-package", "--app-id", "my-bot"], freshEnv());
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain("--app-id must be the bot's Microsoft App ID");
    const http = await runCli(
      [
        "teams-package",
        "--app-id",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "--website",
        "http://insecure.example",
      ],
      freshEnv(),
    );
    expect(http.code).toBe(78);
    expect(http.stderr).toContain("--website must be an https:// URL");
  });
});
