import { afterEach, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c?.close());

const WEEK = 7 * 24 * 3_600_000;

/** The progress part of each check-in's headline, for weekly check-ins with these four-item answers. */
async function headlines(weeks: readonly (readonly number[])[]): Promise<string[]> {
  c = new Conversation();
  await c.enrol();
  const out: string[] = [];
  for (const progress of weeks) {
    await c.say("rivera", "checkin alex");
    const done = await c.answerAll("alex", [9, 9, 9, 9, ...progress, 0]);
    const report = done.find((d) => d.externalId === "rivera" && /alex, check-in/.test(d.message.text));
    out.push(/Progress \d+\/40, [^·]*/.exec(report?.message.text ?? "")?.[0]?.trim() ?? "");
    c.clock.advance(WEEK);
  }
  return out;
}

it("a fall of two points a week reads 'falling' at every step once it adds up to a reliable fall, never 'steady'", async () => {
  const seen = await headlines([
    [5, 5, 5, 5],
    [5, 4, 4, 4],
    [4, 4, 3, 3],
    [3, 3, 3, 3],
    [3, 3, 2, 2],
  ]);
  expect(seen.slice(1)).toEqual([
    "Progress 17/40, falling, not on track",
    "Progress 14/40, falling, not on track",
    "Progress 12/40, falling, not on track",
    "Progress 10/40, falling, not on track",
  ]);
});

it("a point up and down within no reliable change stays 'steady', and a point back up after a fall is not 'rising'", async () => {
  const seen = await headlines([
    [6, 6, 6, 5],
    [6, 6, 6, 6],
    [6, 6, 6, 5],
    [4, 4, 4, 4],
    [4, 4, 4, 5],
  ]);
  expect(seen.map((h) => h.split(", ")[1])).toEqual([
    "first check-in",
    "steady",
    "steady",
    "falling",
    "steady",
  ]);
});
