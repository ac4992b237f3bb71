import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { shippedLists } from "./corpus.js";

/**
 * Risk messages typed as clients type them in the console, each of which the shipped lists must
 * flag: unflagged, with no check-in open it would get "your therapist won't see this here", and
 * inside one it would become a comment read hours later. Screened as rapport runs, every shipped
 * language at once.
 */
const screen = riskScreen([shippedLists("en"), shippedLists("de"), shippedLists("es")]);

describe("risk messages as clients type them", () => {
  it.each([
    "my ex said he'll kill me if i leave",
    "my partner hit me again last night",
    "i feel like hurting someone",
    "might as well end it",
    "i might just end it",
    "i keep thinking about the train tracks near work",
    "hab gestern ein paar bier getrunken und zu viele von meinen tabletten genommen",
    "tomé demasiadas pastillas",
    "el sábado tomé unas copas y tomé demasiadas pastillas, no se lo digas a nadie",
    "me tomé unas pastillas de más anoche, pero estoy bien",
    "mein ex hat gesagt er bringt mich um wenn ich gehe",
    "mein freund hat mich gestern wieder geschlagen",
    "ich hab angst dass ich jemandem was antue",
    "mi ex dijo que me va a matar si lo dejo",
    // Farewells: preparations such as goodbyes are disclosures (CLINICAL.md).
    "tell my mom i love her. goodbye",
    "sorry for everything, love you all",
    "sag meiner mutter dass ich sie liebe. tschüss",
    "tut mir leid für alles, hab euch alle lieb",
    "dile a mi mamá que la quiero. adiós",
    "perdón por todo, los quiero a todos",
  ])("disclosure: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("disclosure");
  });

  it.each([
    "been thinking everyone would be better off",
    "no point living like this",
    "alle wären besser dran",
    "no quiero seguir",
  ])("concern at least: %s", (text) => {
    expect(screen.screen(text)?.tier).toMatch(/^(concern|disclosure)$/);
  });
});

/**
 * German and Spanish clients typing as people do, between check-ins: each once got the generic
 * reply and no safety question. Filler particles ("eh", "einfach", "vllt") and chat spellings
 * ("nich", "ne") are read by the pack's `fillers` and `spellings`; the rest are phrases.
 */
describe("German and Spanish risk messages as clients type them", () => {
  it.each([
    // Researching a method, stockpiling means: disclosures, as "wie viele tabletten tödlich sind".
    "hab schon mal geschaut wie viele tabletten man braucht",
    "wie viele schlaftabletten man bräuchte",
    "weiß nicht wie viel paracetamol es braucht",
    "die tabletten hab ich mir halt aufgehoben",
    "ich tu mir halt was an",
    "he estado mirando cuantas pastillas hacen falta",
    "cuántas pastillas se necesitan",
    "cuantos somniferos harían falta",
    "tengo pastillas guardadas",
    "tengo pastillas ahorradas",
    "tengo ya pastillas juntadas",
    "tengo somníferos guardados",
  ])("disclosure: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("disclosure");
  });

  it.each([
    // Burden, "better if I weren't here", "no point": concerns, as the same words without fillers.
    "waer besser wenn ich nich mehr da waer",
    "wär besser wenn ich nich mehr da wär",
    "bin eh allen nur ne last",
    "ich bin halt echt nur ne last",
    "vllt wärs besser wenn ich einfach weg wär",
    "alles sinnlos",
    "is eh alles sinnlos",
    "mein leben halt total sinnlos",
    "ich bin doch eh nur ne belastung",
    "no puedo pues más",
    "soy tipo una carga",
  ])("concern: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("concern");
  });

  it.each([
    "ich brauch eh ne pause",
    "einfach weg fahren am wochenende",
    "ich bin mal kurz weg",
    "das war halt nich so sinnvoll",
    "tengo pastillas para la alergia",
    // Asking what one may take for a pain is asking for a safe dose, not how many it takes.
    "cuantas pastillas de ibuprofeno puedo tomar para el dolor de cabeza",
    "ya me tomé las pastillas de hoy",
  ])("harmless: %s", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });
});

describe("fillers never stretch a harmless idiom over a real match", () => {
  // Exceptions do not read past fillers: if they did, an idiom stretched over one could cover a
  // disclosure or a concern beside it, and the message would screen as nothing.
  it.each([
    "ich will einfach sterben, halt vor scham",
    "ich könnte mich einfach erschießen, so scheiße geht's mir",
    "me despido de todos, sinceramente, gracias por todo",
    "quiero despedirme de todos, literal, por ahora y para siempre",
    "voy a acabar con todo esto, literal, hoy",
    "quiero acabar con todo, literal, lo de vivir",
    "ya no quiero vivir, tipo, con nadie",
    "me quiero morir literal de pena",
  ])("disclosure: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("disclosure");
  });

  it.each([
    "ich bin so am ende mit allem",
    "ich bin echt am ende, nur noch leer",
    "bin wirklich am ende mit meiner kraft",
    "ich kann halt nicht mehr, ständig diese gedanken",
    "ich kann nicht mehr, einfach immer nur weinen",
    "ich will nicht mehr, echt so lange schon",
    "no puedo mas, ya la espera me mata",
    "ojala me pase algo, tipo, asi grave",
    "me siento atrapada, literal, en la oficina y en mi vida",
    "para que seguir pues esperando nada",
  ])("concern or more: %s", (text) => {
    expect(screen.screen(text)?.tier).toMatch(/^(concern|disclosure)$/);
  });
});

describe("more risk messages as clients type them", () => {
  it.each([
    // Researching how much it takes: a method, as "how many would it take" already was.
    "how many pills does it take to die",
    "looked up how many pills it takes",
    "googled how many pills it takes",
    "wondering how many sleeping pills you need",
  ])("disclosure: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("disclosure");
  });

  it.each(["everyone wud be better off w/o me", "estarian todos mejor sin mi", "im done. with all of it"])(
    "concern: %s",
    (text) => {
      expect(screen.screen(text)?.tier).toBe("concern");
    },
  );

  it.each(["how many tablets do i need for a headache", "googled how much it takes to fix a car"])(
    "harmless: %s",
    (text) => {
      expect(screen.screen(text)).toBeUndefined();
    },
  );
});

/**
 * Passive death wishes and farewells: unflagged, they would get the generic reply, with no safety
 * question and nothing to the therapist. Wishing not to exist is "wanting to disappear"
 * (CLINICAL.md, concern); a farewell that apologises for everything is at least a concern. "This
 * is my last check-in" is also what a client finishing therapy writes: a concern (one question,
 * answered no in a moment), never a disclosure by itself.
 */
describe("passive wishes and farewells", () => {
  it.each([
    "i wish i didnt exist",
    "i wish i could just not exist",
    "what if i just didnt exist",
    "i just want to rest forever",
    "im sorry for everything. bye",
    "this is my last check-in. thanks for everything",
    "tbh i wish i didnt exist",
    "not really i just want it to stop",
    "ich wünschte, ich würde nicht existieren",
    "ich wünschte, es gäbe mich nicht",
    "was wäre, wenn ich einfach nicht existieren würde",
    "ich will einfach für immer ruhen",
    "es tut mir leid für alles. tschüss",
    "sorry für alles. tschüss",
    "das ist mein letzter check-in. danke für alles",
    "ojalá no existiera",
    "y si simplemente no existiera",
    "solo quiero descansar para siempre",
    "lo siento por todo. adiós",
    "perdón por todo. chao",
    "este es mi último check-in. gracias por todo",
  ])("concern: %s", (text) => {
    expect(screen.screen(text)?.tier).toBe("concern");
  });

  it.each([
    "they treat me as if i didnt exist",
    "sorry for everything today, bye for now",
    "sorry about all of it bye see you tuesday",
    "i could rest forever on this beach",
    "i just want it to stop raining",
    "y si no existiera el dinero",
    "perdón por todo, chao, nos vemos el martes",
    "sorry für alles heute, tschüss bis dienstag",
  ])("harmless: %s", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });

  // Everyday goodbyes are not farewells.
  it.each([
    "tell my mom i love her",
    "bye for now",
    "goodbye see you tuesday",
    "tell my mom i love her. bye for now",
    "love you all, bye see you tuesday",
    "hab euch lieb, tschüss bis dienstag",
    "los quiero, adiós, hasta el martes",
  ])("no risk: %s", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });
});
