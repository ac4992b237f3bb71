import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const COMMENT = "SECRET-COMMENT-about-my-sister";

/** Every text value in every column of every table, for searching the whole database (on disk). */
async function everyValue(conversation: Conversation): Promise<string[]> {
  const values: string[] = [];
  for (const table of await conversation.tables()) {
    for (const row of await conversation.rows(`SELECT * FROM "${table}"`)) {
      values.push(...Object.values(row).map((v) => String(v)));
    }
  }
  return values;
}

async function enrolWithHistory(): Promise<void> {
  c = new Conversation();
  const { code } = await c.engine.addTherapist("Dr Rivera");
  await c.say("rivera", `link ${code}`);
  const [invite] = await c.say("rivera", "invite zephyrine");
  const clientCode = /start (\S+)/.exec(invite?.message.text ?? "")?.[1];
  await c.say("client-77", `start ${clientCode}`);
  await c.say("client-77", "yes");
  await c.say("rivera", "checkin zephyrine");
  await c.answerAll("client-77", [9, 8, 7, 9, 5, 5, 4, 5, "no"], COMMENT);
  await c.say("client-77", "I want to die");
  await c.say("rivera", "schedule zephyrine weekly mon 10:00 50m");
  await c.say("rivera", "pause zephyrine 2026-12-24..2027-01-02");
}

describe("forget", () => {
  it("on disk: asks first, then erases everything about the client from every table; the therapist is told and an audit row stays", async () => {
    await enrolWithHistory();
    const [question] = await c.say("client-77", "forget");
    expect(question?.message.choices?.map((ch) => ch.value)).toEqual(["erase", "keep"]);
    expect((await everyValue(c)).some((v) => v.includes(COMMENT) || v.includes("zephyrine"))).toBe(true);
    const done = await c.press("client-77", "erase", question?.message.ref);
    expect(done.find((d) => d.externalId === "client-77")?.message.text).toContain("has been erased");
    // The alert from "I want to die" was still open: the notice says so, urgently, without the words.
    const notice = done.find((d) => d.externalId === "rivera")?.message;
    expect(notice?.urgent).toBe(true);
    expect(notice?.text).toBe(
      "zephyrine withdrew from rapport and erased their data. Nothing about them is kept.\nTheir urgent alert 1 was still open, not acknowledged: it was erased with everything else. If you have not followed up yet, please do so through your usual channels.",
    );
    const values = await everyValue(c);
    for (const needle of ["client-77", "zephyrine", COMMENT, "want to die"]) {
      expect(
        values.filter((v) => v.includes(needle)),
        needle,
      ).toEqual([]);
    }
    for (const table of [
      "clients",
      "checkins",
      "answers",
      "warnings",
      "risk_alerts",
      "jobs",
      "schedules",
      "pauses",
      "consents",
      "episodes",
    ]) {
      expect(await c.count(`SELECT COUNT(*) AS n FROM ${table}`), table).toBe(0);
    }
    expect(await c.rows("SELECT event, actor FROM audit")).toEqual([
      { event: "client_erased", actor: "client" },
    ]);
    const [after] = await c.say("client-77", "hello");
    expect(after?.message.text).toContain("start CODE");
  });

  it("reads the answer as consent is read: a question is no yes, a loose no keeps, a loose yes erases", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "forget");
    // An unsure "yes?" erases nothing: the question comes again with what it erases.
    const [asked] = await c.say("alex", "yes?");
    expect(asked?.message.text).toMatch(
      /^Here is what it erases, so you can decide\. Nothing happens until you answer\.\n\nThis erases everything/,
    );
    expect(asked?.message.choices).toHaveLength(2);
    expect((await c.client("alex"))?.status).toBe("active");
    // A question about it, in words: the same, and the answer after it still counts.
    const [what] = await c.say("alex", "wait what does that delete exactly?");
    expect(what?.message.text).toMatch(/^Here is what it erases/);
    expect((await c.say("alex", "no"))[0]?.message.text).toBe("Nothing was erased.");
    // Anything else is no answer: nothing erased, said in a line.
    await c.say("alex", "forget");
    expect((await c.say("alex", "banana"))[0]?.message.text).toContain("I didn't erase anything");
    await c.say("alex", "forget");
    const [kept] = await c.say("alex", "No, thank you 🙂");
    expect(kept?.message.text).toBe("Nothing was erased.");
    expect(await c.clientCount()).toBe(1);
    // Drawing back in other words is a no too: told nothing was erased, not how to erase after all.
    for (const back of [
      "wait no",
      "no nvm dont",
      "no dont erase it",
      "nah keep it pls",
      "doch nicht, bitte nicht",
    ]) {
      await c.say("alex", "forget");
      const [drawn] = await c.say("alex", back);
      expect(drawn?.message.text, back).toBe("Nothing was erased.");
    }
    await c.say("alex", "forget");
    const [erased] = await c.say("alex", "yes, of course");
    expect(erased?.message.text).toContain("has been erased");
    expect(await c.clientCount()).toBe(0);
  });

  it("keeps everything when the client answers keep, and ignores a stray 'erase' without a request", async () => {
    await enrolWithHistory();
    // With the alert from "I want to die" still open, a stray word goes to it, answered warmly.
    const stray = await c.say("client-77", "erase");
    expect(stray.filter((d) => d.externalId === "client-77").map((d) => d.message.text)).toEqual([
      expect.stringContaining("Your therapist will see this too"),
    ]);
    await c.say("client-77", "forget");
    const [kept] = await c.say("client-77", "keep");
    expect(kept?.message.text).toBe("Nothing was erased.");
    expect((await c.data("zephyrine")).checkins).toHaveLength(1);
    await c.say("client-77", "forget");
    c.clock.advance(16 * 60_000);
    await c.say("client-77", "erase");
    expect(await c.clientCount()).toBe(1);
  });

  it("on disk: erases on the therapist's discharge --erase, for a client who asked in person, leaving only an audit row", async () => {
    await enrolWithHistory();
    const replies = await c.say("rivera", "discharge zephyrine --erase --confirm");
    expect(replies.find((d) => d.externalId === "rivera")?.message.text).toContain(
      "zephyrine's data has been erased",
    );
    expect(replies.find((d) => d.externalId === "client-77")?.message.text).toContain("erased everything");
    // Whether the client asked is not known here (a therapist may erase someone who never agreed).
    for (const d of replies) expect(d.message.text).not.toMatch(/as (you|they) asked/);
    expect((await everyValue(c)).filter((v) => v.includes("zephyrine") || v.includes(COMMENT))).toEqual([]);
    expect(await c.rows("SELECT actor FROM audit")).toEqual([{ actor: "therapist" }]);
  });
});

describe("mydata", () => {
  it("sends the client everything rapport holds about them, readable in their words and as a JSON file", async () => {
    await enrolWithHistory();
    const replies = await c.say("client-77", "mydata");
    expect(replies).toHaveLength(1);
    const message = replies[0]?.message;
    const text = message?.text ?? "";
    expect(text).toContain("Name here: zephyrine. Your therapist: Dr Rivera. Status: active.");
    expect(text).toContain("You agreed to the check-ins on");
    expect(text).toContain("No check-ins from 2026-12-24 to 2027-01-02.");
    // Each question by its short label, in the order asked; no internal names.
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l.startsWith("- Felt heard and respected: 9"));
    expect(first).toBeGreaterThan(0);
    expect(lines.slice(first, first + 4)).toEqual([
      "- Felt heard and respected: 9",
      "- Worked on what I wanted: 8",
      "- Approach fits: 7",
      "- Session right overall: 9",
    ]);
    expect(lines.find((l) => l.endsWith(": No"))).toMatch(/yourself/);
    expect(text).toContain(`- Your comment: ${COMMENT}`);
    expect(text).not.toMatch(/alliance\.|progress\.|\{/);
    expect(message?.file?.name).toBe("rapport-my-data.json");
    expect(message?.file?.note).toContain("ask");
    const data = JSON.parse(message?.file?.content ?? "{}");
    expect(data.alias).toBe("zephyrine");
    expect(data.checkins[0].answers).toHaveLength(9);
    expect(data.riskAlerts).toHaveLength(1);
  });
});

describe("consent versions", () => {
  it("asks an enrolled client again at the next check-in when the consent text changes", async () => {
    c = new Conversation();
    await c.enrol();
    const pack = c.engine.deps.catalog.languages.get("en");
    if (!pack) throw new Error("no en pack");
    pack.messages.consent.version = 3;
    const sent = await c.say("rivera", "checkin alex");
    expect(sent.find((d) => d.externalId === "rivera")?.message.text).toContain(
      "asked to agree to the updated information first",
    );
    expect(sent.find((d) => d.externalId === "alex")?.message.choices?.map((ch) => ch.value)).toEqual([
      "yes",
      "no",
    ]);
    const agreed = await c.say("alex", "yes");
    expect(agreed.some((d) => d.message.text.includes("1/9."))).toBe(true);
    expect((await c.data("alex")).consents.map(({ version, choice }) => ({ version, choice }))).toEqual([
      { version: 2, choice: "given" },
      { version: 3, choice: "given" },
    ]);
  });
});

describe("codes", () => {
  it("makes a sender wait an hour after 5 wrong codes, even for a right one; on disk: attempts are kept under a hash", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    for (let i = 0; i < 5; i++) await c.say("guesser", `link AAAA-BBBB-CC${String(i).padStart(2, "0")}`);
    const [locked] = await c.say("guesser", `link ${code}`);
    expect(locked?.message.text).toContain("Too many codes that did not work");
    const [other] = await c.say("someone-else", "link AAAA-BBBB-CCCC");
    expect(other?.message.text).toContain("doesn't work");
    c.clock.advance(61 * 60_000);
    const [ok] = await c.say("guesser", `link ${code}`);
    expect(ok?.message.text).toContain("You're linked as Dr Rivera");
    expect((await everyValue(c)).some((v) => v.includes("guesser"))).toBe(true);
    expect(
      (await c.rows<{ sender_hash: string }>("SELECT sender_hash FROM code_attempts")).every(
        (r) => !String(r.sender_hash).includes("guesser"),
      ),
    ).toBe(true);
  });
});

describe("discharge --erase", () => {
  it("asks the therapist to confirm before erasing, and erases on the confirmation", async () => {
    await enrolWithHistory();
    const [question] = await c.say("rivera", "discharge zephyrine --erase");
    expect(question?.message.text).toContain("It cannot be undone");
    expect(await c.clientCount()).toBe(1);
    const value = question?.message.choices?.[0]?.value ?? "";
    expect(value).toBe("discharge zephyrine --erase --confirm");
    await c.press("rivera", value);
    expect(await c.clientCount()).toBe(0);
  });
});
