import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// CLINICAL.md, "Risk and safety", through the engine on a real SQLite file: screening in every
// state, two tiers, one open alert per client, escalation until someone acts, visible everywhere.
let c: Conversation;
afterEach(() => c.close());

const PROCEDURAL = [
  /a number from/,
  /no check-in open/,
  /didn't understand/,
  /Type help/,
  /If your therapist gave you a code/,
];
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);
const urgentTo = (ds: Delivery[], to: string) => ds.filter((d) => d.externalId === to && d.message.urgent);

/** The client's side of a disclosure: the crisis message first, then only warm words. */
function expectCrisisThenWarm(replies: Delivery[], to = "alex"): void {
  const mine = replies.filter((d) => d.externalId === to);
  expect(mine[0]?.message.urgent).toBe(true);
  expect(mine[0]?.message.text).toContain("TEST CRISIS TEXT");
  for (const d of mine.slice(1)) for (const p of PROCEDURAL) expect(d.message.text).not.toMatch(p);
}

async function enrolled(config = {}): Promise<void> {
  c = new Conversation(config);
  await c.enrol();
}

describe("screening in every state", () => {
  it("someone rapport does not know gets the crisis text and nothing else", async () => {
    c = new Conversation();
    const replies = await c.say("stranger", "i've been stockpiling my pills");
    expect(replies.map((d) => d.message.text)).toEqual([expect.stringContaining("TEST CRISIS TEXT")]);
  });

  it("a client who has not consented yet: crisis message and an urgent alert", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [invite] = await c.say("rivera", "invite alex");
    await c.say("alex", `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
    const replies = await c.say("alex", "before i agree, i should say i started cutting again this week");
    expectCrisisThenWarm(replies);
    expect(urgentTo(replies, "rivera")[0]?.message.text).toContain('"started cutting again"');
  });

  it("a paused client: nobody is left untold", async () => {
    await enrolled();
    await c.say("alex", "stop");
    const replies = await c.say("alex", "I cannot go on, I've taken a bottle of pills");
    expectCrisisThenWarm(replies);
    const alert = urgentTo(replies, "rivera")[0]?.message.text ?? "";
    expect(alert).toContain("URGENT: alex may be at risk");
    expect(alert).toContain("I cannot go on, I've taken a bottle of pills");
  });

  it("at a question of a check-in: the question waits for the client's next message", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "9");
    const replies = await c.say("alex", "honestly i keep thinking about ending things");
    expectCrisisThenWarm(replies);
    expect(texts(replies, "alex").at(-1)).toContain("The check-in can wait");
    // The next message that is not an answer goes to the alert, and brings the question back,
    // not "please type a number".
    const again = texts(await c.say("alex", "ok"), "alex");
    expect(again[0]).toContain("The crisis contacts I sent a little earlier are there");
    expect(again[1]).toMatch(/^2\/9\. /);
    const next = await c.say("alex", "7");
    expect(next.at(-1)?.message.text).toMatch(/^3\/9\. /);
    expect((await c.answers("alex")).map((a) => a.value).sort()).toEqual([7, 9]);
  });

  it("as the comment: kept, the check-in completes, and its summary shows the disclosure", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9, 5, 5, 5, 5, "no"]) await c.say("alex", String(v));
    const replies = await c.say("alex", "I've written goodbye letters to my kids");
    expectCrisisThenWarm(replies);
    const summary = texts(replies, "rivera").find((t) => t.startsWith("alex, check-in 1")) ?? "";
    const lines = summary.split("\n");
    // Risk comes right under the title and the headline.
    expect(lines[2]).toBe("Risk:");
    expect(lines[3]).toContain(
      'disclosure: "I\'ve written goodbye letters to my kids" (matched: "written goodbye letters to my kids")',
    );
    expect(summary).toContain("OPEN: urgent alert 1 is not acknowledged yet (seen 1).");
    expect(summary).toContain("Comment: I've written goodbye letters to my kids");
  });

  it("a disclosure at question 2 is in that check-in's summary, not 'Warnings: none' alone", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "9");
    await c.say("alex", "i want to k*ll myself");
    await c.say("alex", "9");
    const done = await c.answerAll("alex", [9, 9, 9, 5, 5, 5, 5, "no"]);
    const summary = texts(done, "rivera").find((t) => t.startsWith("alex, check-in 1")) ?? "";
    expect(summary).toContain('disclosure: "i want to k*ll myself" (matched: "k*ll myself")');
  });

  it("a forged button press whose value carries text is screened before it could become the comment", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9, 5, 5, 5, 5, "no"]) await c.say("alex", String(v));
    const replies = await c.press("alex", "I want to end my life tonight");
    expectCrisisThenWarm(replies);
    expect(urgentTo(replies, "rivera")).toHaveLength(1);
  });

  it("a client in a group: the risk path runs privately, the group gets only the pointer", async () => {
    await enrolled();
    const { replies } = await c.send({
      ...c.event("alex", { kind: "text", text: "lol whatever, kms" }),
      direct: false,
      address: { name: "family-group" },
    });
    expect(texts(replies, "group:alex")).toEqual([
      "I only talk about check-ins in a private chat. Please write to me directly.",
    ]);
    expectCrisisThenWarm(replies);
    expect(urgentTo(replies, "rivera")).toHaveLength(1);
  });
});

describe("the concern tier", () => {
  it("asks the safety question at once; a no is thanked and the check-in goes on", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    const [ask] = await c.say("alex", "I don't see the point anymore");
    expect(ask?.message.text).toContain("May I ask you one question about your safety?");
    expect(ask?.message.text).toContain("thoughts of harming yourself");
    expect(ask?.message.choices?.map((x) => x.label)).toEqual(["No", "Yes"]);
    const answer = await c.say("alex", "no");
    expect(texts(answer, "alex")).toEqual([
      "Thank you for answering. Your therapist will see what you wrote. I am not a crisis service: if things get harder, this is where to turn. TEST CRISIS TEXT: call 112.",
      expect.stringMatching(/^Four questions about your last session\.\n\n1\/9\. /),
    ]);
    expect(urgentTo(c.delivered, "rivera")).toEqual([]);
    // Answered once, the check-in does not ask it again (safety-asked-once.test.ts): eight questions.
    const done = await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5]);
    const summary = texts(done, "rivera").find((t) => t.startsWith("alex, check-in 1")) ?? "";
    expect(summary).toContain(
      'concern: "I don\'t see the point anymore" (matched: "don\'t see the point anymore")\n' +
        "Safety question: no when asked after what they wrote.\n",
    );
  });

  it("a yes to the safety question is a disclosure", async () => {
    await enrolled();
    await c.say("alex", "everyone would be better off without me");
    const replies = await c.say("alex", "yeah");
    expectCrisisThenWarm(replies);
    const alert = urgentTo(replies, "rivera")[0]?.message.text ?? "";
    expect(alert).toContain('answered "yeah" to the safety question');
    await c.say("alex", "thanks");
    const [summary] = await c.say("rivera", "summary alex");
    // The concern answered yes is one line: the yes, after the words that led to it and what matched in them.
    expect(summary?.message.text).toContain(
      'disclosure: they answered "yeah" to the safety question (thoughts of harming themselves or ending their life), read as a yes, after writing "everyone would be better off without me" (matched: "everyone would be better off without me").',
    );
    expect(summary?.message.text).not.toContain("concern:");
  });

  it("a concern that goes unanswered says so, and what the client wrote next is handled as usual", async () => {
    await enrolled();
    await c.say("alex", "i feel so hopeless");
    const [help] = await c.say("alex", "help");
    expect(help?.message.text).toContain("I'm rapport");
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain("Safety question: not answered.");
  });

  it("a chat word in the language's own words is that word, not an unclear answer", async () => {
    await enrolled();
    await c.say("alex", "i feel so hopeless");
    const [data] = await c.say("alex", "my data");
    expect(data?.message.text).toContain("Here is everything rapport holds about you:");
  });

  it("a number typed twice at the safety question is not thanked as an answer, and 'no?' is asked again", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 8]);
    await c.say("alex", "tbh i cant do this anymore");
    // Typed after the question was seen: in the same second, "3" is the check-in's answer.
    await c.tick(5_000);
    const again = await c.say("alex", "3");
    expect(texts(again, "alex")[0]).toContain("It's all right not to be sure.");
    const second = await c.say("alex", "3");
    expect(texts(second, "alex")[0]).toBe(
      "That's all right, we can go on. Your therapist will see what you wrote. I am not a crisis service: if things get harder, this is where to turn. TEST CRISIS TEXT: call 112.",
    );
    expect(texts(second, "alex")[1]).toContain("3/9.");
    await c.say("alex", "whats the point of anything");
    const unsure = await c.say("alex", "no?");
    expect(texts(unsure, "alex")[0]).toContain("It's all right not to be sure.");
  });

  it("a concern written as the comment: the no that comes after the summary reaches the therapist", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    const done = await c.answerAll(
      "alex",
      [9, 9, 9, 9, 4, 4, 4, 4, "no"],
      "honestly i dont see the point anymore",
    );
    const summary = texts(done, "rivera").find((s) => s.startsWith("alex, check-in 1")) ?? "";
    expect(summary).toContain("no answer yet");
    // The check-in's own safety question came a moment before: asked again, it says so.
    expect(texts(done, "alex").at(-1)).toMatch(
      /^Thank you for telling me how things are\. You answered the safety question a moment ago/,
    );
    const no = await c.say("alex", "nah im ok");
    expect(texts(no, "alex")).toEqual([
      "Thank you for answering. Your therapist will see what you wrote. I am not a crisis service: if things get harder, this is where to turn. TEST CRISIS TEXT: call 112.",
    ]);
    expect(texts(no, "rivera")).toEqual([expect.stringContaining("they answered no")]);
  });

  it("thanks after answering the safety question gets a kind reply, not 'no check-in open'", async () => {
    await enrolled();
    await c.say("alex", "i feel so hopeless");
    await c.say("alex", "no");
    for (const thanks of ["thanks", "Thank you so much!", "ok thanks 🙏", "danke"]) {
      expect(texts(await c.say("alex", thanks), "alex")).toEqual([
        "You're welcome. Your next check-in will come after your next session.",
      ]);
    }
    expect(texts(await c.say("alex", "thanks but when is it?"), "alex")[0]).toContain(
      "don't pass messages on",
    );
  });

  it("a yes that comes after the safety question lapsed is still a disclosure", async () => {
    await enrolled();
    await c.say("alex", "i just cant go on like this");
    const lapsed = await c.tick(2 * 60 * 60_000);
    expect(texts(lapsed, "rivera")[0]).toContain("they did not answer within an hour");
    const replies = await c.say("alex", "sorry i was asleep. yes i have been thinking about it");
    expectCrisisThenWarm(replies);
    const [alert] = urgentTo(replies, "rivera");
    expect(alert?.message.text).toContain(
      'they answered "sorry i was asleep. yes i have been thinking about it" to the safety question',
    );
    expect((await c.data("alex")).riskAlerts).toHaveLength(1);
  });

  it("a short no after the lapse reaches the therapist; a no inside other words, or a day later, does not count", async () => {
    await enrolled();
    await c.say("alex", "i feel so hopeless");
    await c.tick(2 * 60 * 60_000);
    for (const chatter of ["no worries, see you on tuesday then", "no worries!"]) {
      expect(texts(await c.say("alex", chatter), "rivera")).toEqual([]);
    }
    const no = await c.say("alex", "nah im ok");
    expect(texts(no, "alex")).toEqual([
      "Thank you for answering. Your therapist will see what you wrote. I am not a crisis service: if things get harder, this is where to turn. TEST CRISIS TEXT: call 112.",
    ]);
    expect(texts(no, "rivera")[0]).toContain('wrote: "i feel so hopeless"');
    expect(texts(no, "rivera")[0]).toContain("they answered no");
    // Answered now: a second yes is ordinary text again, and so is one a day after a new lapse.
    expect(urgentTo(await c.say("alex", "yes"), "rivera")).toEqual([]);
    await c.say("alex", "everything feels hopeless");
    await c.tick(25 * 60 * 60_000);
    const late = await c.say("alex", "yes");
    expect(urgentTo(late, "rivera")).toEqual([]);
    expect((await c.data("alex")).riskAlerts).toEqual([]);
  });
});

describe("one open alert per client", () => {
  it("forty messages make one alert: one crisis message, one urgent alert, and another client's alert is not held up", async () => {
    await enrolled();
    const { code } = await c.engine.addTherapist("Dr Other");
    void code;
    const [invite] = await c.say("rivera", "invite bea");
    await c.say("bea", `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
    await c.say("bea", "yes");
    const before = c.delivered.length;
    for (let i = 0; i < 40; i++) await c.say("alex", `i want to die ${i}`);
    const beaReplies = await c.say("bea", "I took an overdose last night");
    const all = c.delivered.slice(before);
    const [alex, bea] = [await c.data("alex"), await c.data("bea")];
    expect([alex.riskAlerts.length, bea.riskAlerts.length]).toEqual([1, 1]);
    expect(alex.riskEvents).toHaveLength(40);
    expect(
      all.filter((d) => d.externalId === "alex" && d.message.text.includes("TEST CRISIS TEXT")),
    ).toHaveLength(1);
    // The other 39 get a short warm line, never a procedural answer.
    expect(
      texts(all, "alex").filter((t) =>
        t.startsWith("Thank you for telling me. Your therapist will see this too"),
      ),
    ).toHaveLength(39);
    const toRivera = urgentTo(all, "rivera");
    // The alert, the first addition at once (it is often the most urgent part), then nothing more
    // about alex within the minute (risk words) or ten (other words); bea's alert is not held up.
    expect(toRivera.map((d) => d.message.text.split(/[.:]/)[0])).toEqual([
      "URGENT",
      "URGENT, still open (alert 1)",
      "URGENT",
    ]);
    expect(toRivera[2]?.message.text).toContain("bea may be at risk");
    expect(urgentTo(beaReplies, "rivera")).toHaveLength(1);
    // Ten minutes on: one update with what alex wrote since, cut to fit a phone.
    const update = urgentTo(await c.tick(10 * 60_000), "rivera");
    expect(update).toHaveLength(1);
    expect(update[0]?.message.text).toContain(
      "URGENT, still open (alert 1): alex wrote 38 more times since the alert:",
    );
    expect(update[0]?.message.text).toContain("… 33 more (summary alex --all shows them all)");
    expect(update[0]?.message.text.split("\n").length).toBeLessThanOrEqual(8);
    // The crisis message again at most once in ten minutes.
    const later = await c.say("alex", "i want to die");
    expect(texts(later, "alex")[0]).toContain("TEST CRISIS TEXT");
  });

  it("risk words added to an open alert reach the therapist within a minute, other words within ten", async () => {
    await enrolled();
    await c.say("alex", "i want to kms");
    // The first addition goes at once.
    expect(urgentTo(await c.say("alex", "kind of"), "rivera")).toHaveLength(1);
    await c.tick(30_000);
    expect(urgentTo(await c.say("alex", "whatever"), "rivera")).toEqual([]);
    expect(urgentTo(await c.say("alex", "i have a plan actually"), "rivera")).toEqual([]);
    // A minute after the last update, not ten: with the plain words before it.
    const update = urgentTo(await c.tick(31_000), "rivera");
    expect(update).toHaveLength(1);
    expect(update[0]?.message.text).toContain("i have a plan actually");
    expect(update[0]?.message.text).toContain("whatever");
    // Plain words alone wait for the ten minutes.
    await c.tick(2 * 60_000);
    expect(urgentTo(await c.say("alex", "still here"), "rivera")).toEqual([]);
    expect(urgentTo(await c.tick(5 * 60_000), "rivera")).toEqual([]);
    expect(urgentTo(await c.tick(3 * 60_000), "rivera")).toHaveLength(1);
  });

  it("a message without words while the alert is open (a sticker) alerts no one again", async () => {
    await enrolled();
    await c.say("alex", "i want to kms");
    const before = c.delivered.length;
    await c.tick(11 * 60_000);
    const sticker = await c.say("alex", "  ");
    expect(urgentTo(sticker, "rivera")).toEqual([]);
    expect(texts(sticker, "alex")).toEqual([expect.stringContaining("Take good care of yourself.")]);
    expect(urgentTo(await c.tick(11 * 60_000), "rivera")).toEqual([]);
    expect((await c.data("alex")).riskEvents).toHaveLength(1);
    expect(c.delivered.length).toBeGreaterThan(before);
  });

  it("after the alert is acknowledged, a new disclosure is a new alert", async () => {
    await enrolled();
    await c.say("alex", "i want to die");
    await c.say("rivera", "seen 1");
    const replies = await c.say("alex", "i still want to die");
    expect(urgentTo(replies, "rivera")[0]?.message.choices?.[0]?.value).toBe("seen 2");
  });
});

describe("words of concern right after the safety question's yes", () => {
  it("go to the alert, not into the check-in, whose summary went with the yes", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    for (const v of ["7", "7", "7", "7", "5", "5", "5"]) await c.say("alex", v);
    const yes = [...(await c.say("alex", "5")), ...(await c.say("alex", "yes"))];
    // Only the comment was left: the therapist has the scores with the alert, not two days later.
    expect(texts(yes, "rivera").some((t) => t.startsWith("alex, check-in 1"))).toBe(true);
    const sent = await c.say("alex", "i dont know, everything feels pointless lately");
    expect(urgentTo(sent, "rivera")[0]?.message.text).toContain("everything feels pointless lately");
    expect(texts(sent, "rivera").some((t) => t.startsWith("alex, check-in 1"))).toBe(false);
    // No comment question comes back after a crisis message, and the words are no comment.
    const [nod] = texts(await c.say("alex", "ok"), "alex").slice(-1);
    expect(nod).not.toContain("Is there anything you would like");
    expect((await c.data("alex")).checkins.map((ch) => [ch.status, ch.comment])).toEqual([
      ["completed", null],
    ]);
  });
});

describe("the crisis message", () => {
  it("says the therapist is told now, not 'today' at half past eleven at night", async () => {
    await enrolled();
    c.clock.set(new Date("2026-11-26T23:29:00Z"));
    const [crisis] = texts(await c.say("alex", "i took too many pills"), "alex");
    expect(crisis).toContain(
      "I am letting your therapist know now, though they may not see it straight away.",
    );
    expect(crisis).not.toMatch(/today/);
  });
});

describe("escalation until someone acts", () => {
  async function withOnCall(): Promise<void> {
    await enrolled({ risk: { onCall: "Dr Night", escalateAfterMinutes: 30, repeatMinutes: 20 } });
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
  }

  it("goes to the on-call contact with what they need, tells the therapist, and repeats until acknowledged", async () => {
    await withOnCall();
    const [saved] = await c.say("rivera", "contact alex Partner Sam 0151 234 5678; GP Dr Lee");
    expect(saved?.message.text).toContain("Emergency details for alex saved");
    const [shown] = await c.say("rivera", "contact alex");
    expect(shown?.message.text).toBe("Emergency details for alex: Partner Sam 0151 234 5678; GP Dr Lee");
    await c.say("alex", "I've been stockpiling my pills");
    // The on-call contact cannot acknowledge an alert that was not escalated to them.
    const [early] = await c.say("night", "seen 1");
    expect(early?.message.text).toMatch(
      /^Alert 1 has not been passed to you yet: it is with the treating therapist\./,
    );
    expect(await c.tick(29 * 60_000)).toEqual([]);
    const escalated = await c.tick(60_000);
    expect(escalated.map((d) => d.externalId)).toEqual(["night", "rivera"]);
    const text = escalated[0]?.message.text ?? "";
    expect(text).toContain("URGENT, on-call: the risk alert about alex, a client of Dr rivera");
    expect(text).toContain('"I\'ve been stockpiling my pills" (matched: "stockpiling my pills")');
    expect(text).toContain("Emergency details: Partner Sam 0151 234 5678; GP Dr Lee");
    expect(escalated[0]?.message.choices?.[0]?.value).toBe("seen 1");
    expect(escalated[1]?.message.text).toContain("it went to the on-call contact, Dr Night");
    const repeat = await c.tick(20 * 60_000);
    expect(repeat.map((d) => d.externalId)).toEqual(["night"]);
    expect(repeat[0]?.message.urgent).toBe(true);
    // The treating therapist acknowledges: the on-call contact is told, and the repeats stop.
    const ack = await c.say("rivera", "seen 1");
    expect(texts(ack, "rivera")).toEqual(["Alert 1 about alex marked as seen. Thank you."]);
    expect(texts(ack, "night")).toEqual(["Dr rivera marked the risk alert about alex as seen."]);
    expect(await c.tick(3 * 60 * 60_000)).toEqual([]);
    // Every step is recorded with whom it reached or who took it.
    const alertId = Number(/\d+$/.exec(escalated[0]?.message.choices?.[0]?.value ?? "")?.[0]);
    const people = await c.read(async (tx) => ({
      alex: (await tx.findIdentity("console", "alex"))?.personId,
      rivera: (await tx.findIdentity("console", "rivera"))?.personId,
      night: (await tx.findIdentity("console", "night"))?.personId,
    }));
    const steps = await c.read((tx) => tx.riskSteps(alertId));
    expect(steps.map((s) => [s.step, s.personId])).toEqual([
      ["crisis_sent", people.alex],
      ["therapist_alerted", people.rivera],
      ["escalated", people.night],
      ["therapist_told_escalated", people.rivera],
      ["repeated", people.night],
      ["acknowledged", people.rivera],
    ]);
    expect((await c.read((tx) => tx.getRiskAlert(alertId)))?.acknowledgedBy).toBe(people.rivera);
  });

  it("without an on-call contact the repeats go to the treating therapist", async () => {
    await enrolled({ risk: { repeatMinutes: 30 } });
    await c.say("alex", "kms");
    const at31 = await c.tick(31 * 60_000);
    expect(at31.map((d) => [d.externalId, d.message.urgent])).toEqual([["rivera", true]]);
    expect((await c.tick(30 * 60_000)).map((d) => d.externalId)).toEqual(["rivera"]);
    await c.say("rivera", "seen 1");
    expect(await c.tick(2 * 60 * 60_000)).toEqual([]);
  });

  it("waits twice as long before each repeat, up to four hours: not every half hour all night", async () => {
    await enrolled();
    await c.say("alex", "kms");
    // Minute by minute for a day: when each urgent message to the therapist went out.
    const start = Date.parse(c.clock.now().toISOString());
    const at: number[] = [];
    for (let minute = 1; minute <= 24 * 60; minute++) {
      for (const d of await c.tick(60_000)) {
        if (d.externalId === "rivera" && d.message.urgent)
          at.push((Date.parse(c.clock.now().toISOString()) - start) / 60_000);
      }
    }
    // Escalated at 30 (to the therapist, with no on-call contact), then after 30, 60, 120, 240, 240…
    expect(at.slice(0, 6)).toEqual([30, 60, 120, 240, 480, 720]);
    expect(at).toEqual([30, 60, 120, 240, 480, 720, 960, 1200, 1440]);
  });
});

describe("words while an alert is open", () => {
  it("a sentence with a number after it reaches the alert; it is not taken as the answer", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "honestly i keep thinking about ending things");
    await c.say("alex", "ok");
    const replies = await c.say("alex", "i'm not safe. 1");
    expect(texts(replies, "rivera")[0]).toContain('"i\'m not safe. 1"');
    expect(await c.answers("alex")).toEqual([]);
  });
});

describe("visible everywhere", () => {
  it("clients marks an open alert, summary shows every event, the digest lists it until acknowledged", async () => {
    await enrolled({ digest: { day: "thu", time: "12:00" } });
    await c.tick(60_000);
    await c.say("alex", "nobody would even notice if i was gone");
    await c.say("alex", "yes");
    const [clients] = await c.say("rivera", "clients");
    expect(clients?.message.text).toContain("alex: URGENT alert 1 open (seen 1), last check-in never");
    const [summary] = await c.say("rivera", "summary alex");
    const text = summary?.message.text ?? "";
    expect(text).toContain("Risk:");
    expect(text).toContain("OPEN: urgent alert 1 is not acknowledged yet (seen 1).");
    const digest = (await c.tick(7 * 24 * 60 * 60_000)).find((d) =>
      d.message.text.startsWith("Weekly digest"),
    );
    expect(digest?.message.text).toContain("Urgent alerts not acknowledged:\n- alex: alert 1 since");
    // Named once: not again in alex's line of news.
    expect(digest?.message.text.match(/alert 1/g)).toHaveLength(1);
    await c.say("rivera", "seen 1");
    const [after] = await c.say("rivera", "clients");
    expect(after?.message.text).not.toContain("URGENT");
  });

  it("the digest of a week with a disclosure names it on the client's line after it was acknowledged, and a concern the client said no to", async () => {
    await enrolled({ digest: { day: "thu", time: "12:00" } });
    await c.enrol("rivera", "bea");
    await c.tick(60_000);
    await c.say("alex", "nobody would even notice if i was gone");
    await c.say("alex", "yes");
    await c.say("rivera", "seen 1");
    await c.say("bea", "honestly whats the point anymore");
    await c.say("bea", "no");
    const digest =
      (await c.tick(7 * 24 * 60 * 60_000)).find((d) => d.message.text.startsWith("Weekly digest"))?.message
        .text ?? "";
    expect(digest).not.toContain("Urgent alerts not acknowledged");
    expect(digest).toMatch(
      /- alex: [^\n]*risk this week: urgent alert 1 on \w+ \d+, \d{4}, acknowledged(;|$)/m,
    );
    expect(digest).toMatch(/- bea: [^\n]*risk this week: risk words on \w+ \d+, \d{4}/);
    // Named once: the week's risk part names the alert, so the flag of a recent one does not.
    expect(digest.match(/alert 1/g)).toHaveLength(1);
    // The week after, nothing new: both on the quiet line.
    const next =
      (await c.tick(7 * 24 * 60 * 60_000)).find((d) => d.message.text.startsWith("Weekly digest"))?.message
        .text ?? "";
    expect(next).not.toContain("risk this week");
  });
});

describe("a bare chat word under an open alert", () => {
  it("'skip' between check-ins under an open alert is answered as a nod, not with 'I don't pass messages on'", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i want to kill myself");
    const replies = await c.say("alex", "skip");
    expect(texts(replies, "alex")).toEqual([
      expect.stringMatching(/^Take good care of yourself\. The crisis contacts I sent a little earlier/),
    ]);
    expect(texts(replies, "rivera")).toEqual([]);
  });
});
