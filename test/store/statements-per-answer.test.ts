import { afterEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { StatementCount } from "../helpers/statement-count.js";

/**
 * How many SQLite statements the event of one tapped answer runs in its transaction (BEGIN to
 * COMMIT, the event alone in its batch), through the engine and the SQLite store: a count, not a
 * timing. The press is Telegram's (the answered question is edited, the press answered by the
 * platform), so a mid check-in answer queues two messages and the completing one three.
 * The bounds are what this code runs (bench/RESULTS.md, "Fewer statements per tapped answer").
 */
const MID_CHECKIN = 15;
const COMPLETING = 33;

let c: Conversation;
afterEach(() => c.close());

/** A tap on the first button of the question last sent to alex, and the statements it ran. */
async function tap(n: number): Promise<StatementCount> {
  const question = c.delivered.filter((d) => d.externalId === "alex" && d.message.choices).at(-1);
  const value = question?.message.choices?.[0]?.value;
  if (!question || value === undefined) throw new Error("no question with buttons was sent to alex");
  const event: InboundEvent = {
    ...c.event("alex", { kind: "choice", value, ref: question.message.ref, source: `message ${n}` }),
    acknowledgesPresses: true,
  };
  const count = StatementCount.start();
  try {
    expect((await c.engine.handle(event)).status).toBe("processed");
  } finally {
    count.stop();
  }
  await c.worker.drain();
  return count;
}

describe("statements per tapped answer (SQLite)", () => {
  it("an answer mid check-in and the one that completes it stay within their counts", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    // Nine questions (four about the session, four about the week, the safety question), then the comment.
    const counts: StatementCount[] = [];
    for (let n = 1; n <= 10; n++) counts.push(await tap(n));
    expect(c.lastTo("rivera").message.text).toMatch(/check-in 1/);
    const [first, , , , , , , , , last] = counts;
    expect(first?.total, first?.lines()).toBeLessThanOrEqual(MID_CHECKIN);
    expect(last?.total, last?.lines()).toBeLessThanOrEqual(COMPLETING);
  });
});
