import { afterEach, describe, expect, it } from "vitest";
import { asksAboutData, keepsData } from "../../src/engine/data-request.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);
const POINTER =
  "Your check-in answers and comments are seen by Dr rivera. To see everything rapport keeps about you, type mydata. To have it all erased, type forget: I'll ask you to confirm first.";

describe("asksAboutData", () => {
  it("reads questions about the client's data and wishes to delete it, as people type them", () => {
    for (const text of [
      "what do you store about me",
      "what do u keep on me?",
      "What data do you have on me",
      "who can see my answers?",
      "delete everything",
      "can you delete my data pls",
      "i want all my info deleted",
      "please erase my account",
      "was speicherst du über mich?",
      "lösch bitte alles",
      "meine daten löschen",
      "¿qué guardas sobre mí?",
      "borra mis datos por favor",
    ]) {
      expect(asksAboutData(text), text).toBe(true);
    }
  });

  it("leaves other words alone", () => {
    for (const text of [
      "erase me",
      "i keep everything inside",
      "i need to clear my head",
      "what do you think i should do",
      "i deleted his number finally",
      "my sister is in hospital, its been a lot",
    ]) {
      expect(asksAboutData(text), text).toBe(false);
    }
  });
});

describe("a question about the client's data between check-ins", () => {
  it("is answered with mydata and forget, not added to the comment or passed on", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 7, 8, 8, 6, 5, 4, 5, 0], "my sister is in hospital, its been a lot");
    for (const text of ["what do you store about me", "delete everything"]) {
      const replies = await c.say("alex", text);
      expect(texts(replies, "alex"), text).toEqual([POINTER]);
      expect(texts(replies, "rivera"), text).toEqual([]);
    }
    // Who sees the answers is said as at consent ("Only Dr rivera…"), with mydata and forget too.
    const who = await c.say("alex", "who can see my answers?");
    expect(texts(who, "alex")[0]).toMatch(/^Only Dr rivera sees .* type mydata\. .* type forget/);
    expect(texts(who, "rivera")).toEqual([]);
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain("- Nov 26, 2026: my sister is in hospital, its been a lot\n");
    expect(summary?.message.text).not.toContain("delete everything");
  });
});

describe("taking a deletion back", () => {
  it("is told nothing was erased, and is no comment for the therapist", async () => {
    expect(keepsData("actually keep it")).toBe(true);
    expect(keepsData("ok keep it pls")).toBe(true);
    expect(keepsData("Actually, keep it!! 🙏")).toBe(true);
    expect(keepsData("nein, doch nicht löschen")).toBe(true);
    expect(keepsData("no borres nada porfa")).toBe(true);
    for (const text of ["never mind", "i need to keep going", "she told me to keep it to myself, ugh"]) {
      expect(keepsData(text), text).toBe(false);
    }
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 7, 8, 8, 6, 5, 4, 5, 0], "work has been a lot");
    await c.say("alex", "delete everything");
    for (const text of ["actually keep it", "nvm dont delete"]) {
      const replies = await c.say("alex", text);
      expect(texts(replies, "alex"), text).toEqual([
        "Nothing has been erased: that only happens if you type forget and confirm it.",
      ]);
      expect(texts(replies, "rivera"), text).toEqual([]);
    }
    expect((await c.data("alex")).checkins.at(-1)?.comment).toBe("work has been a lot");
  });
});

/**
 * Regression: "can you just delete me", "what happens to my data if i quit" and "que pasa
 * con mis datos?" got the reply for words nobody reads, not the way to see and erase their data.
 */
describe("data requests as clients type them", () => {
  it.each([
    "can you just delete me",
    "delete me pls",
    "what happens to my data if i quit",
    "what do you do with my answers?",
    "was passiert mit meinen daten wenn ich aufhöre",
    "kannst du mich löschen",
    "que pasa con mis datos?",
    "¿qué hacen con mis respuestas?",
    "bórrame por favor",
  ])("reads %j", (text) => {
    expect(asksAboutData(text)).toBe(true);
  });

  it.each(["i want to delete myself", "delete me a message when you can", "erase me"])(
    "leaves %j alone",
    (text) => {
      expect(asksAboutData(text)).toBe(false);
    },
  );

  it("answers them between check-ins with mydata and forget", async () => {
    c = new Conversation();
    await c.enrol();
    for (const text of ["can you just delete me", "what happens to my data if i quit"]) {
      const replies = await c.say("alex", text);
      expect(texts(replies, "alex"), text).toEqual([POINTER]);
    }
  });
});
