import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * `mydata` in the shipped German and Spanish packs: scores written as the language writes
 * decimals, and a yes to the safety question (no words of the client's) not shown as an empty quote.
 */
let c: Conversation;
beforeEach(async () => {
  c = new Conversation();
  await c.enrol();
});
afterEach(() => c.close());

async function myData(language: string, word: string): Promise<string> {
  await c.say("rivera", `language alex ${language}`);
  await c.say("rivera", "checkin alex");
  // Four alliance and four progress scores, then yes to the safety question.
  await c.answerAll("alex", [7, 8, 6, 7, "4,5", 5, 6, 5, 1]);
  const [data] = await c.say("alex", word);
  return data?.message.text ?? "";
}

describe("mydata in German and Spanish", () => {
  it("writes a half score with a decimal comma in German", async () => {
    const text = await myData("de", "meine daten");
    expect(text).toContain("- Persönlich: 4,5");
    expect(text).not.toContain("4.5");
  });

  it("writes a half score with a decimal comma in Spanish", async () => {
    const text = await myData("es", "mydata");
    expect(text).toContain("- A nivel personal: 4,5");
  });

  it("leaves out the quote of words when a yes to the safety question was all there was", async () => {
    const text = await myData("de", "meine daten");
    expect(text).toContain("wurde eine Sicherheitsmeldung ausgelöst");
    expect(text).not.toMatch(/gezeigt wurde: *$/m);
  });
});
