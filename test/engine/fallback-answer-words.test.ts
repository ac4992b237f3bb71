import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { addGermanPhq9, phqGadPrompts } from "../helpers/measures.js";

/**
 * A clinic with the PHQ-9 and the GAD-7 in English and the PHQ-9 in German. A client whose language
 * has no prompts for a measure is asked it in English (the fallback), and may answer in their own
 * language's everyday words ("a veces", "manchmal"), as the profile gives them for that language.
 */
const dir = phqGadPrompts();
addGermanPhq9(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

async function start(language: string): Promise<void> {
  c = new Conversation({}, "console", [], dir);
  await c.enrol();
  await c.say("rivera", "instruments alex phq9,gad7");
  await c.say("rivera", `language alex ${language}`);
  await c.say("rivera", "checkin alex");
}

/** alex's stored answers to one instrument, in the order asked. */
async function values(instrument: string): Promise<number[]> {
  return (await c.answers("alex")).filter((a) => a.instrument === instrument).map((a) => a.value);
}

async function answer(texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    const replies = await c.say("alex", text);
    const reply = replies.find((d) => d.externalId === "alex")?.message.text ?? "";
    expect(reply, text).not.toMatch(/no te he entendido|nicht verstanden|didn't get that/);
  }
}

describe("a measure asked in the fallback language", () => {
  it("takes a Spanish client's Spanish answer words; the re-ask lists the options shown", async () => {
    await start("es");
    expect(c.lastTo("alex").message.text).toContain("PHQ item 1 (placeholder)");
    const [again] = await c.say("alex", "qwerty");
    expect(again?.message.text).toMatch(
      /^Perdona, no te he entendido\. Toca uno de los botones o escribe PHQ answer 0 \(placeholder\) \/ PHQ answer 1 \(placeholder\)/,
    );
    await answer(["a veces", "casi todos los días", "varios días", "nunca", "la mayoría de los días"]);
    await answer(["nunca", "Nunca", "para nada", "nunca"]);
    expect(await values("phq9")).toEqual([1, 3, 1, 0, 2, 0, 0, 0, 0]);
    await answer(["a veces", "casi todos los días", "never"]);
    expect(await values("gad7")).toEqual([1, 3, 0]);
  });

  it("takes a German client's German words at the English GAD-7, and at the German PHQ-9 as before", async () => {
    await start("de");
    await answer(["manchmal", "meistens", "fast jeden tag", "nie", "gar nicht", "nie", "nie", "nie", "nie"]);
    expect(await values("phq9")).toEqual([1, 2, 3, 0, 0, 0, 0, 0, 0]);
    await answer(["manchmal", "meistens", "jeden tag"]);
    expect(await values("gad7")).toEqual([1, 2, 3]);
  });
});
