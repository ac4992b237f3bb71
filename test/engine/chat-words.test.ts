import { describe, expect, it } from "vitest";
import {
  CLIENT_WORDS,
  isTherapistWord,
  parseChatWord,
  SHARED_WORDS,
  THERAPIST_WORDS,
} from "../../src/engine/chat-words.js";

describe("parseChatWord", () => {
  it.each([
    ["help", "help", []],
    ["/help", "help", []],
    ["start ABCD-EFGH-JKMN", "start", ["ABCD-EFGH-JKMN"]],
    ["/start ABCD-EFGH-JKMN", "start", ["ABCD-EFGH-JKMN"]],
    ["/start@SomeBot CODE", "start", ["CODE"]],
    ["start@SomeBot CODE", "start", ["CODE"]],
    ["/START@SomeBot CODE", "start", ["CODE"]],
    ["/start@Some_Bot", "start", []],
    ["Invite Alex", "invite", ["Alex"]],
    ["CHECKIN alex", "checkin", ["alex"]],
    ["   summary    alex   ", "summary", ["alex"]],
    ["invite\talex\n", "invite", ["alex"]],
    ["start  ABCD  EFGH JKMN", "start", ["ABCD", "EFGH", "JKMN"]],
    ["schedule alex weekly", "schedule", ["alex", "weekly"]],
  ])("reads %j as %s %j", (text, word, args) => {
    expect(parseChatWord(text)).toEqual({ word, args });
  });

  it.each([
    "",
    "   ",
    "7",
    "7.5",
    "/7",
    "hello",
    "helpme",
    "help?",
    "//help",
    "please help",
    "/",
    "@SomeBot",
    "yes",
  ])("returns undefined for %j", (text) => {
    expect(parseChatWord(text)).toBeUndefined();
  });

  it("knows every listed word, with and without a slash", () => {
    for (const word of [...THERAPIST_WORDS, ...CLIENT_WORDS, ...SHARED_WORDS]) {
      expect(parseChatWord(word)).toEqual({ word, args: [] });
      expect(parseChatWord(`/${word.toUpperCase()}`)).toEqual({ word, args: [] });
    }
  });

  it("tells therapist words from client and shared words", () => {
    for (const word of THERAPIST_WORDS) expect(isTherapistWord(word)).toBe(true);
    for (const word of [...CLIENT_WORDS, ...SHARED_WORDS]) expect(isTherapistWord(word)).toBe(false);
  });
});
