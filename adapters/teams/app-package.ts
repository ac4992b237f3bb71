import { readFileSync } from "node:fs";
import { ConfigError } from "../../src/errors.js";
import { zip } from "./zip.js";

/**
 * `rapport teams-package`: the zip a Teams admin uploads. It holds manifest.json (from the
 * template beside this file, with the bot's app id filled in) and the two icons Teams requires.
 */
const FOLDER = new URL("../../../adapters/teams/app-package/", import.meta.url);

interface PackageOptions {
  appId: string;
  version: string;
  developer: string;
  website: string;
  privacy: string;
  terms: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamsPackage(options: PackageOptions): Buffer {
  if (!GUID.test(options.appId)) {
    throw new ConfigError(
      "--app-id must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000",
      "--app-id",
    );
  }
  for (const [flag, url] of [
    ["--website", options.website],
    ["--privacy", options.privacy],
    ["--terms", options.terms],
  ] as const) {
    if (!/^https:\/\/\S+$/.test(url))
      throw new ConfigError(`${flag} must be an https:// URL (Teams requires it)`, flag);
  }
  const values: Record<string, string> = {
    APP_ID: options.appId.toLowerCase(),
    VERSION: options.version,
    DEVELOPER: options.developer,
    WEBSITE: options.website,
    PRIVACY: options.privacy,
    TERMS: options.terms,
  };
  const template = readFileSync(new URL("manifest.template.json", FOLDER), "utf8");
  // Filled in as JSON strings, so a developer name with quotes cannot break the manifest.
  const manifest = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) =>
    JSON.stringify(values[key] ?? "").slice(1, -1),
  );
  JSON.parse(manifest);
  return zip([
    { name: "manifest.json", data: Buffer.from(manifest, "utf8") },
    { name: "color.png", data: readFileSync(new URL("color.png", FOLDER)) },
    { name: "outline.png", data: readFileSync(new URL("outline.png", FOLDER)) },
  ]);
}
