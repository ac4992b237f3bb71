import { afterEach, describe, expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { Conversation } from "../helpers/conversation.js";

// A usage line keeps the command words in English (they are what the therapist types) and says
// the words between them in the pack's language: no "or" or "shows it" in a German reply.
const catalog = loadPrompts();
const KEYS = ["usage_schedule", "usage_session", "usage_instruments", "usage_language"] as const;
const ENGLISH_GLUE = /(?<!\p{L})(?:or|shows|them|it|goes back|their|clinic's|app's)(?!\p{L})/u;

describe("usage lines in German and Spanish", () => {
  it.each(["de", "es"])("%s: the words between the commands are the pack's own", (language) => {
    const w = wordingFor(catalog, language);
    expect(w.pack.language).toBe(language);
    for (const key of KEYS) {
      const text = w.t(key);
      expect(text, key).not.toMatch(ENGLISH_GLUE);
      // The command words themselves stay as they are typed.
      expect(text.split(" ")[0], key).toBe(key.replace("usage_", ""));
    }
  });

  it("the help's first line says the commands are typed in English, without 'in any language'", () => {
    const first = (language: string) => wordingFor(catalog, language).t("therapist_help").split("\n")[0];
    expect(first("de")).toContain("die Befehle immer auf Englisch");
    expect(first("es")).toContain("las órdenes se escriben siempre en inglés");
    expect(first("es")).not.toContain("en cualquier idioma");
  });

  let c: Conversation | undefined;
  afterEach(() => c?.close());

  it("a German clinic's refused schedule and session say 'oder', a Spanish one's language 'lo muestra'", async () => {
    const german = new Conversation({ clinic: { language: "de" } });
    c = german;
    await german.enrol();
    const reply = async (typed: string) => (await german.say("rivera", typed))[0]?.message.text ?? "";
    expect(await reply("schedule alex weekly xyz 17:00")).toContain(
      "So geht es: schedule ALIAS weekly tue 17:00 50m [split] oder schedule ALIAS off",
    );
    expect(await reply("session alex xyz")).toContain(
      "So geht es: session ALIAS now oder session ALIAS 2026-12-03 15:30 50m",
    );
    german.close();
    const spanish = new Conversation({ clinic: { language: "es" } });
    c = spanish;
    await spanish.enrol();
    expect((await spanish.say("rivera", "language alex xx yy"))[0]?.message.text).toBe(
      "Uso: language ALIAS es (language ALIAS lo muestra; language ALIAS auto vuelve al idioma de su aplicación)",
    );
  });
});
