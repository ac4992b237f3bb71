import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmeBlock, transcript } from "../../scripts/readme-transcript.js";

/**
 * The README's console transcript is what rapport prints for its script (scripts/readme-transcript.ts),
 * with codes and dates as fixed examples. When they differ, run `npm run readme`.
 */
describe("the README's console transcript", () => {
  it("is what rapport prints today", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readmeBlock(readme)).toBe(await transcript());
  }, 120_000);
});
