import { describe, expect, it } from "vitest";
import type { EngineDeps } from "../../src/engine/turn-context.js";
import { Turn } from "../../src/engine/turn-context.js";
import type { InboundEvent } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import type { Tx } from "../../src/store/types.js";

const catalog = loadPrompts();

function turnFrom(locale: string | undefined, clinicLanguage = "en"): Turn {
  const deps = { catalog, config: { clinic: { language: clinicLanguage } } } as unknown as EngineDeps;
  const event: InboundEvent = {
    channel: "telegram",
    id: "1",
    sender: { id: "7", locale },
    address: { chatId: 7 },
    direct: true,
    input: { kind: "text", text: "" },
  };
  return new Turn(deps, {} as Tx, event, "2026-12-06T00:00:00.000Z");
}

describe("a turn's wording, kept between asks", () => {
  it("follows the language set for the sender after it was first asked for, and back", () => {
    const turn = turnFrom("en-GB");
    expect(turn.wording.pack.language).toBe("en");
    turn.language = "de";
    expect(turn.wording.pack.language).toBe("de");
    expect(turn.wording.completedCheckins(1)).toBe("1 abgeschlossener Check-in");
    turn.language = "es";
    expect(turn.wording.completedCheckins(2)).toBe("2 cuestionarios completados");
    turn.language = null;
    expect(turn.wording.pack.language).toBe("en");
    expect(turn.wording.completedCheckins(1)).toBe("1 completed check-in");
  });

  it("is the platform's language, else the clinic's, and a spoken language still comes first", () => {
    expect(turnFrom("de-AT").wording.pack.language).toBe("de");
    expect(turnFrom(undefined, "es").wording.pack.language).toBe("es");
    const turn = turnFrom("de");
    expect(turn.wording.pack.language).toBe("de");
    expect(turn.spokenWording("es").pack.language).toBe("es");
    expect(turn.wording.pack.language).toBe("de");
  });

  it("is one wording per language, each with its own plural forms", () => {
    expect(wordingFor(catalog, "de")).toBe(wordingFor(catalog, "de-CH"));
    expect(wordingFor(catalog, "de")).not.toBe(wordingFor(catalog, "en"));
    for (const [language, one, other] of [
      ["en", "1 completed check-in", "3 completed check-ins"],
      ["de", "1 abgeschlossener Check-in", "3 abgeschlossene Check-ins"],
      ["es", "1 cuestionario completado", "3 cuestionarios completados"],
      ["en", "1 completed check-in", "3 completed check-ins"],
    ] as const) {
      const w = wordingFor(catalog, language);
      expect([w.completedCheckins(1), w.completedCheckins(3)]).toEqual([one, other]);
      expect(w.completedCheckins(0)).toBe(w.t("completed_checkins_other", { count: 0 }));
    }
  });
});
