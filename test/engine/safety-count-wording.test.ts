import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * `summary ALIAS` counts the check-ins whose own safety question said no before the question was
 * asked again after worrying words. When the words were the comment of the latest check-in, that
 * check-in's own question came before them and is counted. Regression: "no each time in
 * the check-ins before (2)" on a client's second check-in read as if two came before it. The count
 * stays (the no given minutes before the words matters); the line says up to which day it runs.
 */
let c: Conversation;
afterEach(() => c?.close());

const WEEK = 7 * 24 * 3_600_000;

/** Two weekly check-ins, each "no" at its safety question; the second's comment is a concern, answered no. */
async function summaryAfterConcernInSecond(language: string, hopeless: string, no: string): Promise<string> {
  c = new Conversation({ clinic: { language } });
  await c.enrol();
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0]);
  c.clock.advance(WEEK);
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0], hopeless);
  await c.say("alex", no);
  const summary = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
  const label =
    { en: "Safety question:", de: "Sicherheitsfrage:", es: "Pregunta de seguridad:" }[language] ?? "";
  return summary.split("\n").find((l) => l.startsWith(label)) ?? "";
}

describe("summary ALIAS: the check-ins' no counted up to the question asked after the words", () => {
  it.each([
    {
      language: "en",
      hopeless: "honestly I don't see the point in going on anymore",
      no: "no",
      line: "Safety question: no on Dec 3, 2026, when asked after what they wrote; no each time a check-in asked it up to Dec 3, 2026 (2).",
    },
    {
      language: "de",
      hopeless: "manchmal frag ich mich wozu das alles eigentlich noch",
      no: "nein",
      line: "Sicherheitsfrage: nein am 03.12.2026, gestellt im Anschluss an die Nachricht; bis zum 03.12.2026 jedes Mal nein in den Check-ins (2).",
    },
    {
      language: "es",
      hopeless: "a veces pienso que estarian mejor sin mi",
      no: "no",
      line: "Pregunta de seguridad: no el 3 dic 2026 al preguntarle tras lo que escribió; hasta el 3 dic 2026, no cada vez que se hizo en los cuestionarios (2).",
    },
  ])("$language", async ({ language, hopeless, no, line }) => {
    expect(await summaryAfterConcernInSecond(language, hopeless, no)).toBe(line);
  });
});
