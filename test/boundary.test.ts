import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FORBIDDEN = [
  /^grammy(\/|$)/,
  /^@grammyjs\//,
  /^@slack\//,
  /^botbuilder/,
  /^botframework-/,
  /^restify(\/|$)/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module specifier in a file: static imports, re-exports and dynamic import(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+["']([^"']+)["']/g,
    /\bimport\s+["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1] ?? "");
  return found;
}

/** What a file under src/ may not import: a platform SDK, restify, or anything in adapters/. */
function violations(file: string): string[] {
  return specifiers(readFileSync(file, "utf8")).filter((spec) => {
    if (FORBIDDEN.some((p) => p.test(spec))) return true;
    if (!spec.startsWith(".")) return false;
    return relative(ROOT, resolve(dirname(file), spec)).startsWith("adapters");
  });
}

describe("the core's boundary", () => {
  it("finds the kinds of import it forbids", () => {
    const sample = `import { Bot } from "grammy";\nexport * from "@slack/bolt";\nconst r = await import("restify");\nimport "botbuilder";`;
    expect(specifiers(sample).filter((s) => FORBIDDEN.some((p) => p.test(s)))).toEqual([
      "grammy",
      "@slack/bolt",
      "botbuilder",
      "restify",
    ]);
  });

  it("src/ imports no platform SDK, no restify and nothing from adapters/", () => {
    const files = sourceFiles(join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(10);
    const bad = files.flatMap((f) => violations(f).map((spec) => `${relative(ROOT, f)} imports ${spec}`));
    expect(bad).toEqual([]);
  });
});
