import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clinicForConsent, typedToConsent } from "../helpers/consent.js";
import type { Conversation } from "../helpers/conversation.js";

/**
 * The answer to the consent question as people type it: the button's words loosely (case, a
 * missing comma, trailing punctuation, an emoji or a smiley), or a plain yes or no of their
 * language. Consent must be a clear yes: anything unclear is asked again, and nothing is stored.
 */
let c: Conversation;
beforeEach(async () => {
  c = await clinicForConsent();
});
afterEach(() => c.close());

type Outcome = "given" | "declined" | "asked again";

/** A new client in this language types `answer` to the consent question; what came of it. */
async function consentTo(
  language: string,
  answer: string,
): Promise<{ alias: string; outcome: Outcome; reply: string }> {
  const { alias, consent, reply, stored } = await typedToConsent(c, language, answer);
  expect(consent?.message.choices).toHaveLength(2);
  const outcome: Outcome = stored ? (stored === "given" ? "given" : "declined") : "asked again";
  return { alias, outcome, reply: reply?.message.text ?? "" };
}

/** Every answer of a list with the outcome it had, so a failure names them all. */
async function outcomes(language: string, answers: readonly string[]): Promise<[string, Outcome][]> {
  const found: [string, Outcome][] = [];
  for (const answer of answers) found.push([answer, (await consentTo(language, answer)).outcome]);
  return found;
}

const each = (answers: readonly string[], outcome: Outcome) =>
  answers.map((a): [string, Outcome] => [a, outcome]);

describe("consent typed in English", () => {
  const yes = [
    "Yes, I agree",
    "yes i agree",
    "yes I agree",
    "yes, i agree!",
    "Yes I agree :)",
    "Yes, I agree 😊",
    "  YES, I AGREE.  ",
    "I agree",
    "yes",
    "yep",
    "yes please",
    "of course",
    "sure",
    "ok",
    "okay",
  ];
  const no = ["No, thanks", "no thanks", "no, thank you", "No thank you!", "not now", "No, not now", "no"];
  const unclear = [
    "maybe",
    "idk",
    "yes but what is this",
    "no I agree",
    "yes no",
    "I don't know",
    "what is this?",
    "yes?",
    "ok but who sees this",
    "👍",
  ];

  it("takes the button's words and a plain yes, typed loosely, as a yes", async () => {
    expect(await outcomes("en", yes)).toEqual(each(yes, "given"));
  });

  it("takes a plain no, typed loosely, as a no", async () => {
    expect(await outcomes("en", no)).toEqual(each(no, "declined"));
  });

  it("asks again, kindly, when the answer is not clearly yes or no", async () => {
    expect(await outcomes("en", unclear)).toEqual(each(unclear, "asked again"));
    expect((await consentTo("en", "maybe")).reply).toBe(
      "Please tap one of the two buttons, or type yes or no.",
    );
  });

  it("the line that asks again carries the two buttons it asks to tap", async () => {
    // Regression: "Please tap one of the two buttons" came with no buttons.
    const { alias } = await consentTo("en", "maybe");
    const last = c.delivered.filter((d) => d.externalId === alias).at(-1);
    expect(last?.message.text).toBe("Please tap one of the two buttons, or type yes or no.");
    expect(last?.message.choices).toHaveLength(2);
  });

  it("a hesitant yes is asked again without pressure, saying that stop ends it at any time", async () => {
    // Regression: "yes i guess" got the flat "Please tap one of the two buttons".
    for (const [language, typed, starts] of [
      ["en", "yes i guess", "No rush, and there is no wrong answer. If you'd like to try it, type yes"],
      ["en", "ok sure why not lol", "No rush"],
      ["de", "ja schon irgendwie", "Lass dir Zeit, es gibt keine falsche Antwort."],
      ["es", "si supongo", "Sin prisa, no hay respuesta incorrecta."],
    ] as const) {
      const { outcome, reply } = await consentTo(language, typed);
      expect(outcome, typed).toBe("asked again");
      expect(reply, typed).toMatch(new RegExp(`^${starts.replace(/[.?]/g, "\\$&")}`));
    }
  });
});

describe("consent typed in Spanish", () => {
  const yes = ["Sí, acepto", "sí, acepto", "si acepto", "Si, acepto!", "sí", "si", "vale", "claro", "yes"];
  const no = ["No, gracias", "no, gracias", "no gracias", "ahora no", "no"];
  const unclear = ["quizás", "no sé", "sí pero qué es esto", "no acepto sí"];

  it("takes the button's words and a plain sí, typed loosely, as a yes", async () => {
    expect(await outcomes("es", yes)).toEqual(each(yes, "given"));
  });

  it("takes a plain no, typed loosely, as a no", async () => {
    expect(await outcomes("es", no)).toEqual(each(no, "declined"));
  });

  it("asks again when the answer is not clearly yes or no", async () => {
    expect(await outcomes("es", unclear)).toEqual(each(unclear, "asked again"));
  });
});

describe("consent typed in German", () => {
  const yes = [
    "Ja, ich bin einverstanden",
    "ja ich bin einverstanden",
    "ja, ich stimme zu",
    "ja ich stimme zu",
    "Ja, ich stimme zu!",
    "ich stimme zu",
    "ja",
    "klar",
    "natürlich",
  ];
  const no = ["Nein, danke", "nein danke", "Nein danke 🙂", "jetzt nicht", "nein"];
  const unclear = ["vielleicht", "weiß nicht", "ja aber was ist das", "nein ich stimme zu"];

  it("takes the button's words and a plain ja, typed loosely, as a yes", async () => {
    expect(await outcomes("de", yes)).toEqual(each(yes, "given"));
  });

  it("takes a plain nein, typed loosely, as a no", async () => {
    expect(await outcomes("de", no)).toEqual(each(no, "declined"));
  });

  it("asks again when the answer is not clearly yes or no", async () => {
    expect(await outcomes("de", unclear)).toEqual(each(unclear, "asked again"));
  });
});

describe("consent typed in another language than the client's", () => {
  // A client whose language is not set (English here) writes in their own: not locked out.
  it("takes a yes or no that every language reading it agrees on", async () => {
    const given = ["sí, acepto", "Sí", "ja, ich stimme zu", "vale"];
    const declined = ["no, gracias", "nein danke"];
    expect(await outcomes("en", given)).toEqual(each(given, "given"));
    expect(await outcomes("en", declined)).toEqual(each(declined, "declined"));
    const unclear = ["quizás", "ja aber was ist das", "sí pero qué es esto"];
    expect(await outcomes("en", unclear)).toEqual(each(unclear, "asked again"));
  });

  it("goes on in the language only that client's words were in; words several languages share change nothing", async () => {
    const spanish = await consentTo("en", "sí, acepto");
    expect(spanish.reply).toMatch(/^Gracias/);
    const first = async (alias: string) =>
      (await c.say("rivera", `checkin ${alias}`)).find((d) => d.externalId === alias)?.message.text;
    expect(await first(spanish.alias)).toMatch(
      /^Tu terapeuta, Dr Rivera, te ha pedido un breve cuestionario/,
    );
    const english = await consentTo("en", "ok");
    expect(await first(english.alias)).toMatch(/^Dr Rivera asked for a short check-in/);
  });
});

describe("a greeting before the answer", () => {
  // People open with a hello: "hola! si claro" is a yes, in the client's language or another.
  it("is set aside, and the answer after it counts; a greeting alone or a question after it does not", async () => {
    const given = [
      "hola! si claro",
      "hi! yes sure",
      "hey, yes",
      "Hallo, ja klar",
      "good morning 👋 yes i agree",
    ];
    expect(await outcomes("en", given)).toEqual(each(given, "given"));
    expect(await outcomes("es", ["hola! si claro", "buenas, vale"])).toEqual(
      each(["hola! si claro", "buenas, vale"], "given"),
    );
    expect(await outcomes("en", ["hi, no thanks"])).toEqual(each(["hi, no thanks"], "declined"));
    const unclear = ["hello", "hi yes?", "hey what is this", "hola"];
    expect(await outcomes("en", unclear)).toEqual(each(unclear, "asked again"));
    // Spanish words carry the rest of the conversation into Spanish, greeting or not.
    const { reply } = await consentTo("en", "hola! si claro");
    expect(reply).toMatch(/^Gracias/);
  });
});

describe("stop typed at the consent question", () => {
  it("says that nothing has started and how to say no, and stores nothing", async () => {
    const english = await consentTo("en", "stop");
    expect(english.outcome).toBe("asked again");
    expect(english.reply).toBe(
      "Nothing has started: you haven't agreed to anything yet. If you'd rather not take part, tap No, thanks or type no. To take part, tap Yes, I agree.",
    );
    const german = await consentTo("de", "stopp");
    expect(german.outcome).toBe("asked again");
    expect(german.reply).toContain("Noch hat nichts begonnen");
  });
});

describe("a question at the consent question", () => {
  it("is answered in short, with the buttons; nothing is stored, and a yes then agrees", async () => {
    const alias = "dana";
    const [invite] = await c.say("rivera", `invite ${alias}`);
    await c.say(alias, `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
    const [again] = await c.say(alias, "hmm does my insurance see this? and can my wife see it");
    expect(again?.message.text).toContain("Only Dr Rivera sees your answers");
    expect(again?.message.text).toContain("I send them to no one else");
    expect(again?.message.text.length).toBeLessThan(400);
    expect(again?.message.choices).toHaveLength(2);
    expect((await c.data(alias)).consents).toEqual([]);
    const [agreed] = await c.press(alias, again?.message.choices?.[0]?.value ?? "", again?.message.ref);
    expect(agreed?.message.text).toContain("you're all set");
  });
});
