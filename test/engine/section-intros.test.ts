import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

describe("each part's intro", () => {
  it("reads right in any order the therapist puts the instruments in, in every language", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "instruments alex progress, alliance");
    await c.say("rivera", "checkin alex");
    const seen: string[] = [];
    for (const v of [5, 5, 5, 5, 7, 7, 7, 7]) {
      seen.push(c.lastTo("alex").message.text);
      await c.say("alex", String(v));
    }
    const intros = seen.filter((text) => /\n\n\d\/\d+\./.test(text)).map((text) => text.split("\n\n")[0]);
    expect(intros).toEqual([
      "Four questions about how the past week has been for you.",
      "Four questions about your last session.",
    ]);
    // No intro anywhere says which part comes first or next: the order is the therapist's.
    for (const language of ["en", "de", "es"]) {
      const w = c.engine.deps.catalog.languages.get(language);
      for (const id of ["alliance", "progress"]) {
        expect(w?.instruments.get(id)?.intro, `${language} ${id}`).not.toMatch(
          /^(First|Now|Zuerst|Jetzt|Primero|Ahora)\b/u,
        );
      }
    }
  });
});
