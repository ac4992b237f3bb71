import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { shippedLists } from "./corpus.js";

/**
 * Messages a trial of the console as clients wrote, each once missed by the shipped lists: with
 * no check-in open they got "your therapist won't see this here", and inside one they became a
 * comment read hours later. Screened as rapport runs, every shipped language at once.
 */
const screen = riskScreen([shippedLists("en"), shippedLists("de"), shippedLists("es")]);

describe("risk messages from a trial as clients", () => {
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
