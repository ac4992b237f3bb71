import { afterEach, describe, expect, it } from "vitest";
import { asksAboutData, keepsData } from "../../src/engine/data-request.js";
import { asksWhoSees } from "../../src/engine/privacy-question.js";
import { asksWhereKept } from "../../src/engine/storage-question.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Questions about the client's data from a user trial: "how long do you keep my answers?" got only
 * "Nothing has been erased" (its "keep my answers" read as taking a deletion back); "who actually
 * reads this?", "is anyone else reading this", "does my insurance get it", "is it stored on some
 * server?", "is this encrypted", "does the bot use AI to read my messages" and "can i see what i
 * wrote" got "I don't pass messages on … not a crisis service". Now they get the data answer.
 */
let c: Conversation | undefined;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message.text);

describe("reading the questions", () => {
  it.each([
    ["how long do you keep my answers?", "kept"],
    ["how long do you keep my data", "kept"],
    ["how long are my answers stored", "kept"],
    ["is it stored on some server?", "kept"],
    ["is this encrypted", "kept"],
    ["where are my answers stored?", "kept"],
    ["does the bot use AI to read my messages", "ai"],
    ["does an AI read this?", "ai"],
    ["wie lange speichert ihr meine antworten?", "kept"],
    ["wird das auf einem server gespeichert?", "kept"],
    ["ist das verschlüsselt?", "kept"],
    ["nutzt der bot eine KI?", "ai"],
    ["cuánto tiempo guardan mis datos?", "kept"],
    ["se guarda en un servidor?", "kept"],
    ["esto está cifrado?", "kept"],
    ["usas inteligencia artificial?", "ai"],
  ])("%j asks where or how long: %s", (text, kind) => {
    expect(asksWhereKept(text)).toBe(kind);
  });

  it.each([
    "how long do you think it takes to feel better",
    "i keep my feelings stored up inside",
    "where does it go from here with my therapy",
    "my phone is encrypted lol",
  ])("%j is none", (text) => {
    expect(asksWhereKept(text)).toBeUndefined();
  });

  it.each([
    "who actually reads this?",
    "is anyone else reading this",
    "does my insurance get it",
    "liest hier noch jemand mit?",
    "quién lee realmente esto?",
    "alguien más está leyendo esto?",
    "mi seguro recibe esto?",
  ])("%j asks who sees the answers", (text) => {
    expect(asksWhoSees(text)).toBe(true);
  });

  it.each(["does anyone get it", "is anyone else feeling this way", "my boss gets it"])(
    "%j is no question about who sees",
    (text) => {
      expect(asksWhoSees(text)).toBe(false);
    },
  );

  it.each([
    "can i see what i wrote",
    "can i read my answers",
    "kann ich sehen, was ich geschrieben habe?",
    "puedo ver lo que escribí?",
  ])("%j asks to see their data", (text) => {
    expect(asksAboutData(text)).toBe(true);
  });

  it("'keep my answers' still takes a deletion back", () => {
    expect(keepsData("no wait keep my answers")).toBe(true);
  });
});

describe("between check-ins", () => {
  const PRIVACY = /Only Dr Rivera sees your check-in answers and comments/i;
  it.each([
    ["how long do you keep my answers?", /I set no time limit of my own/],
    ["how long do you keep my data", /I set no time limit of my own/],
    ["is it stored on some server?", /own system/],
    ["is this encrypted", /own system/],
    ["does the bot use AI to read my messages", /^No AI reads your messages/],
    ["who actually reads this?", PRIVACY],
    ["is anyone else reading this", PRIVACY],
    ["does my insurance get it", PRIVACY],
    ["can i see what i wrote", /type mydata/],
  ])("%j gets the data answer", async (typed, expected) => {
    c = new Conversation();
    await c.enrol();
    const [reply] = toAlex(await c.say("alex", typed));
    expect(reply).toMatch(expected);
    expect(reply).toMatch(/mydata/);
    expect(reply).not.toMatch(/Nothing has been erased|don't pass messages on/);
  });

  it("German: 'wie lange speichert ihr das?' is answered in German", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    const [reply] = toAlex(await c.say("alex", "wie lange speichert ihr das?"));
    expect(reply).toMatch(/Eine eigene Frist setze ich nicht/);
  });
});

describe("mid check-in", () => {
  it("'how long do you keep my answers?' gets where they are kept, and the question again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [reply] = toAlex(await c.say("alex", "how long do you keep my answers?"));
    expect(reply).toMatch(/I set no time limit of my own/);
    expect(reply).toMatch(/1\/9\./);
  });
});
