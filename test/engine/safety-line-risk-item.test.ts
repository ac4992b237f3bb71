import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { addGermanPhq9, phqGadPrompts } from "../helpers/measures.js";

/**
 * `summary ALIAS` before a session: "Safety question: no each time it was asked (3)" stood right
 * above a PHQ-9 item 9 answered above 0 under "Risk:". Accurate, but it read as reassurance beside a
 * disclosure: the line says the item's answer too.
 */
const dir = phqGadPrompts();
addGermanPhq9(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation | undefined;
afterEach(() => {
  c?.close();
  c = undefined;
});

const WEEK = 7 * 24 * 3_600_000;

/** Three weekly check-ins, each with no to the safety question; the third has PHQ-9 item 9 at `ninth`. */
async function safetyLine(language: string, ninth: number): Promise<string> {
  const conversation = new Conversation(
    { clinic: { language }, checkin: { instruments: ["progress", "phq9"] } },
    "console",
    [],
    dir,
  );
  c = conversation;
  await conversation.enrol();
  for (let i = 0; i < 3; i++) {
    await conversation.say("rivera", "checkin alex");
    await conversation.answerAll("alex", [5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, i === 2 ? ninth : 0, 0]);
    conversation.clock.advance(WEEK);
  }
  const [summary] = await conversation.say("rivera", "summary alex");
  const lines = summary?.message.text.split("\n") ?? [];
  return lines.find((l) => /^(Safety question|Sicherheitsfrage|Pregunta de seguridad):/.test(l)) ?? "";
}

describe("the safety line before a session, beside a risk item answered above 0", () => {
  it.each([
    [
      "en",
      /^Safety question: no each time it was asked \(\d\), but PHQ-9 item 9 answered above 0 on .+2026\.$/,
    ],
    [
      "de",
      /^Sicherheitsfrage: jedes Mal nein \(\d\), aber die PHQ-9-Frage 9 am .+2026 mit mehr als 0 beantwortet\.$/,
    ],
    [
      "es",
      /^Pregunta de seguridad: no, cada vez que se hizo \(\d\), pero la pregunta 9 del PHQ-9 respondida por encima de 0 el .+2026\.$/,
    ],
  ])("%s: says the item's answer in the same line", async (language, expected) => {
    expect(await safetyLine(language, 1)).toMatch(expected);
  });

  it("stays as it was when the item was answered 0", async () => {
    expect(await safetyLine("en", 0)).toBe("Safety question: no each time it was asked (3).");
  });
});
