import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * A client who drifts away leaves check-ins unanswered, and those are the ones a therapist most
 * needs counted: `summary ALIAS` says how many were sent of those answered, and `--all` lists
 * every check-in under the number its summary carried ("check-in 3" is row 3).
 */
let c: Conversation;
afterEach(() => c?.close());

const HOUR = 3_600_000;
const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);
const ANSWERS = ["8", "7", "8", "7", "5", "5", "6", "5", "no", "skip"];

async function answered(): Promise<string> {
  await c.say("rivera", "checkin alex");
  let last: Delivery[] = [];
  for (const a of ANSWERS) last = await c.say("alex", a);
  return toRivera(last).join("\n");
}

async function leftToExpire(): Promise<void> {
  await c.say("rivera", "checkin alex");
  await c.tick(49 * HOUR);
}

describe("check-ins left unanswered, in the summary before a session", () => {
  it("counts the ones that expired after the last answered check-in", async () => {
    c = new Conversation();
    await c.enrol();
    await answered();
    await leftToExpire();
    await leftToExpire();
    const [summary] = toRivera(await c.say("rivera", "summary alex"));
    expect(summary).toContain("check-ins: 1 of 3 answered");
  });

  it("--all numbers each row as its summary was, and lists the unanswered ones", async () => {
    c = new Conversation();
    await c.enrol();
    await answered();
    await leftToExpire();
    const third = await answered();
    expect(third).toContain("alex, check-in 3");
    const [all] = toRivera(await c.say("rivera", "summary alex --all"));
    const rows = (all ?? "").split("\n").filter((l) => /^\d+\. /.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^1\. .* alliance 30 {2}progress 21$/);
    expect(rows[1]).toMatch(/^2\. sent .*, not answered$/);
    expect(rows[2]).toMatch(/^3\. .* alliance 30 {2}progress 21$/);
    // A second episode counts from 1 again, under a line of its own.
    await c.say("rivera", "discharge alex");
    await answered();
    const [again] = toRivera(await c.say("rivera", "summary alex --all"));
    expect(again).toMatch(
      /Episode 1, since [^\n]*:\n1\. [^\n]*\n2\. sent[^\n]*\n3\. [^\n]*\nEpisode 2, since [^\n]*:\n1\. /,
    );
  });

  it("clients counts the check-ins left unanswered since the last answered one", async () => {
    c = new Conversation();
    await c.enrol();
    await leftToExpire();
    const row = async () =>
      toRivera(await c.say("rivera", "clients"))[0]
        ?.split("\n")
        .find((l) => l.startsWith("alex:"));
    expect(await row()).toBe("alex: active, last check-in never finished (1 sent)");
    await answered();
    await leftToExpire();
    await leftToExpire();
    expect(await row()).toMatch(/, last check-in 4 days ago; 2 not finished since$/);
    await c.say("rivera", "checkin alex");
    expect(await row()).toMatch(/; 2 not finished since; one open, sent today$/);
  });

  it("clients counts days by the calendar: sent late last night is 'yesterday' this morning", async () => {
    c = new Conversation();
    c.clock.set(new Date("2026-11-26T21:45:00Z"));
    await c.enrol();
    await c.say("rivera", "checkin alex");
    c.clock.advance(11 * HOUR);
    const [text] = toRivera(await c.say("rivera", "clients"));
    expect(text).toContain("alex: active, last check-in never; one open, sent yesterday");
  });
});
