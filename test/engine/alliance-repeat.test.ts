import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// CLINICAL.md, "What the therapist receives": the alliance warns again only when it fell a further
// drop threshold since its last warning; the words of a repeat fit the size of the fall, and a
// therapist on compact summaries is not sent the same paragraph at every check-in.
let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 60 * 60_000;

/** The therapist's summary of each check-in, the alliance answered as given, progress steady. */
async function run(alliances: number[][]): Promise<string[]> {
  const texts: string[] = [];
  for (const alliance of alliances) {
    await c.say("rivera", "checkin alex");
    const done = await c.answerAll("alex", [...alliance, 6, 6, 6, 6, "no"], "skip");
    texts.push(done.find((d) => d.externalId === "rivera")?.message.text ?? "");
    c.clock.advance(WEEK);
  }
  return texts;
}

const allianceWarning = (text: string) => text.split("\n").find((l) => l.startsWith("- Alliance")) ?? "";

/** An alliance sliding over five check-ins: 40, 36, 33, 30, 26. */
const SLIDE = [
  [10, 10, 10, 10],
  [9, 9, 9, 9],
  [9, 8, 8, 8],
  [8, 8, 7, 7],
  [7, 7, 6, 6],
];

describe("a repeated alliance warning", () => {
  it("after a one-point dip says it dipped further, without the firmest suggestion", async () => {
    c = new Conversation();
    await c.enrol();
    // 29, then 28: a further fall of the drop threshold (1), so warned again (CLINICAL.md).
    const [, second] = await run([
      [8, 7, 7, 7],
      [7, 7, 7, 7],
    ]);
    const line = allianceWarning(second ?? "");
    expect(line).toBe(
      "- Alliance 28, down 1 more since its warning at check-in 1 (29): still worth talking about; a small further dip is worth a question, not a change of course.",
    );
    expect(second).not.toContain("consultation");
  });

  it("grows firmer as the fall grows: a clear fall from the highest, then a fall since the first warning", async () => {
    c = new Conversation();
    await c.enrol();
    const texts = await run(SLIDE);
    const lines = texts.map(allianceWarning);
    expect(lines[0]).toBe("");
    expect(lines[1]).toContain("Alliance down 4, from 40 to 36");
    expect(lines[2]).toBe(
      // Warned at 36 for the drop alone: below 36 is a new fact, named after the firmer suggestion.
      "- Alliance 33, down 3 more since its warning at check-in 2 (36), 7 below its highest this episode (40): ask directly whether the sessions are helping and what should change. It is now below 36, the concern line.",
    );
    expect(lines[3]).toContain("Alliance 30, down 6 since its first warning at check-in 2 (36)");
    expect(lines[3]).toContain("consider consultation or another approach");
    expect(lines[2]).not.toContain("consultation");
  });

  it("in compact summaries is one short line when its suggestion has been given already", async () => {
    c = new Conversation({ summaries: "compact" });
    await c.enrol();
    const texts = await run(SLIDE);
    const lines = texts.map(allianceWarning);
    // The first warning and each firmer step are said in full, once.
    expect(lines[2]).toContain("ask directly whether the sessions are helping");
    expect(lines[3]).toContain("consider consultation or another approach");
    // The same step again: a short line with the numbers.
    expect(lines[4]).toBe(
      "- Alliance 26, down 4 more since its warning at check-in 4 (30); 14 below its highest (40).",
    );
    // No two check-ins in a row carry the same paragraph.
    for (let i = 1; i < lines.length; i++) expect(lines[i]?.length).toBeLessThan(300);
  });
});
