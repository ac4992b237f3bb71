import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/delivery/channel-sender.js";
import { decideRetry } from "../../src/delivery/retry-policy.js";
import { WORKER_DEFAULTS } from "../../src/delivery/worker-options.js";

const OPTIONS = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 600_000, urgentMaxDelayMs: 60_000 };
const ordinary = (attempts: number) => ({ attempts, urgent: false });
const highest = () => 0.999_999;

describe("the retry policy", () => {
  it("retries a 5xx with growing, capped backoff and counts the attempt", () => {
    const first = decideRetry(ordinary(0), new DeliveryError("HTTP 500", "retry"), OPTIONS, highest);
    expect(first).toMatchObject({ kind: "retry", attempt: 1, counts: true });
    const later = decideRetry(ordinary(2), new DeliveryError("HTTP 500", "retry"), OPTIONS, highest);
    expect(later.kind === "retry" && later.waitMs).toBe(15_999);
    const capped = decideRetry(ordinary(6), new DeliveryError("HTTP 500", "retry"), OPTIONS, highest);
    expect(capped.kind === "retry" && capped.waitMs).toBe(599_999);
  });

  it("does not count a failed early try, nor gives a message up for it", () => {
    const error = new DeliveryError("HTTP 502", "retry");
    const early = decideRetry({ attempts: 7, urgent: false, early: true }, error, OPTIONS, highest);
    expect(early).toMatchObject({ kind: "retry", attempt: 7, counts: false });
    expect(decideRetry(ordinary(7), error, OPTIONS)).toMatchObject({ kind: "give up", attempt: 8 });
  });

  it("keeps a message, urgent or not, while the platform refuses the bot's credentials, not counting it", () => {
    const refused = new DeliveryError("Telegram 401", "refused");
    expect(decideRetry(ordinary(7), refused, OPTIONS)).toMatchObject({ kind: "refused", attempt: 7 });
    expect(decideRetry({ attempts: 0, urgent: true }, refused, OPTIONS)).toMatchObject({ kind: "refused" });
  });

  it("with the defaults, spends over four hours on an ordinary message before giving it up", () => {
    const options = { ...WORKER_DEFAULTS, urgentMaxDelayMs: 60_000 };
    const lowest = () => 0;
    let spent = 0;
    for (let attempts = 0; ; attempts++) {
      const decision = decideRetry(
        ordinary(attempts),
        new DeliveryError("HTTP 502", "retry"),
        options,
        lowest,
      );
      if (decision.kind !== "retry") break;
      spent += decision.waitMs;
    }
    expect(spent / 3_600_000).toBeGreaterThan(4.5);
    expect(spent / 3_600_000).toBeLessThan(6.5);
  });

  it("waits a 429's Retry-After without counting it as an attempt", () => {
    const decision = decideRetry(ordinary(7), new DeliveryError("HTTP 429", "retry", 2_000), OPTIONS);
    expect(decision).toMatchObject({ kind: "retry", waitMs: 2_000, attempt: 7, counts: false });
  });

  it("gives an ordinary message up after its last attempt, and an unknown error counts as one", () => {
    expect(decideRetry(ordinary(7), new Error("socket hang up"), OPTIONS)).toMatchObject({
      kind: "give up",
      outcome: "failed",
      attempt: 8,
      reason: "Error: socket hang up",
    });
  });

  it("never gives an urgent message up while the recipient is reachable, waiting at most a minute", () => {
    const decision = decideRetry(
      { attempts: 40, urgent: true },
      new DeliveryError("HTTP 502", "retry"),
      OPTIONS,
      highest,
    );
    expect(decision).toMatchObject({ kind: "retry", attempt: 41, waitMs: 59_999 });
  });

  it("gives up at once on an unreachable recipient or a permanent error, urgent or not", () => {
    const blocked = new DeliveryError("HTTP 403", "unreachable");
    expect(decideRetry({ attempts: 0, urgent: true }, blocked, OPTIONS)).toMatchObject({
      kind: "give up",
      outcome: "unreachable",
    });
    expect(decideRetry(ordinary(0), new DeliveryError("HTTP 400", "permanent"), OPTIONS)).toMatchObject({
      kind: "give up",
      outcome: "permanent",
    });
  });
});
