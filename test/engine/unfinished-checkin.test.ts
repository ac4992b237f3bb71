import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * A check-in left part-way closes at its expiry. What the client answered in full reaches the
 * therapist at once (an alliance of 20/40 from a client who stopped answering is a reason to
 * call), a measure begun is counted and not scored, and no view says "not answered" of it.
 */
const HOUR = 3_600_000;
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

describe("a check-in that closes unfinished", () => {
  it("tells the therapist its whole measures at its expiry, and summary --all lists them", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of ["5", "4", "6", "5", "3"]) await c.say("alex", v);
    // The reminder a day later, then the expiry.
    expect((await c.tick(25 * HOUR)).map((d) => d.externalId)).toContain("alex");
    const sent = await c.tick(24 * HOUR);
    const notice = sent.filter((d) => d.externalId === "rivera").map((d) => d.message.text);
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(
      /^alex, check-in 1 \(sent Nov 26, 2026\) closed unfinished at its expiry, with 5 of 9 questions answered:\n/,
    );
    expect(notice[0]).toContain("- Alliance 20/40, below 36: worth talking about in the next session\n");
    expect(notice[0]).toContain("- Progress: 1 of 4 answered, not scored\n");
    expect(notice[0]).toContain("- safety question not reached\n");
    // Nothing about it to the client, and nothing counted as a completed check-in.
    expect(sent.filter((d) => d.externalId === "alex")).toEqual([]);
    const [all] = await c.say("rivera", "summary alex --all");
    expect(all?.message.text).toContain(
      "1. sent Nov 26, 2026, 10:00 AM, closed unfinished: Alliance 20/40, below 36: worth talking about in the next session · Progress: 1 of 4 answered, not scored · safety question not reached",
    );
    expect(all?.message.text).not.toContain("not answered");
    const [clients] = await c.say("rivera", "clients");
    expect(clients?.message.text).toContain("never finished (1 sent)");
    // The client answers late: told that it closed, not only that none is open.
    const [late] = await c.say("alex", "6");
    expect(late?.message.text).toMatch(
      /^Your check-in of Nov 26, 2026 closed on Nov 28, 2026 before it was finished, so this answer could not be added to it\. There is no check-in open right now\./,
    );
    // A week on, it is old news.
    c.clock.advance(8 * 24 * HOUR);
    const [later] = await c.say("alex", "6");
    expect(later?.message.text).toMatch(/^There is no check-in open right now\./);
  });

  it("tells nothing at once when no measure was answered in full, and lists it as not answered", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of ["8", "9"]) await c.say("alex", v);
    const sent = await c.tick(49 * HOUR);
    expect(sent.filter((d) => d.externalId === "rivera")).toEqual([]);
    const [all] = await c.say("rivera", "summary alex --all");
    expect(all?.message.text).toContain(
      "1. sent Nov 26, 2026, 10:00 AM, closed unfinished: Alliance: 2 of 4 answered, not scored",
    );
    await c.say("rivera", "checkin alex");
    const [again] = await c.tick(49 * HOUR).then(async () => c.say("rivera", "summary alex --all"));
    expect(again?.message.text).toContain("2. sent Nov 28, 2026, 11:00 AM, not answered");
  });

  it("brings the words a client wrote during it, with no whole measure", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "7");
    await c.say("alex", "my dog died on sunday");
    const sent = await c.tick(49 * HOUR);
    const notice = sent.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(notice).toContain("with 1 of 9 questions answered:\n- Alliance: 1 of 4 answered, not scored\n");
    expect(notice).toContain("Comment: my dog died on sunday");
    const [before] = await c.say("rivera", "summary alex");
    expect(before?.message.text).toContain(
      "Check-in 1 (sent Nov 26, 2026) closed unfinished: Alliance: 1 of 4 answered, not scored · Progress: not reached · safety question not reached.\nComment: my dog died on sunday",
    );
  });

  it("is in summary ALIAS after the last completed check-in, and words alone are no 'not answered'", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 10, 5, 6, 4, 5, "no", "skip"]);
    c.clock.advance(7 * 24 * HOUR);
    await c.say("rivera", "checkin alex");
    for (const v of ["5", "4", "6", "5"]) await c.say("alex", v);
    await c.say("alex", "honestly this week was awful");
    await c.tick(49 * HOUR);
    const [before] = await c.say("rivera", "summary alex");
    const text = before?.message.text ?? "";
    expect(text).toContain(
      "Check-in 2 (sent Dec 3, 2026) closed unfinished: Alliance 20/40, below 36: worth talking about in the next session · Progress: not reached · safety question not reached.\nComment: honestly this week was awful",
    );
    // A third, with words only, is listed as such, not as "not answered".
    await c.say("rivera", "checkin alex");
    await c.say("alex", "ugh not now, work is crazy");
    await c.tick(49 * HOUR);
    const [all] = await c.say("rivera", "summary alex --all");
    expect(all?.message.text).toMatch(
      /^3\. sent .*, closed unfinished: no question answered; words written$/m,
    );
  });

  it("words a whole PHQ-9 with its band", async () => {
    c = new Conversation({ checkin: { instruments: ["phq9", "progress"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [2, 2, 2, 2, 2, 1, 1, 0, 0]) await c.say("alex", String(v));
    const sent = await c.tick(49 * HOUR);
    const notice = sent.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(notice).toContain("- PHQ-9 12/27, moderate\n");
    expect(notice).toContain("with 9 of 14 questions answered");
    expect(notice).toContain("- Progress: not reached\n");
  });
});
