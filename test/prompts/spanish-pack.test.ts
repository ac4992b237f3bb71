import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { localWord } from "../../src/engine/chat-words.js";
import { decideCheckinInput } from "../../src/engine/checkin/input.js";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import { parseYesNo } from "../../src/engine/yes-no.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import type { Checkin } from "../../src/store/types.js";

/**
 * The Spanish pack as the engine reads it: which platform locales pick it, and the words
 * Spanish speakers type (numbers, "7 de 10", sí and si, the control words, the safety question's
 * yes and no as people write them).
 */
const catalog = loadPrompts(fileURLToPath(new URL("../../prompts", import.meta.url)));
const es = wordingFor(catalog, "es");
const words = es.pack.messages.words;
const safety = es.instrument("safety");

describe("which locales pick Spanish", () => {
  it.each(["es", "es-ES", "es-MX", "es-419", "es_AR", "ES-us", "es-LA"])("%s", (locale) => {
    expect(wordingFor(catalog, locale).pack.language).toBe("es");
  });

  it("the platform's locale comes before the clinic's language, and the clinic's language is used without one", () => {
    expect(wordingFor(catalog, "es-MX", "en").pack.language).toBe("es");
    expect(wordingFor(catalog, "en-GB", "es").pack.language).toBe("en");
    expect(wordingFor(catalog, undefined, "es").pack.language).toBe("es");
  });

  it("has Spanish instruments, the safety question among them", () => {
    expect(es.instrument("alliance").language).toBe("es");
    expect(es.instrument("progress").language).toBe("es");
    expect(safety.language).toBe("es");
  });

  it("says one and many in Spanish", () => {
    expect(es.completedCheckins(1)).toBe("1 cuestionario completado");
    expect(es.completedCheckins(3)).toBe("3 cuestionarios completados");
  });
});

describe("answers typed in Spanish", () => {
  it.each([
    ["siete", 7],
    ["Siete.", 7],
    ["cero", 0],
    ["diez", 10],
    ["7 de 10", 7],
    ["7 sobre 10", 7],
    ["siete de diez", 7],
    ["7,5", 7.5],
  ])("%s is %d", (text, value) => {
    expect(parseScore(text, 0, 10, words)).toEqual({ ok: true, value });
  });

  it("refuses a score out of another scale", () => {
    expect(parseScore("7 de 9", 0, 10, words).ok).toBe(false);
  });

  it.each([
    ["sí", "yes"],
    ["Si", "yes"],
    ["yes", "yes"],
    ["Sí, acepto", "yes"],
    ["vale", "yes"],
    ["no", "no"],
    ["No, gracias", "no"],
  ] as const)("consent %s is %s (the buttons carry yes and no)", (text, answer) => {
    expect(parseYesNo(text, words)).toBe(answer);
  });

  it.each([
    ["pausa", "stop"],
    ["Parar", "stop"],
    ["/pausa", "stop"],
    ["seguir", "start"],
    ["ayuda", "help"],
    ["mis datos", "mydata"],
    ["olvídame", "forget"],
    ["olvidame", "forget"],
    ["borrar mis datos", "forget"],
  ])("%s is the control word %s", (text, word) => {
    expect(localWord(text, words)?.word).toBe(word);
  });

  it("every control word named in the client's help text works", () => {
    const help = es.t("client_help", { crisis: "" });
    for (const word of ["ayuda", "pausa", "seguir", "mis datos", "olvidar"]) {
      expect(help).toContain(word);
      expect(localWord(word, words)).toBeDefined();
    }
  });
});

describe("the safety question in Spanish", () => {
  const choices = safety.choices ?? [];
  const above = safety.riskItem?.above ?? 0;

  it.each([
    "sí",
    "si",
    "Sí, a veces",
    "a veces",
    "un poco",
    "casi nunca",
    "puede ser",
    "creo que si",
    "no mucho",
    "s",
  ])("after a concern, %s is a yes", (text) => {
    expect(readSafetyAnswer(text, choices, above)).toBe("yes");
  });

  it.each(["no", "No.", "nop", "nunca", "para nada", "claro que no", "la verdad que no", "qué va"])(
    "after a concern, %s is a no",
    (text) => {
      expect(readSafetyAnswer(text, choices, above)).toBe("no");
    },
  );

  it("an answer it cannot read is asked again", () => {
    expect(readSafetyAnswer("estoy en el trabajo", choices, above)).toBe("unclear");
  });

  it.each([
    ["Sí", 1],
    ["si", 1],
    ["a veces", 1],
    ["No", 0],
    ["nunca", 0],
  ])("in the check-in, %s is %d", (text, value) => {
    const checkin = { step: 0, plan: [{ instrument: "safety", item: "harm" }] } as unknown as Checkin;
    const decision = decideCheckinInput(
      checkin,
      { kind: "text", text },
      { scale: safety.scale, choices, commentMaxLength: 2000, words },
    );
    expect(decision.type === "answer" ? decision.answer.value : decision.type).toBe(value);
  });
});

describe("the Spanish risk lines", () => {
  it("name a yes read from doubt ('no sé') as an expression of risk, not as explicit risk", () => {
    // A therapist once read "riesgo explícito: respondió «no se»…": the pack reads not knowing as
    // a yes on purpose, and the line must not call it explicit.
    const w = wordingFor(catalog, "es");
    expect(w.t("risk_tier_disclosure")).toBe("expresión de riesgo");
  });
});
