import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { asksAboutData, keepsData } from "../../src/engine/data-request.js";
import { asksWhoSees } from "../../src/engine/privacy-question.js";
import { asksWhereKept } from "../../src/engine/storage-question.js";
import type { Delivery } from "../../src/model.js";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Questions about the client's data from Regression: "how long do you keep my answers?" got only
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
    ["is this encrypted", "encrypted"],
    ["where are my answers stored?", "kept"],
    ["does the bot use AI to read my messages", "ai"],
    ["does an AI read this?", "ai"],
    ["wie lange speichert ihr meine antworten?", "kept"],
    ["wird das auf einem server gespeichert?", "kept"],
    ["ist das verschlüsselt?", "encrypted"],
    ["ist das verschlüsselt", "encrypted"],
    ["are you an ai?", "ai"],
    ["is this ai", "ai"],
    ["r u a bot", "ai"],
    ["liest das eine KI?", "ai"],
    ["lo lee una IA?", "ai"],
    ["nutzt der bot eine KI?", "ai"],
    ["cuánto tiempo guardan mis datos?", "kept"],
    ["se guarda en un servidor?", "kept"],
    ["esto está cifrado?", "encrypted"],
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
    ["is this encrypted", /^rapport itself does not encrypt your answers here/],
    ["does the bot use AI to read my messages", /^No AI reads your messages/],
    ["who actually reads this?", PRIVACY],
    ["is anyone else reading this", PRIVACY],
    ["does my insurance get it", PRIVACY],
  ])("%j gets the data answer", async (typed, expected) => {
    c = new Conversation();
    await c.enrol();
    const [reply] = toAlex(await c.say("alex", typed));
    expect(reply).toMatch(expected);
    expect(reply).toMatch(/mydata/);
    expect(reply).not.toMatch(/Nothing has been erased|don't pass messages on/);
  });

  it("'can i see what i wrote' gets the way to see it (mydata), not who sees it", async () => {
    c = new Conversation();
    await c.enrol();
    expect(toAlex(await c.say("alex", "can i see what i wrote"))).toEqual([
      "To see everything rapport keeps about you, what you wrote included, type mydata.",
    ]);
  });

  it("with a data key, 'is this encrypted' is answered yes", async () => {
    c = new Conversation({}, "console", [parseDataKey(randomBytes(32).toString("base64"))]);
    await c.enrol();
    const [reply] = toAlex(await c.say("alex", "is this encrypted"));
    expect(reply).toMatch(/^Yes: rapport stores your check-in answers and comments encrypted/);
  });

  it.each([
    ["de", "ist das verschlüsselt", /^rapport selbst verschlüsselt deine Antworten hier nicht/],
    ["es", "esto está cifrado?", /^rapport no cifra tus respuestas aquí/],
    ["de", "liest das eine KI?", /^Keine KI liest deine Nachrichten/],
    ["es", "lo lee una IA?", /^Ninguna IA lee tus mensajes/],
    ["en", "r u a bot", /^No AI reads your messages/],
  ])("in %s, %j is answered as asked", async (language, typed, expected) => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", `language alex ${language}`);
    expect(toAlex(await c.say("alex", typed))[0]).toMatch(expected);
  });

  it("German: 'wie lange speichert ihr das?' is answered in German", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    const [reply] = toAlex(await c.say("alex", "wie lange speichert ihr das?"));
    expect(reply).toMatch(/Eine eigene Frist setze ich nicht/);
    expect(reply).toContain("wie lange Unterlagen bei deiner Praxis aufbewahrt werden");
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

describe("at the comment", () => {
  it("'is this encrypted?' is answered, not kept as the comment, and the comment is asked again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const n of ["5", "5", "5", "5", "5", "5", "5", "5", "no"]) await c.say("alex", n);
    const [reply] = toAlex(await c.say("alex", "is this encrypted?"));
    expect(reply).toMatch(/^rapport itself does not encrypt/);
    expect(reply).toMatch(/Is there anything you would like Dr rivera to know/i);
    const summary = (await c.say("alex", "skip")).filter((d) => d.externalId === "rivera");
    expect(summary.map((d) => d.message.text).join("\n")).toContain("Comment: none");
  });
});
