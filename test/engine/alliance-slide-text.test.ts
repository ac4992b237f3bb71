import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// An alliance sliding a point a week, 39, 38, 37, 36, 35.5. The summary's
// headline, `clients` and `summary ALIAS` tell one story: the fall the warning in force is about
// (CLINICAL.md, "What the therapist receives"), never "steady" above an alliance warning.
let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 60 * 60_000;

const summaries = () =>
  c.delivered
    .filter((d) => d.externalId === "rivera" && /^alex, check-in \d+ · /.test(d.message.text))
    .map((d) => d.message.text);

async function checkin(alliance: number[]) {
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [...alliance, 5, 5, 5, 5, "no"], "skip");
  c.clock.advance(WEEK);
}

async function replyLine(command: string, start: string): Promise<string> {
  const replies = await c.say("rivera", command);
  const text = replies.find((d) => d.externalId === "rivera")?.message.text ?? "";
  return text.split("\n").find((l) => l.startsWith(start)) ?? "";
}

/** 39, 38, 37, 36, then 35.5: each step below the last, the last too small to be a drop. */
const SLIDE = [
  [10, 10, 9, 10],
  [10, 9, 9, 10],
  [9, 9, 9, 10],
  [9, 9, 9, 9],
  [9, 9, 8.5, 9],
];

describe("an alliance sliding slowly below 36", () => {
  async function slide(weeks: number) {
    c = new Conversation();
    await c.enrol();
    for (const a of SLIDE.slice(0, weeks)) await checkin(a);
  }

  it("at 36, warned at each step since check-in 2, is named by its fall from 39 in clients and summary ALIAS", async () => {
    await slide(4);
    // The fall the warning is about, not the last step alone ("down 1 (37 → 36)").
    expect(await replyLine("clients", "alex:")).toMatch(
      /^alex: .*alliance down 3 since check-in 1 \(39 → 36\), /,
    );
    expect(await replyLine("summary alex", "Warnings in force")).toContain(
      "alliance drop since check-in 2, down 3 since check-in 1 (39 → 36)",
    );
    expect(summaries()[3]?.split("\n")[1]).toContain("Alliance 36/40, down 3 since check-in 1 (39)");
  });

  it("at 35.5 has a headline that says the slide, not 'steady', above the warning", async () => {
    await slide(5);
    const last = summaries()[4] ?? "";
    expect(last).toContain("- Alliance 35.5, now below 36");
    const headline = last.split("\n")[1] ?? "";
    expect(headline).not.toMatch(/Alliance [^·]*steady/);
    expect(headline).toContain("Alliance 35.5/40, down 3.5 since check-in 1 (39)");
    expect(await replyLine("clients", "alex:")).toMatch(
      /^alex: .*alliance concern, down 3.5 since check-in 1 \(39 → 35.5\), /,
    );
  });

  it("at 35.5 dates no concern to check-in 2, where the alliance was 38", async () => {
    await slide(5);
    const warnings = await replyLine("summary alex", "Warnings in force");
    expect(warnings).not.toContain("alliance concern since check-in 2");
    // The run began as a drop above the line: a warning since its start, below the line since it crossed.
    expect(warnings).toContain(
      "alliance warning since check-in 2, down 3.5 since check-in 1 (39 → 35.5), below 36 since check-in 5",
    );
  });

  it("says below the line, not steady, while a concern holds at the same total", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([9, 9, 9, 8]); // 35: a concern from the first check-in
    await checkin([9, 9, 9, 8]); // 35 again: the concern still applies
    const headline = summaries()[1]?.split("\n")[1] ?? "";
    expect(headline).toContain("Alliance 35/40, below 36");
    expect(await replyLine("summary alex", "Warnings in force")).toContain(
      "alliance concern since check-in 1",
    );
  });
});
