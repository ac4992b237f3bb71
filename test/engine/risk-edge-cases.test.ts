import { afterEach, describe, expect, it } from "vitest";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import { catalogRiskScreen } from "../../src/engine/risk/screening.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { riskListsSchema } from "../../src/prompts/schema.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";

// Edge cases of the risk path, each a test that fails if the path lets the case through.
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

describe("while an alert is open", () => {
  it("passes on what the client writes next, even when it matches no list, and answers warmly", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i cant do this anymore, i'm going to take all my sleeping pills tonight");
    const next = await c.say("alex", "ok i've started taking them");
    expect(texts(next, "alex")).toEqual([expect.stringContaining("Your therapist will see this too")]);
    // The first addition goes to the therapist at once, not after ten minutes.
    const update = texts(next, "rivera")[0] ?? "";
    expect(update).toContain("URGENT, still open (alert 1)");
    expect(update).toContain('also wrote (no risk words): "ok i\'ve started taking them"');
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain("ok i've started taking them");
  });

  it("'sorry. 4' is the answer, kept with the alert without another urgent message", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "9");
    await c.say("alex", "2 tbh. kms");
    await c.say("alex", "9");
    const hedged = await c.say("alex", "sorry. 4");
    expect(hedged.some((d) => d.externalId === "rivera")).toBe(false);
    expect(texts(hedged, "alex")).toEqual([expect.stringMatching(/^4\/9\./)]);
    expect((await c.answers("alex")).map((a) => a.value).sort()).toEqual([4, 9, 9]);
    // Not hidden: the alert's reminder to the therapist lists it.
    const update = (await c.tick(31 * 60_000)).find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(update).toContain('"sorry. 4"');
    // Words that say something are not an excuse: they reach the therapist at once.
    const words = await c.say("alex", "im not safe. 1");
    expect(words.some((d) => d.externalId === "rivera" && d.message.urgent)).toBe(true);
  });

  it("a typed answer to the open question is still the answer", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "i want to die");
    await c.say("alex", "7");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([7]);
  });
});

describe("answers to the safety question as people type them", () => {
  const choices = [
    { value: 0, label: "No", words: ["no", "n", "nope", "nah", "not really", "never"] },
    { value: 1, label: "Yes", words: ["yes", "yeah", "ya", "yep", "kinda", "a bit", "i guess", "sometimes"] },
  ];
  it.each([
    ["ya kinda", "yes"],
    ["yep 😔", "yes"],
    ["a bit tbh", "yes"],
    ["i guess", "yes"],
    ["Yes.", "yes"],
    ["1", "yes"],
    ["nope", "no"],
    ["not really", "no"],
    ["0", "no"],
    ["idk", "unclear"],
    ["dunno", "unclear"],
    // A no taken back is not a no; passive thoughts are thoughts.
    ["no but i think about it", "unclear"],
    ["nah tho sometimes", "yes"],
    ["no, never", "no"],
  ])("%s → %s", (text, answer) => {
    expect(readSafetyAnswer(text, choices, 0)).toBe(answer);
  });

  // With the shipped packs' words: how often is an answer ("once" is a yes), and a yes word right
  // after a negator is not one ("not once", "nicht einmal", "ni una vez").
  it.each([
    ["en", "once", "yes"],
    ["en", "rarely", "yes"],
    ["en", "i did but i'm safe now", "yes"],
    ["en", "a couple times", "yes"],
    ["en", "not once", "no"],
    ["en", "nothing like that", "no"],
    ["en", "not rly", "no"],
    // A word of frequency inside an everyday remark is no yes: "daily" is not listed.
    ["en", "no, daily life is fine", "no"],
    ["en", "not this week", "no"],
    ["en", "no i did not", "no"],
    ["en", "not anymore", "unclear"],
    ["en", "not often", "unclear"],
    ["en", "idk, no", "unclear"],
    ["en", "not sure tbh, no", "unclear"],
    ["de", "einmal", "yes"],
    ["de", "nicht einmal", "no"],
    ["de", "keine gedanken", "no"],
    ["de", "keine ahnung", "unclear"],
    ["es", "una vez", "yes"],
    ["es", "ni una vez", "no"],
    ["es", "nada de eso", "no"],
  ])("%s: %s → %s", (language, text, answer) => {
    const safety = loadPrompts(PROMPTS_DIR).languages.get(language)?.instruments.get("safety");
    expect(readSafetyAnswer(text, safety?.choices ?? [], safety?.riskItem?.above ?? 0)).toBe(answer);
  });

  it("asks once more after an unclear answer, and never answers procedurally", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "whats the point anymore honestly");
    const [again] = await c.say("alex", "idk");
    expect(again?.message.text).toContain("It's all right not to be sure");
    const yes = await c.say("alex", "ya kinda");
    expect(yes[0]?.message.text).toContain("TEST CRISIS TEXT");
    expect(texts(yes, "rivera")[0]).toContain('answered "ya kinda" to the safety question');
  });

  it("'no but i think about it' is asked about once more, not passed on as a no", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i just want it all to stop");
    const replies = await c.say("alex", "no but i think about it");
    expect(texts(replies, "rivera")).toEqual([]);
    expect(texts(replies, "alex")[0]).toContain("It's all right not to be sure");
  });

  it("the check-in's own safety question reads an answer inside a sentence, and asks kindly when unsure", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of ["7", "7", "7", "7", "3", "3", "3", "3"]) await c.say("alex", v);
    const unsure = await c.say("alex", "no but i think about it");
    expect(texts(unsure, "alex")[0]).toMatch(/^It's all right not to be sure: a yes, a no, or "sometimes"/);
    expect((await c.answers("alex")).map((a) => a.instrument)).not.toContain("safety");
    const yes = await c.say("alex", "only passive thoughts");
    expect(texts(yes, "alex")[0]).toContain("TEST CRISIS TEXT");
    // A concern typed as the answer is that answer: not the same question asked again at once.
    const alert = yes.find((d) => d.externalId === "rivera" && d.message.urgent)?.message.text ?? "";
    expect(alert).toContain("only passive thoughts");
    expect(texts(yes, "alex").join("\n")).not.toContain("May I ask you one question about your safety");
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });

  it("'nope all good' at the check-in's safety question is a no", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of ["7", "7", "7", "7", "6", "6", "6", "6"]) await c.say("alex", v);
    const replies = await c.say("alex", "nope all good");
    expect(replies.some((d) => d.message.urgent)).toBe(false);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(0);
  });

  it("a question left unanswered lapses: a check-in's '1' three days later is the check-in's answer", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i feel like such a burden to everyone");
    await c.tick(3 * 24 * 60 * 60_000);
    await c.say("rivera", "checkin alex");
    const replies = await c.say("alex", "1");
    expect(replies.some((d) => d.message.urgent)).toBe(false);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([1]);
  });
});

describe("escalation that cannot reach the on-call contact", () => {
  it("stays with the treating therapist when the on-call contact never linked", async () => {
    c = new Conversation({ risk: { onCall: "Dr Night" } });
    await c.enrol();
    await c.engine.addTherapist("Dr Night");
    await c.say("alex", "i want to kill myself");
    const at31 = await c.tick(31 * 60_000);
    expect(at31.map((d) => d.externalId)).toEqual(["rivera"]);
    expect(at31[0]?.message.text).toContain("URGENT, reminder");
    const alex = await c.client("alex");
    const alert = await c.read((tx) => tx.openRiskAlert(alex?.personId ?? 0));
    expect(alert?.escalationNote).toBe("on-call contact not reachable: repeated to the treating therapist");
  });
});

describe("erasure with an alert open", () => {
  it("tells the therapist the alert was open, urgently, without the client's words", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i want to die");
    const alex = (await c.client("alex"))?.personId ?? 0;
    expect(await c.read((tx) => tx.riskEvents(alex))).toHaveLength(1);
    const erased = await c.say("rivera", "discharge alex --erase --confirm");
    const notice = erased.find((d) => d.externalId === "rivera" && d.message.urgent)?.message.text ?? "";
    expect(notice).toContain("urgent alert 1 was still open");
    expect(notice).not.toContain("want to die");
    expect(await c.read((tx) => tx.riskEvents(alex))).toEqual([]);
  });
});

describe("the screen under hostile input", () => {
  const screen = catalogRiskScreen(loadPrompts(PROMPTS_DIR));

  it("shows the therapist the whole wish that matched, not a fragment of it", () => {
    expect(screen.screen("honestly i just want to sleep and not wake up tbh")?.words).toEqual([
      "sleep and not wake up",
    ]);
  });

  it("a flood of masked words is read in bounded work (a 1 MB message does not stall the server)", () => {
    // The bound is on the work, not the time: past 64 masked words the rest are read as written.
    const found = screen.screen(`${"a*b ".repeat(250_000)} k*ll myself`);
    expect(found).toBeUndefined();
    expect(screen.screen(`${"a*b ".repeat(10)} k*ll myself`)?.tier).toBe("disclosure");
  });

  it("a right-to-left override in the client's words does not reach the alert", async () => {
    c = new Conversation();
    await c.enrol();
    const replies = await c.say("alex", "\u202ei want to die");
    const alert = texts(replies, "rivera")[0] ?? "";
    expect(alert).toContain("i want to die");
    expect(alert).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it.each(["#", "i", "{i|you|a|the|to}"])(
    "refuses a phrase that would match nearly everything: %s",
    (phrase) => {
      const result = riskListsSchema.safeParse({ language: "en", disclosure: [phrase] });
      expect(result.success).toBe(false);
    },
  );
});

describe("someone unknown in a group", () => {
  it("gets a neutral pointer to a private chat in the group, not the crisis text in front of others", async () => {
    c = new Conversation();
    const { replies } = await c.send({
      ...c.event("stranger", { kind: "text", text: "i want to kill myself" }),
      direct: false,
      address: { name: "family-group" },
    });
    expect(replies.map((d) => [d.externalId, d.message.text])).toEqual([
      [
        "group:stranger",
        "I can only answer in a private chat. Please write to me directly; I'll reply there.",
      ],
    ]);
    // Written to directly, they get the crisis text at once.
    const direct = await c.say("stranger", "i want to kill myself");
    expect(direct[0]?.message.text).toContain("TEST CRISIS TEXT");
  });
});
