import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type RiskScreen, riskScreen } from "../../src/clinical/risk-screen.js";
import { harmlessMessages, measureCorpus, riskMessages, shippedLists } from "./corpus.js";

/**
 * The Spanish lists (prompts/es/risk.yaml) against a corpus of messages as clients write them in
 * Spanish (test/fixtures/risk-corpus/es-*.tsv): lower case, no accents, chat spellings ("kiero",
 * "q", "xq"), leetspeak and masks, Spain and Latin America; and harmless messages full of risky
 * words and idioms ("me muero de risa", "me mata el calor", "matar el tiempo", "cortarme el pelo").
 * The same targets as English (risk-corpus.test.ts): at least 98 % of risk messages flagged by the
 * Spanish lists alone, at most 5 % of harmless ones flagged by every shipped language's lists (as
 * rapport screens).
 *
 * The corpus and the lists were written by the same hand, not by a clinician. The first 177 risk and
 * 98 harmless messages were written alongside the lists. A second batch (47 and 36, other dialects:
 * Mexico, Argentina, Chile, Spain) was written after them and measured before any change: the lists
 * flagged 22 of its 47 risk messages (46.8 %) and 5 of its 36 harmless ones (13.9 %); they were then
 * corrected against it (phrases added, idioms made exceptions, nothing narrowed). That first
 * measurement is the honest guide to new text: have a clinician who works in Spanish review both.
 */

const promptsDir = new URL("../../prompts/", import.meta.url);
const shippedLanguages = readdirSync(promptsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(new URL(`${d.name}/`, promptsDir)).includes("risk.yaml"))
  .map((d) => d.name)
  .sort();

const es = shippedLists("es");
const spanish = riskScreen([es]);
/** Every language's lists over every text, in the catalog's order, as rapport screens. */
const everyLanguage = riskScreen(shippedLanguages.map(shippedLists));

const risky = riskMessages("es-risk.tsv");
const harmless = harmlessMessages("es-harmless.tsv");
const englishHarmless = harmlessMessages("en-harmless.tsv");

const measure = (screen: RiskScreen, alarmsScreen: RiskScreen) =>
  measureCorpus(screen, risky, harmless, alarmsScreen);

describe("the Spanish risk corpus", () => {
  it("has both tiers, with enough messages to measure", () => {
    expect(es.language).toBe("es");
    expect(risky.length).toBeGreaterThanOrEqual(150);
    expect(harmless.length).toBeGreaterThanOrEqual(80);
    expect(new Set(risky.map((r) => r.tier))).toEqual(new Set(["disclosure", "concern"]));
  });

  it("the Spanish lists flag at least 98 % of risk messages; all lists flag at most 5 % of harmless ones", () => {
    const { recall, falseAlarms, report } = measure(spanish, everyLanguage);
    console.info(report);
    expect(recall, report).toBeGreaterThanOrEqual(0.98);
    expect(falseAlarms, report).toBeLessThanOrEqual(0.05);
  });

  it("puts no attempt or self-harm in the concern tier only", () => {
    const serious = risky.filter((r) => ["attempt", "self-harm"].includes(r.category));
    const soft = serious.filter((r) => spanish.screen(r.text)?.tier === "concern");
    expect(soft.map((r) => r.text)).toEqual([]);
  });

  it("asks the safety question in Spanish for a Spanish concern, whatever other lists match", () => {
    const concerns = risky.filter((r) => everyLanguage.screen(r.text)?.tier === "concern");
    expect(concerns.length).toBeGreaterThan(40);
    const elsewhere = concerns
      .map((r) => ({ text: r.text, language: everyLanguage.screen(r.text)?.language }))
      .filter((r) => r.language !== "es");
    expect(elsewhere).toEqual([]);
  });

  it("adds no false alarm to the English harmless corpus", () => {
    const english = riskScreen([shippedLists("en")]);
    const added = englishHarmless
      .filter((h) => english.screen(h.text) === undefined && everyLanguage.screen(h.text) !== undefined)
      .map((h) => `${h.text}  [${everyLanguage.screen(h.text)?.hits[0]?.phrase}]`);
    expect(added).toEqual([]);
  });
});

describe("Spanish idioms listed as exceptions", () => {
  // Each kind of exception of the Spanish list, with a harmless text it clears and a risky one it must not.
  it.each([
    { harmless: "me quiero morir de la vergüenza", risky: "me quiero morir" },
    { harmless: "casi me muero de risa", risky: "ojalá me muera" },
    { harmless: "quiero ver el mar antes de morirme", risky: "quiero morirme" },
    { harmless: "me mata el calor", risky: "me voy a matar" },
    { harmless: "leo para matar el tiempo", risky: "quiero matarme" },
    { harmless: "mi jefe va a matarme", risky: "voy a matarme" },
    { harmless: "me mato a estudiar", risky: "me mato" },
    { harmless: "vimos Escuadrón Suicida", risky: "me siento suicida" },
    { harmless: "una charla de prevención del suicidio", risky: "pienso en el suicidio" },
    { harmless: "ese examen fue un suicidio", risky: "intenté el suicidio" },
    { harmless: "ya no tengo pensamientos suicidas", risky: "tengo pensamientos suicidas" },
    { harmless: "voy a cortarme el pelo", risky: "voy a cortarme" },
    { harmless: "me corté con un papel", risky: "me corté otra vez" },
    { harmless: "me corté con el cuchillo pelando patatas", risky: "me corté con el cuchillo a propósito" },
    { harmless: "me hice daño en la rodilla", risky: "me hice daño" },
    { harmless: "me lastimé el tobillo corriendo", risky: "me lastimé a propósito" },
    { harmless: "me pegué un tiro en el pie con ese proyecto", risky: "me voy a pegar un tiro" },
    { harmless: "una sobredosis de café", risky: "me tomé una sobredosis" },
    { harmless: "quiero terminar con todo el papeleo", risky: "quiero terminar con todo" },
    { harmless: "no hay salida de emergencia", risky: "no hay salida" },
    { harmless: "podría dormir para siempre", risky: "quiero dormir para siempre" },
    { harmless: "quiero desaparecer del mapa un fin de semana", risky: "quiero desaparecer" },
    { harmless: "no puedo más, he comido demasiado", risky: "no puedo más" },
    { harmless: "estoy atrapada en el tráfico", risky: "me siento atrapada" },
    { harmless: "quiero que todo salga bien", risky: "quiero que todo termine" },
    { harmless: "quiero que todo termine bien", risky: "quiero que todo acabe ya" },
    { harmless: "de qué sirve seguir esperando", risky: "de qué sirve seguir" },
    { harmless: "espero que me pase algo bueno", risky: "espero que me pase algo" },
    { harmless: "no quiero estar aquí un viernes", risky: "no quiero estar aquí" },
    { harmless: "no quiero vivir en el centro", risky: "no quiero vivir" },
    { harmless: "casi me mato con la bici", risky: "casi me tiro del puente" },
    { harmless: "me hice cortes de pelo raros", risky: "me hice cortes" },
    { harmless: "me despido de todos, hasta mañana", risky: "me despido de todos" },
    { harmless: "pienso en la muerte de mi abuelo", risky: "pienso en la muerte" },
    { harmless: "no sirvo para nada en la cocina", risky: "no sirvo para nada" },
    { harmless: "cuando ya no esté en casa", risky: "cuando ya no esté" },
    { harmless: "mi madre se desvive por sus nietos", risky: "quiero desvivirme" },
    { harmless: "me desvivo por mis hijos", risky: "pienso en desvivirme" },
    { harmless: "mi hermana me pegó el resfriado", risky: "mi hermana me pegó" },
    { harmless: "abusa de mi paciencia", risky: "abusa de mí" },
    { harmless: "corrí 10 kms", risky: "kms" },
    { harmless: "tengo que acabar con todo esto antes del viernes", risky: "voy a acabar con todo" },
    { harmless: "se me cortó la llamada", risky: "me corto" },
    { harmless: "me corté la mano abriendo una lata", risky: "me corté la mano" },
    { harmless: "mi padre me pegó la bronca", risky: "mi padre me pegó" },
    { harmless: "solo quiero que pare de llover", risky: "solo quiero que pare" },
    { harmless: "me estoy haciendo daño en la espalda con esta silla", risky: "me estoy haciendo daño" },
  ])("$harmless", ({ harmless, risky }) => {
    expect(everyLanguage.screen(harmless)).toBeUndefined();
    expect(everyLanguage.screen(risky)).toBeDefined();
  });
});

describe("how Spanish is typed", () => {
  it.each([
    "QUIERO MORIRME",
    "quiero morirmeee",
    "Quiero suicidarme",
    "quiero suicidarme",
    "¿y si me quito la vida?",
    "QUITARME LA VÍDA",
    "m4t4rme",
    "quiero m*rir",
    "kiero morir",
    "no kiero vivir",
    "me kiero matar",
    "su1c1d4rme",
    "¡no puedo más!",
    "ya no aguanto más",
    "q sentido tiene vivir",
    "Estaría mejor muerta",
    "no puedo mas",
    "sueño con no despertar",
    "Sobro.",
  ])("%s is flagged", (text) => {
    expect(spanish.screen(text)).toBeDefined();
  });
});
