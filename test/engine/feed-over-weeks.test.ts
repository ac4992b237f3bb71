import { afterEach, describe, expect, it } from "vitest";
import { sentence } from "../../src/engine/risk/alerts.js";
import { Conversation } from "../helpers/conversation.js";

// What the therapist's feed says as a client's weeks of check-ins go on (CLINICAL.md, "Not on track" and
// "What the therapist receives").
let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 60 * 60_000;

/** The one message per completed check-in. */
const summaries = () =>
  c.delivered
    .filter((d) => d.externalId === "rivera" && /^alex, check-in \d+ · /.test(d.message.text))
    .map((d) => d.message.text);

async function checkin(alliance: number[], progress: number[]) {
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [...alliance, ...progress, "no"], "skip");
  c.clock.advance(WEEK);
}

/** Four items that add up to `total` (0 to 40). */
function items(total: number): number[] {
  const base = Math.floor(total / 4);
  return [0, 1, 2, 3].map((i) => base + (i < total - base * 4 ? 1 : 0));
}

describe("a client deteriorating week after week", () => {
  it("still gets 'consider a change of plan' at the 8th progress check-in, folded into its summary", async () => {
    c = new Conversation();
    await c.enrol();
    for (const total of [22, 21, 20, 19, 17, 16, 15, 14]) await checkin([10, 10, 10, 10], items(total));
    const s = summaries();
    expect(s).toHaveLength(8);
    // Deterioration from the 5th (22 → 17), repeated only when clearly worse.
    expect(s[4]).toContain("- Deteriorating (rule method): progress 17");
    expect(s[7]).toMatch(/^Still in force: deteriorating[^\n]* since check-in 5[.;]/m);
    expect(s[7]).toContain(
      "- Consider a change of plan (rule method): progress 14 after 8 answered progress check-ins, -8 since the first (22): a reliable fall (5 points or more), and no reliable improvement by now.",
    );
    // "No change yet" would be untrue of a reliable fall, and is not said beside it.
    expect(s.slice(4).join("\n")).not.toContain("No change yet");
  });
});

describe("'no change yet' in force when a reliable fall comes and goes", () => {
  it("stays in force beside 'Deteriorating' and is not sent again as new when the fall ends", async () => {
    c = new Conversation();
    await c.enrol();
    // feed-12: 20, 19, 17, 16 (no change yet at the 4th), 16, 15 (deteriorating), 17 (not any more).
    for (const total of [20, 19, 17, 16, 16, 15, 17]) await checkin([9, 9, 10, 9], items(total));
    const s = summaries();
    expect(s[3]).toContain("- No change yet");
    expect(s[5]).toContain("- Deteriorating (rule method): progress 15");
    expect(s[5]).toMatch(/^Still in force: no change yet since check-in 4[.;]/m);
    expect(s[6]).toMatch(/^Still in force: no change yet since check-in 4[.;]/m);
    expect(s[6]).toContain("Deteriorating no longer applies (17; it was 15 at check-in 6).");
    expect(s[6]).not.toContain("- No change yet");
  });
});

/** The line of `rivera`'s reply to a command that starts with `start`. */
async function replyLine(command: string, start: string): Promise<string> {
  const replies = await c.say("rivera", command);
  const text = replies.find((d) => d.externalId === "rivera")?.message.text ?? "";
  return text.split("\n").find((l) => l.startsWith(start)) ?? "";
}

describe("an alliance that drops 1 point to 36, not below 36", () => {
  it("is named a drop, and clients, summary ALIAS and the digest agree that it is in force", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" } });
    c.clock.set(new Date("2026-11-03T09:00:00Z"));
    await c.enrol();
    await checkin([10, 9, 9, 9], [5, 5, 5, 5]); // alliance 37
    await c.tickTo("2026-11-09T08:00:00Z"); // the first digest
    c.clock.set(new Date("2026-11-10T09:00:00Z"));
    await checkin([9, 9, 9, 9], [5, 5, 5, 5]); // 36: down 1, not below 36
    expect(summaries()[1]).toContain("- Alliance down 1, from 37 to 36");
    expect(await replyLine("summary alex", "Warnings in force")).toBe(
      "Warnings in force: alliance drop since check-in 2, down 1 since check-in 1 (37 → 36).",
    );
    expect(await replyLine("clients", "alex:")).toMatch(
      /^alex: watch, alliance down 1 since check-in 1 \(37 → 36\), /,
    );
    const digest = (await c.tickTo("2026-11-16T08:00:00Z")).find(
      (d) => d.externalId === "rivera" && d.message.text.startsWith("Weekly digest"),
    );
    const line = digest?.message.text.split("\n").find((l) => l.startsWith("- alex:")) ?? "";
    expect(line).toContain("alliance down 1 since check-in 1 (37 → 36)");
    expect(line).not.toContain("alliance concern");
  });
});

describe("an alliance warned for a drop to 36 that then falls to 35", () => {
  it("names the crossing below 36 with the further drop, in one warning with the concern's suggestion", async () => {
    for (const style of ["full", "compact"]) {
      c = new Conversation();
      await c.enrol();
      await c.say("rivera", `summaries ${style}`);
      await checkin([10, 9, 9, 9], [5, 5, 5, 5]); // 37
      await checkin([9, 9, 9, 9], [5, 5, 5, 5]); // 36: a drop, warned
      await checkin([9, 9, 8, 9], [5, 5, 5, 5]); // 35: below 36 for the first time
      const third = summaries()[2] ?? "";
      expect(third.match(/^- /gm), style).toHaveLength(1);
      expect(third, style).toContain(
        "- Alliance 35, now below 36 and down 1 more since its warning at check-in 2 (36): worth talking about in the next session. Ask openly what would make the sessions fit better",
      );
      // The last is closed after the test.
      if (style === "full") c.close();
    }
  });
});

describe("a clinic whose alliance drop is 3 points", () => {
  it("warns when a drop warned at 37 goes below 36 though it fell less than 3 more", async () => {
    c = new Conversation({ thresholds: { allianceDrop: 3 } });
    await c.enrol();
    await checkin([10, 10, 10, 10], [5, 5, 5, 5]); // 40
    await checkin([10, 9, 9, 9], [5, 5, 5, 5]); // 37: a drop of 3, warned
    await checkin([9, 9, 9, 8], [5, 5, 5, 5]); // 35: down 2 more, and below 36: the concern starts
    const third = summaries()[2] ?? "";
    // 5 below its highest (40): the clear step's suggestion, with the crossing named.
    expect(third).toContain(
      "- Alliance 35, down 2 more since its warning at check-in 2 (37), 5 below its highest",
    );
    expect(third).toContain("It is now below 36, the concern line.");
    expect(third).not.toContain("still applies");
  });
});

describe("the weekly digest of a client with an alliance concern and no check-in since", () => {
  it("keeps the concern, which still applies, dated by the check-in it comes from", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" } });
    c.clock.set(new Date("2026-11-03T09:00:00Z"));
    await c.enrol();
    await checkin([9, 9, 9, 8], [5, 5, 5, 5]); // alliance 35: a concern
    const digestLine = async (at: string) => {
      const sent = await c.tickTo(at);
      const digest = sent.find(
        (d) => d.externalId === "rivera" && d.message.text.startsWith("Weekly digest"),
      );
      return digest?.message.text.split("\n").find((l) => l.startsWith("- alex:")) ?? "";
    };
    await digestLine("2026-11-09T08:00:00Z");
    expect(await digestLine("2026-11-16T08:00:00Z")).toBe(
      "- alex: alliance concern; last check-in Nov 3, 2026",
    );
    expect(await digestLine("2026-11-23T08:00:00Z")).toBe(
      "- alex: alliance concern; last check-in Nov 3, 2026",
    );
    // The alliance of Nov 3 is still the latest: the concern is in force in summary ALIAS too.
    expect(await replyLine("summary alex", "Warnings in force")).toBe(
      "Warnings in force: alliance concern since check-in 1.",
    );
  });
});

describe("the URGENT alert's text", () => {
  it("ends the matched words with a full stop before what the client was shown", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const sent = await c.answerAll(
      "alex",
      [10, 10, 10, 10, 5, 5, 5, 5, "no"],
      "I keep thinking about ending it",
    );
    const urgent = sent.find((d) => d.externalId === "rivera" && d.message.urgent);
    expect(urgent?.message.text).toMatch(/\(matched: "[^"]+"\)\. They were shown/);
  });

  it("adds no stop to a quote that ends with its own", () => {
    expect(sentence('Dec 5, 10:42 AM, disclosure: "I want to die" (matched: "want to die")')).toMatch(
      /\)\.$/,
    );
    expect(sentence('Dec 5, 10:42 AM, message: "can you help?"')).toBe(
      'Dec 5, 10:42 AM, message: "can you help?"',
    );
    expect(sentence("they answered yes to the safety question.")).toBe(
      "they answered yes to the safety question.",
    );
  });
});
