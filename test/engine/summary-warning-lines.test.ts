import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// CLINICAL.md, "What the therapist receives": per check-in one summary, whose "Warnings:" are the
// new ones, the most serious first; a warning still in force is one quiet line, and the end of one
// is said. The therapist reads numbers of check-ins (as in the titles) apart from counts.
let c: Conversation;
afterEach(() => c.close());

const DAY = 24 * 3_600_000;

/** One check-in (alliance items, then progress items, then the safety question): the summary's lines. */
async function checkin(alliance: number[], progress: number[]): Promise<string[]> {
  await c.say("rivera", "checkin alex");
  const done = await c.answerAll("alex", [...alliance, ...progress, "no"]);
  const text = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
  await c.tick(DAY);
  return text.split("\n");
}

/** The lines from "Warnings:" (or the headline) to the blank line before the details. */
function warningPart(lines: readonly string[]): string[] {
  return lines.slice(2, lines.indexOf(""));
}

describe("a check-in's warnings", () => {
  it("list deterioration, then not on track, then the alliance", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([10, 9, 9, 9], [5, 5, 4, 4]);
    const second = warningPart(await checkin([9, 9, 9, 9], [4, 3, 3, 3]));
    expect(second.map((l) => l.slice(0, 22))).toEqual([
      "Warnings:",
      "- Deteriorating (rule ",
      "- Not on track (defaul",
      "- Alliance down 1, fro",
    ]);
  });

  it("keep one still in force out of 'Warnings:', on one quiet line, and say when one stops", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([10, 9, 9, 9], [5, 5, 4, 4]);
    await checkin([9, 9, 9, 9], [4, 3, 3, 3]);
    // The alliance is back up: the drop ends; deterioration and not on track go on.
    expect(warningPart(await checkin([10, 9, 9, 9], [3, 3, 3, 4]))).toEqual([
      "Still in force: deteriorating, not on track since check-in 2.",
      "Alliance drop no longer applies (37; it was 36 at check-in 2).",
    ]);
    // A new dip is a new warning; the others stay on their quiet line.
    expect(warningPart(await checkin([9, 9, 9, 9], [3, 3, 3, 3]))).toEqual([
      "Warnings:",
      "- Alliance down 1, from 37 to 36 (the rule is a fall of 1 or more): worth asking what was different this time.",
      "Still in force: deteriorating, not on track since check-in 2.",
    ]);
  });

  it("say an alliance concern in force once a week quietly, and its end with the numbers", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([8, 8, 9, 8], [5, 5, 5, 5]);
    const second = await checkin([8, 8, 9, 8], [5, 5, 5, 6]);
    expect(warningPart(second)).toEqual(["Still in force: alliance concern since check-in 1."]);
    expect(second.join("\n")).not.toContain("Warnings:");
    await checkin([8, 8, 9, 8], [6, 5, 5, 6]);
    const fourth = await checkin([10, 9, 9, 9], [6, 6, 5, 6]);
    expect(fourth).toContain("Alliance concern no longer applies (37; it was 33 at check-in 3).");
  });
});

describe("an alliance warning that began as a drop and went below 36 later", () => {
  it("is dated on the quiet line as summary ALIAS dates it, not as a concern since the drop", async () => {
    c = new Conversation();
    await c.enrol();
    // feed-13: alliance 39, 38 (a drop), 36, 34 (below 36 from here), 23, then 30 (held).
    const alliance = [
      [10, 10, 10, 9],
      [10, 9, 10, 9],
      [9, 9, 9, 9],
      [9, 8, 8, 9],
      [6, 5, 7, 5],
    ];
    for (const items of alliance) await checkin(items, [6, 5, 5, 5]);
    const sixth = warningPart(await checkin([8, 7, 7, 8], [6, 5, 5, 5]));
    expect(sixth).toEqual([
      "Still in force: no change yet since check-in 4; alliance warning since check-in 2, below 36 since check-in 4.",
    ]);
  });
});

describe("the progress category line of a client who fell back", () => {
  const progressLine = (lines: readonly string[]) => lines.find((l) => /^Progress \d+\/40: /.test(l)) ?? "";

  it("says what is true now and that they had recovered (CLINICAL.md: now and before)", async () => {
    c = new Conversation();
    await c.enrol();
    for (const items of [
      [4, 4, 3, 3],
      [5, 5, 5, 5],
      [7, 7, 6, 6],
    ])
      await checkin([10, 9, 9, 9], items);
    const fourth = await checkin([10, 9, 9, 9], [6, 6, 5, 5]);
    expect(progressLine(fourth)).toBe(
      "Progress 22/40: -4 since the last check-in, +8 since the first (14); improved (a reliable improvement); no longer recovered (recovered at check-in 3).",
    );
  });

  it("says that they had reliably improved, beside no reliable change now", async () => {
    c = new Conversation();
    await c.enrol();
    for (const items of [
      [4, 4, 3, 3],
      [5, 5, 5, 5],
      [5, 5, 5, 6],
    ])
      await checkin([10, 9, 9, 9], items);
    const fourth = await checkin([10, 9, 9, 9], [5, 5, 5, 5]);
    expect(progressLine(fourth)).toBe(
      "Progress 20/40: -1 since the last check-in, +6 since the first (14); improved (a reliable improvement).",
    );
    const fifth = await checkin([10, 9, 9, 9], [5, 5, 4, 4]);
    expect(progressLine(fifth)).toBe(
      "Progress 18/40: -2 since the last check-in, +4 since the first (14); no reliable change; no longer reliably improved (improved at check-in 4).",
    );
  });
});

describe("a check-in after one left unanswered", () => {
  /** Check-in 1 answered, check-in 2 left to close, check-in 3 answered at progress 25: its summary. */
  async function third(): Promise<string> {
    c = new Conversation();
    await c.enrol();
    await checkin([10, 10, 9, 9], [5, 5, 5, 5]);
    await c.say("rivera", "checkin alex");
    await c.tick(3 * DAY);
    const text = (await checkin([10, 10, 9, 9], [7, 6, 6, 6])).join("\n");
    expect(text).toMatch(/^alex, check-in 3 · .* \(1 unanswered before it\)\n/);
    return text;
  }

  it("calls a progress of exactly the cutoff out of the clinical range, as the rule says", async () => {
    const text = await third();
    expect(text).toContain("recovered (a reliable improvement, now out of the clinical range)");
    expect(text).not.toContain("now above the clinical cutoff");
  });

  it("says its count of progress check-ins as answered ones, apart from the title's number", async () => {
    expect(await third()).toContain("Trajectory after 2 answered progress check-ins: on track.");
  });
});
