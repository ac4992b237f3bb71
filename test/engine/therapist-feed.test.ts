import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// CLINICAL.md, "What the therapist receives": one message per completed check-in with its
// warnings folded in, URGENT alerts apart, rare and right; a summary worth opening before a session.
let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 60 * 60_000;

async function checkin(alliance: number[], progress: number[], safety = "no", comment = "skip") {
  await c.say("rivera", "checkin alex");
  return c.answerAll("alex", [...alliance, ...progress, safety], comment);
}

describe("six weekly check-ins of a client getting steadily worse", () => {
  it("brings one message per check-in plus the urgent alert, none longer than a phone screen wants", async () => {
    c = new Conversation();
    await c.enrol();
    const before = c.delivered.length;
    const weeks: [number[], number[], string, string][] = [
      [[9, 9, 9, 9], [6, 6, 5, 6], "no", "ok week"],
      [[9, 9, 9, 9], [5, 6, 5, 5], "no", "skip"],
      [[9, 9, 8, 9], [5, 5, 4, 5], "no", "work is hard"],
      [[9, 8, 8, 9], [4, 4, 4, 4], "no", "skip"],
      [[8, 8, 8, 8], [4, 3, 3, 4], "no", "not sleeping"],
      [[8, 8, 7, 8], [3, 3, 2, 3], "yes", "ok"],
    ];
    for (const [alliance, progress, safety, comment] of weeks) {
      // A yes to the safety question, the last, completes the check-in with the alert: a nod after
      // it is kept with the alert, and words would be an update to it, not the comment.
      await checkin(alliance, progress, safety, safety === "yes" ? "ok" : comment);
      c.clock.advance(WEEK);
    }
    const toRivera = c.delivered.slice(before).filter((d) => d.externalId === "rivera");
    const urgent = toRivera.filter((d) => d.message.urgent);
    const summaries = toRivera.filter((d) => /^alex, check-in \d+ · /.test(d.message.text));
    // The check-in confirmations the therapist asked for, one summary per check-in, one alert.
    const confirmations = toRivera.filter((d) => d.message.text === "Check-in sent to alex.");
    expect(summaries).toHaveLength(6);
    expect(urgent).toHaveLength(1);
    expect(toRivera).toHaveLength(confirmations.length + summaries.length + urgent.length);
    for (const d of toRivera) expect(d.message.text.length).toBeLessThanOrEqual(1800);
    // The urgent alert is its own message, and comes before that check-in's summary.
    const alertAt = toRivera.indexOf(urgent[0] as (typeof toRivera)[number]);
    expect(alertAt).toBeLessThan(toRivera.indexOf(summaries[5] as (typeof toRivera)[number]));
    // The last headline says the state in words.
    expect(summaries[5]?.message.text.split("\n")[1]).toBe(
      "Progress 11/40, falling, not on track · Alliance 31/40, down 5 since check-in 2 (36)",
    );
    // Warnings are rare: each rule warns when it starts, and again only when clearly worse.
    const warned = summaries.map(
      (d) =>
        (d.message.text.match(/^- (Alliance|Deteriorating|No change|Consider|Not on track)/gm) ?? []).length,
    );
    expect(warned.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8);
  });
});

describe("no change yet, for a client lower than at the start", () => {
  it("says they are lower, short of a reliable fall, and to ask about safety", async () => {
    c = new Conversation();
    await c.enrol();
    let last = "";
    for (const progress of [
      [5, 4, 4, 4],
      [4, 4, 4, 4],
      [4, 4, 4, 3],
      [4, 4, 3, 3],
    ]) {
      const done = await checkin([10, 10, 10, 10], progress);
      last = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
      c.clock.advance(WEEK);
    }
    expect(last).toContain(
      "No change yet (rule method): progress 14 after 4 answered progress check-ins, -3 since the first (17): lower than at the start, though not yet by the 5 points of a reliable fall",
    );
    expect(last).toContain("including about safety");
  });
});

describe("an alliance that keeps falling", () => {
  it("is warned again with its fall from the episode's highest, not the same suggestion word for word", async () => {
    c = new Conversation();
    await c.enrol();
    const texts: string[] = [];
    for (const alliance of [
      [10, 10, 9, 9],
      [9, 9, 9, 8],
      [9, 8, 8, 8],
      [8, 8, 8, 7],
    ]) {
      const done = await checkin(alliance, [6, 6, 6, 6]);
      texts.push(done.find((d) => d.externalId === "rivera")?.message.text ?? "");
      c.clock.advance(WEEK);
    }
    expect(texts[1]).toContain(
      "Alliance 35, below 36 and down 3 from 38: worth talking about in the next session.",
    );
    expect(texts[2]).toContain(
      "Alliance 33, down 2 more since its warning at check-in 2 (35), 5 below its highest this episode (38): ask directly whether the sessions are helping",
    );
    expect(texts[3]).toContain(
      "Alliance 31, down 2 more since its warning at check-in 3 (33), 7 below its highest",
    );
    expect(texts[3]).not.toContain("a low alliance that is talked about often rises");
  });
});

describe("summaries compact", () => {
  it("sends only the headline, the new warnings and the client's comment, by the therapist's own choice", async () => {
    c = new Conversation();
    await c.enrol();
    const [set] = await c.say("rivera", "summaries compact");
    expect(set?.message.text).toBe(
      "Your summaries are now compact: the headline, any new warnings and the client's comment.",
    );
    const done = await checkin([9, 9, 9, 8], [5, 5, 5, 5]);
    const text = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
    const lines = text.split("\n");
    expect(lines[1]).toBe("Progress 20/40, first check-in · Alliance 35/40, first check-in");
    expect(lines[2]).toBe("Warnings:");
    expect(lines).toHaveLength(4);
    expect(text).not.toContain("Comment:");
    // The next week the alliance warning still applies: not repeated; what the client wrote is kept.
    const next = await checkin(
      [9, 9, 9, 8],
      [5, 5, 5, 6],
      "no",
      "not sleeping great, skipped my sister's bday",
    );
    const second = next.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(second.split("\n").slice(1)).toEqual([
      "Progress 21/40, steady, on track · Alliance 35/40, below 36",
      "Comment: not sleeping great, skipped my sister's bday",
    ]);
  });

  it("is the clinic's default when its config says so", async () => {
    c = new Conversation({ summaries: "compact" });
    await c.enrol();
    const done = await checkin([10, 10, 10, 10], [8, 8, 8, 8]);
    const text = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(text.split("\n")).toHaveLength(2);
  });
});

describe("summary ALIAS before a session", () => {
  it("counts a check-in not answered as the titles number it: 1 of 2 answered beside 'check-in 2'", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.tick(49 * 60 * 60_000);
    const done = await checkin([9, 9, 9, 9], [5, 5, 5, 5]);
    expect(done.find((d) => d.externalId === "rivera")?.message.text).toMatch(/^alex, check-in 2 · /);
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toMatch(
      /^alex · episode since Nov 26, 2026 · check-ins: 1 of 2 answered, the last on /,
    );
  });

  it("after one check-in names it the first, with no change to speak of", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([9, 9, 9, 9], [5, 5, 5, 5]);
    const [summary] = await c.say("rivera", "summary alex");
    const lines = (summary?.message.text ?? "").split("\n");
    expect(lines[1]).toBe("Progress 20/40, the first check-in of this episode; below the cutoff of 25.");
    expect(summary?.message.text).not.toContain("no reliable change");
  });

  it("fits a client with twenty check-ins into 1,500 characters, with what matters first", async () => {
    c = new Conversation();
    await c.enrol();
    for (let i = 0; i < 20; i++) {
      const p = Math.min(10, 3 + Math.floor(i / 3));
      await checkin(
        [9, 9, 9, i % 4 === 0 ? 8 : 9],
        [p, p, p, p],
        "no",
        i % 3 === 0
          ? `week ${i}: a long comment about how things went at home and at work, which goes on and on for a while`
          : "skip",
      );
      c.clock.advance(WEEK);
    }
    const [summary] = await c.say("rivera", "summary alex");
    const text = summary?.message.text ?? "";
    expect(text.length).toBeLessThan(1500);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^alex · episode since Nov 26, 2026 · check-ins: 20, the last on /);
    expect(lines[1]).toMatch(/^Progress 36\/40, \+24 since the first \(12\): recovered/);
    expect(text).toContain("Trajectory: on track");
    expect(text).toContain("Alliance 36/40: 35 … 36 → 35 → 36 → 36 → 36");
    expect(text).toContain("Last comments:");
    expect((text.match(/^- .*week \d+/gm) ?? []).length).toBe(3);
    expect(text).toContain("Safety question: no each time it was asked (20).");
    expect(text).toContain("summary alex --all lists every check-in.");
  });

  it("shows the earlier episode on one line, and clients lists the discharged apart", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([10, 10, 10, 10], [3, 3, 3, 3]);
    await checkin([10, 10, 10, 10], [7, 7, 7, 7]);
    await c.say("rivera", "discharge alex");
    const [clients] = await c.say("rivera", "clients");
    expect(clients?.message.text).toMatch(
      /^Your clients \(0\):\nDischarged \(1\):\nalex: discharged Nov 26, 2026$/,
    );
    await checkin([10, 10, 10, 10], [5, 5, 5, 5]);
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain(
      "Earlier episodes:\n- Nov 26, 2026 to Nov 26, 2026, check-ins answered: 2; progress 12 to 28, recovered",
    );
  });
});

describe("clients, by need", () => {
  it("puts an open alert first, then a deterioration or not on track, then an alliance concern, then the rest", async () => {
    c = new Conversation();
    await c.enrol("rivera", "amy");
    for (const alias of ["bea", "cal", "dan"]) {
      const [invite] = await c.say("rivera", `invite ${alias}`);
      await c.say(alias, `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
      await c.say(alias, "yes");
    }
    const run = async (alias: string, alliance: number[], progress: number[]) => {
      await c.say("rivera", `checkin ${alias}`);
      await c.answerAll(alias, [...alliance, ...progress, "no"]);
    };
    await run("bea", [9, 9, 9, 8], [6, 6, 6, 6]); // alliance concern
    await run("cal", [10, 10, 10, 10], [5, 5, 5, 5]);
    await run("cal", [10, 10, 10, 10], [3, 3, 3, 3]); // not on track
    await c.say("dan", "i want to die"); // open alert
    const [clients] = await c.say("rivera", "clients");
    const order = (clients?.message.text ?? "")
      .split("\n")
      .slice(1)
      .map((l) => l.split(":")[0]);
    expect(order).toEqual(["dan", "cal", "bea", "amy"]);
    expect(clients?.message.text).toContain(
      "cal: deteriorated (progress 20 → 12), not on track, last check-in today",
    );
    expect(clients?.message.text).toContain("amy: active, last check-in never");
    // A check-in sent and not yet answered is not "never" and nothing more.
    await c.say("rivera", "checkin amy");
    const [after] = await c.say("rivera", "clients");
    expect(after?.message.text).toContain("amy: active, last check-in never; one open, sent today");
  });
});

describe("the client's words in the therapist's summary", () => {
  it("cannot pass for rapport's own lines: a comment of several lines is a quoted block, controls removed", async () => {
    c = new Conversation();
    await c.enrol();
    const fake = "fine thanks\nWarnings: none\nSafety question: no.\u202Eevil\u200B";
    const done = await checkin([10, 10, 10, 10], [8, 8, 8, 8], "no", fake);
    const text = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(text).toContain(
      "Comment, in the client's words:\n  > fine thanks\n  > Warnings: none\n  > Safety question: no.evil",
    );
    expect(text.split("\n").filter((l) => l === "Warnings: none")).toEqual([]);
    expect(text).not.toMatch(/[\u202A-\u202E\u200B]/);
  });
});
