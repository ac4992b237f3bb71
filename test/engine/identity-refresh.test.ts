import { describe, expect, it } from "vitest";
import { identityStale, LAST_SEEN_GRANULARITY_MS } from "../../src/engine/identity-refresh.js";
import type { Identity } from "../../src/store/types.js";

const seen = "2026-12-01T10:00:00.000Z";
const stored: Identity = {
  channel: "telegram",
  externalId: "42",
  personId: 7,
  address: { chatId: 42 },
  locale: "en",
  timeZone: null,
  unreachableAt: null,
  lastSeenAt: seen,
};
const later = (ms: number) => new Date(Date.parse(seen) + ms).toISOString();

describe("identityStale: whether a message must write the sender's identity again", () => {
  it("skips the write for the same address, language and zone seen a moment ago", () => {
    expect(identityStale(stored, { ...stored }, later(30_000))).toBe(false);
  });

  it.each([
    ["a new address", { address: { chatId: 43 } }],
    ["another language", { locale: "de" }],
    ["a time zone", { timeZone: "Europe/Berlin" }],
  ])("writes for %s", (_what, change) => {
    expect(identityStale(stored, { ...stored, ...change }, later(30_000))).toBe(true);
  });

  it("writes when the identity was unreachable: writing again makes it reachable", () => {
    expect(identityStale({ ...stored, unreachableAt: seen }, { ...stored }, later(1_000))).toBe(true);
  });

  it("writes once the last write is as old as the granularity, or unknown", () => {
    expect(identityStale(stored, { ...stored }, later(LAST_SEEN_GRANULARITY_MS - 1))).toBe(false);
    expect(identityStale(stored, { ...stored }, later(LAST_SEEN_GRANULARITY_MS))).toBe(true);
    expect(identityStale({ ...stored, lastSeenAt: null }, { ...stored }, later(1_000))).toBe(true);
  });
});
