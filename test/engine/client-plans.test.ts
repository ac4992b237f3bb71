import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { type FixturePrompts, fixturePrompts } from "../helpers/fixture-prompts.js";

/** `instruments ALIAS [LIST|default]`: what one client's check-ins ask, in order, through the engine. */
let c: Conversation;
let prompts: FixturePrompts;
afterEach(() => {
  c.close();
  prompts.close();
});

const HOUR = 3_600_000;

/** A conversation on the fixture prompts (the shipped English and a 0 to 3 "fixture" instrument). */
async function start(config: ConstructorParameters<typeof Conversation>[0] = {}, at?: string): Promise<void> {
  prompts = fixturePrompts();
  c = new Conversation(config, "console", [], prompts.dir);
  if (at) c.clock.set(new Date(at));
  await c.enrol();
}

async function reply(text: string): Promise<string> {
  const [first] = await c.say("rivera", text);
  return first?.message.text ?? "";
}

/** The questions a check-in asked alex, as "instrument.item", in the order of its plan. */
async function askedOf(index: number): Promise<string[]> {
  const checkin = (await c.data("alex")).checkins[index];
  return checkin?.plan.map((p) => `${p.instrument}.${p.item}`) ?? [];
}

describe("a client's own instruments", () => {
  it("shows the clinic's default until one is set, with the safety question where it goes", async () => {
    await start();
    expect(await reply("instruments alex")).toBe(
      "alex's check-ins follow the clinic's default: alliance, progress, the safety question. For example: instruments alex progress,alliance",
    );
  });

  it("sets a plan in the order typed; the next check-in asks it, the safety question last, and the summary has each", async () => {
    await start();
    expect(await reply("instruments alex progress, fixture")).toBe(
      "alex's check-ins now ask: progress, fixture, the safety question.",
    );
    expect(await reply("instruments alex")).toBe(
      "alex's check-ins ask: progress, fixture, the safety question. You set this for them; instruments alex default goes back to the clinic's.",
    );
    const sent = await c.say("rivera", "checkin alex");
    expect(sent.find((d) => d.externalId === "alex")?.message.text).toContain("7 quick questions");
    expect(c.lastTo("alex").message.text).toContain("1/7. How have you been doing personally");
    await c.answerAll("alex", [5, 6, 4, 5, "several days", "3", "no"]);
    expect(await askedOf(0)).toEqual([
      "progress.personal",
      "progress.relationships",
      "progress.social",
      "progress.overall",
      "fixture.one",
      "fixture.two",
      "safety.harm",
    ]);
    const summary = c.lastTo("rivera").message.text;
    expect(summary).toContain("Progress 20/40: the first check-in of this episode.");
    expect(summary).toContain("Fixture questions: Fixture 1 1 · Fixture 2 3");
    expect(summary).toContain("Safety question: no.");
    expect(summary).not.toContain("Alliance");
  });

  it("refuses an id the prompts do not have, naming it and those available, and keeps the plan", async () => {
    await start();
    expect(await reply("instruments alex progress,mood,alliance")).toBe(
      'There is no instrument "mood" in the prompts. Available: alliance, fixture, progress.',
    );
    expect(await reply("instruments alex mood sleep, progress")).toBe(
      "None of these is an instrument in the prompts: mood, sleep. Available: alliance, fixture, progress.",
    );
    expect((await c.client("alex"))?.instruments).toBeNull();
  });

  it("says a measure rapport scores but the clinic has not imported is an admin's to import", async () => {
    await start();
    for (const typed of ["progress,phq9,alliance", "PHQ-9", "progress PHQ 9"]) {
      const text = await reply(`instruments alex ${typed}`);
      expect(text).toContain('There is no instrument "phq9" in the prompts yet. rapport scores the PHQ-9');
      expect(text).toContain("a clinic admin imports it once with rapport instrument import");
      expect(text).toContain("Available now: alliance, fixture, progress.");
    }
    expect((await c.client("alex"))?.instruments).toBeNull();
  });

  it("refuses the safety question in a list: it is the clinic's to place", async () => {
    await start();
    expect(await reply("instruments alex safety,progress")).toContain(
      "The safety question is the clinic's setting (risk.safetyQuestion)",
    );
    expect((await c.client("alex"))?.instruments).toBeNull();
  });

  it("goes back to the clinic's default with instruments ALIAS default", async () => {
    await start();
    await reply("instruments alex fixture");
    expect(await reply("instruments alex default")).toBe(
      "alex's check-ins are back to the clinic's default: alliance, progress, the safety question.",
    );
    await c.say("rivera", "checkin alex");
    expect((await askedOf(0))[0]).toBe("alliance.heard");
  });

  it("leaves an open check-in its questions; the next one asks the new plan", async () => {
    await start();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    expect(await reply("instruments alex fixture")).toBe(
      "alex's check-ins now ask: fixture, the safety question.\nThe check-in alex has open keeps its questions; the next one asks these.",
    );
    expect((await c.say("alex", "8"))[0]?.message.text).toContain("3/9.");
    await c.answerAll("alex", [8, 8, 6, 6, 6, 6, "no"]);
    expect(await askedOf(0)).toHaveLength(9);
    await c.say("rivera", "checkin alex");
    expect(await askedOf(1)).toEqual(["fixture.one", "fixture.two", "safety.harm"]);
  });

  it("keeps the safety question where the clinic's config lists it, whatever the client's order", async () => {
    await start({ checkin: { instruments: ["alliance", "progress", "safety", "fixture"] } });
    expect(await reply("instruments alex")).toBe(
      "alex's check-ins follow the clinic's default: alliance, progress, the safety question, fixture. For example: instruments alex progress,alliance",
    );
    expect(await reply("instruments alex fixture,progress,alliance")).toBe(
      "alex's check-ins now ask: fixture, progress, the safety question, alliance.",
    );
    // Without the instrument it follows in the clinic's list, it comes last.
    expect(await reply("instruments alex fixture,alliance")).toBe(
      "alex's check-ins now ask: fixture, alliance, the safety question.",
    );
  });

  it("asks nothing after the session under a split schedule when the plan has no alliance", async () => {
    await start({ schedule: { plan: "split", progressBeforeMinutes: 60 } }, "2026-11-02T09:00:00Z");
    await reply("instruments alex fixture");
    await reply("schedule alex weekly mon 12:00 50m");
    // Before the session: the plan's part about the past week, with the safety question.
    const before = await c.tick(2 * HOUR);
    expect(before.find((d) => d.externalId === "alex")?.message.text).toMatch(
      /^Before your session with Dr rivera: 3 quick/,
    );
    await c.answerAll("alex", [0, 1, "no"]);
    const after = await c.tick(2 * HOUR);
    expect(after.filter((d) => d.externalId === "alex")).toEqual([]);
    expect((await c.data("alex")).checkins).toHaveLength(1);
  });

  it("answers the usage to a list of nothing, and 'no such client' for another's client", async () => {
    await start();
    expect(await reply("instruments alex ,")).toContain("Usage: instruments ALIAS progress,alliance");
    expect(await reply("instruments sam progress")).toBe("You have no client called sam.");
  });
});
