import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

/** The one message per completed check-in, whether a warning was folded in or not. */
const summaries = () =>
  c.delivered
    .filter((d) => d.externalId === "rivera" && /^alex, check-in \d+/.test(d.message.text))
    .map((d) => d.message.text);

async function checkin(alliance: number[], progress: number[], safety = "no", comment = "skip") {
  // Check-ins come after sessions, not within one minute: the flood limit allows 30 messages a minute.
  c.clock.advance(60_000);
  await c.say("rivera", "checkin alex");
  return c.answerAll("alex", [...alliance, ...progress, safety], comment);
}

describe("clinical rules through the engine", () => {
  it("repeats a warning in an episode only when the situation is clearly worse, and anew after it stopped", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([9, 9, 9, 8], [8, 8, 8, 8]); // 35: concern, warned
    await checkin([9, 9, 9, 8], [8, 8, 8, 8]); // 35 again: still applies, not repeated
    await checkin([9, 9, 8, 8], [8, 8, 8, 8]); // 34: a further drop of 1, warned
    await checkin([10, 10, 10, 10], [8, 8, 8, 8]); // 40: stops applying
    await checkin([9, 10, 10, 10], [8, 8, 8, 8]); // 39: a new drop after recovery, warned anew
    const s = summaries();
    expect(s).toHaveLength(5);
    expect(s[0]).toContain("- Alliance 35, below 36: worth talking about");
    expect(s[1]).toContain("Still in force: alliance concern since check-in 1.");
    expect(s[1]).not.toContain("Warnings:");
    expect(s[2]).toContain(
      "- Alliance 34, down 1 more since its warning at check-in 1 (35): still worth talking about; a small further dip is worth a question, not a change of course.",
    );
    // A one-point dip is not met with the firm suggestion meant for a sustained slide.
    expect(s[2]).not.toContain("consultation");
    expect(s[3]).not.toContain("Warnings:");
    expect(s[3]).toContain("Alliance concern no longer applies (40; it was 34 at check-in 3).");
    expect(s[4]).toContain("- Alliance down 1, from 40 to 39");
    // Every warning is recorded, the one not sent (still applies, not repeated) among them.
    const alex = await c.client("alex");
    const warnings = await c.read((tx) => tx.warningsOf(alex?.personId ?? 0));
    expect(
      warnings
        .filter((w) => w.rule === "alliance")
        .map(({ rule, severity, sent }) => ({ rule, severity, sent })),
    ).toEqual([
      { rule: "alliance", severity: 35, sent: true },
      { rule: "alliance", severity: 35, sent: false },
      { rule: "alliance", severity: 34, sent: true },
      { rule: "alliance", severity: 39, sent: true },
    ]);
  });

  it("sends one message per check-in with the warnings folded in: a 1-point dip is one warning, not two", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([9, 9, 9, 9], [8, 8, 8, 8]); // 36
    const dip = await checkin([9, 9, 9, 8], [8, 8, 8, 8]); // 35: concern and drop, one warning
    const toRivera = dip.filter((d) => d.externalId === "rivera");
    expect(toRivera).toHaveLength(1);
    expect(toRivera[0]?.message.text.match(/^- /gm)).toHaveLength(1);
  });

  it("starts a new episode with its own first score after discharge", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([10, 10, 10, 10], [3, 3, 3, 3]);
    await checkin([10, 10, 10, 10], [7, 7, 7, 7]);
    expect(summaries()[1]).toContain("+16 since the last check-in, +16 since the first (12)");
    const ended = (await c.say("rivera", "discharge alex")).find((d) => d.externalId === "rivera");
    expect(ended?.message.text).toContain("Episode ended for alex after 2 completed check-ins");
    const [again] = await c.say("rivera", "discharge alex");
    expect(again?.message.text).toBe("alex has no episode open.");
    await checkin([10, 10, 10, 10], [6, 6, 6, 6]);
    const third = summaries()[2] ?? "";
    expect(third).toMatch(/^alex, check-in 1 · /);
    expect(third).toContain("Progress 24/40: the first check-in of this episode.");
    expect(third).toContain("Trajectory: too early to tell");
    const alex = await c.client("alex");
    expect((await c.read((tx) => tx.episodesOf(alex?.personId ?? 0))).map((e) => e.endedAt !== null)).toEqual(
      [true, false],
    );
  });

  it("cancels an unfinished check-in when the episode ends", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    await c.say("rivera", "discharge alex");
    const [reply] = await c.say("alex", "7");
    expect(reply?.message.text).toContain("no check-in open");
    expect((await c.data("alex")).checkins.map((ch) => ch.status)).toEqual(["cancelled"]);
  });

  it("uses the cutoff of the client's age band: invite --age and age ALIAS", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [bad] = await c.say("rivera", "invite sam --age 4");
    expect(bad?.message.text).toContain("Age must be a whole number from 6 to 120");
    const [invite] = await c.say("rivera", "invite alex --age 15");
    const clientCode = /start (\S+)/.exec(invite?.message.text ?? "")?.[1];
    await c.say("alex", `start ${clientCode}`);
    await c.say("alex", "yes");
    await checkin([10, 10, 10, 10], [7, 7, 6, 6]);
    expect(summaries()[0]).toContain("Below the clinical cutoff of 28 (ages 13 to 17).");
    const [set] = await c.say("rivera", "age alex 10");
    expect(set?.message.text).toBe("alex's age is set to 10: the clinical cutoff for progress is 32.");
    const [adult] = await c.say("rivera", "age alex 30");
    expect(adult?.message.text).toContain("cutoff for progress is 25");
    await checkin([10, 10, 10, 10], [7, 7, 6, 6]);
    expect(summaries()[1]).toContain("At or above the clinical cutoff of 25 (adults).");
  });

  it("gives the trajectory status with expected score and band, naming the default model", async () => {
    c = new Conversation();
    await c.enrol();
    await checkin([10, 10, 10, 10], [4, 4, 4, 3]); // 15
    await checkin([10, 10, 10, 10], [5, 5, 4, 4]); // 18
    // expected(2) = 15 + 4.8 ln 2 = 18.3; on track from 18.3 - 0.5*5.5*sqrt(.5) = 16.4; band 18.33 - 1.28*5.5*0.707 = 13.35
    expect(summaries()[1]).toContain(
      "Trajectory after 2 answered progress check-ins: on track. Expected 18.3; watch below 16.4, not on track below 13.3 (default trajectory).",
    );
  });

  it("leaves out the safety question when the clinic switches it off", async () => {
    c = new Conversation({ risk: { safetyQuestion: false } });
    await c.enrol();
    await c.say("rivera", "checkin alex");
    expect(c.lastTo("alex").message.text).toContain("1/8");
  });

  it("stores every step of a risk alert with its time, and repeats it to the therapist when there is no on-call contact", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const replies = await c.say("alex", "I just want to end it all");
    expect(replies[0]?.message.urgent).toBe(true);
    expect(replies[0]?.externalId).toBe("alex");
    expect(replies.find((d) => d.externalId === "rivera")?.message.text).toContain(
      'matched: "want to end it all"',
    );
    // After the crisis message, a warm line: nothing procedural.
    expect(replies.at(-1)?.message.text).toContain("The check-in can wait");
    const reminder = await c.tick(31 * 60_000);
    expect(reminder.map((d) => [d.externalId, d.message.urgent])).toEqual([["rivera", true]]);
    expect(reminder[0]?.message.text).toContain(
      "URGENT, reminder: the risk alert about alex has not been acknowledged for 31 minutes",
    );
    const alex = await c.client("alex");
    const alert = await c.read((tx) => tx.openRiskAlert(alex?.personId ?? 0));
    expect(alert).toMatchObject({
      source: "free_text",
      matched: ["want to end it all"],
      createdAt: "2026-11-26T10:00:00.000Z",
      lastCrisisAt: "2026-11-26T10:00:00.000Z",
      escalateAt: "2026-11-26T10:30:00.000Z",
      escalatedAt: "2026-11-26T10:31:00.000Z",
      escalationNote: "no on-call contact: repeated to the treating therapist",
      escalatedTo: null,
    });
    // Repeated every risk.repeatMinutes (30) until acknowledged.
    expect((await c.tick(29 * 60_000)).filter((d) => d.message.urgent)).toEqual([]);
    expect((await c.tick(60_000)).map((d) => d.externalId)).toEqual(["rivera"]);
    const steps = await c.read((tx) => tx.riskSteps(alert?.id ?? 0));
    expect(steps.map(({ step, at }) => ({ step, at }))).toEqual([
      { step: "crisis_sent", at: "2026-11-26T10:00:00.000Z" },
      { step: "therapist_alerted", at: "2026-11-26T10:00:00.000Z" },
      { step: "escalated", at: "2026-11-26T10:31:00.000Z" },
      { step: "repeated", at: "2026-11-26T11:01:00.000Z" },
    ]);
    // Over a weekend nobody read it: the reminder says how long in days, not in thousands of minutes.
    const [late] = await c.tick(3 * 24 * 60 * 60_000);
    expect(late?.message.text).toContain("has not been acknowledged for 3 days and 1 hour.");
  });

  it("lets only the client's therapist or the on-call contact acknowledge an alert", async () => {
    c = new Conversation({ risk: { onCall: "Dr Night" } });
    await c.enrol();
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    const other = await c.engine.addTherapist("Dr Other");
    await c.say("other", `link ${other.code}`);
    await checkin([10, 10, 10, 10], [5, 5, 5, 5], "yes");
    const urgent = c.delivered.find((d) => d.externalId === "rivera" && d.message.urgent)?.message;
    const seen = urgent?.choices?.[0]?.value ?? "";
    const [denied] = await c.say("other", seen);
    expect(denied?.message.text).toBe("There is no alert with that number for you.");
    expect(await c.tick(29 * 60_000)).toEqual([]);
    const escalated = await c.tick(60_000);
    expect(escalated.map((d) => d.externalId)).toEqual(["night", "rivera"]);
    expect(escalated[0]?.message.text).toContain("URGENT, on-call");
    expect(escalated[1]?.message.text).toContain("it went to the on-call contact, Dr Night");
    const ok = await c.press("night", seen, urgent?.ref);
    expect(ok.map((d) => [d.externalId, d.message.text])).toEqual([
      ["night", "Alert 1 about alex marked as seen. Thank you."],
      ["rivera", "Dr Night marked the risk alert about alex as seen."],
    ]);
    const [late] = await c.say("rivera", seen);
    expect(late?.message.text).toBe("That alert was already marked as seen.");
    // The store keeps whom it went to and who acknowledged it.
    const nightId = (await c.read((tx) => tx.findTherapistByName("Dr Night")))?.id;
    const alert = await c.read((tx) => tx.getRiskAlert(Number(/\d+/.exec(seen)?.[0])));
    expect(alert).toMatchObject({
      escalatedTo: nightId,
      acknowledgedAt: expect.any(String),
      acknowledgedBy: nightId,
    });
    expect(nightId).toBeDefined();
  });

  it("sends the crisis text to someone it does not know who writes about risk", async () => {
    c = new Conversation();
    const replies = await c.say("stranger", "i dont want to live anymore");
    expect(replies[0]?.message.urgent).toBe(true);
    expect(replies[0]?.message.text).toContain("TEST CRISIS TEXT");
    // Nothing procedural after a crisis message.
    expect(replies).toHaveLength(1);
  });
});
