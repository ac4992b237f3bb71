import { describe, expect, it } from "vitest";
import { asksWhenNext } from "../../src/engine/when-next.js";

// Regression: "when do they start again?" after a dated pause, "wann kommt der nächste?", "cuando me
// toca el siguiente?" and "y el proximo cuando?" right after a check-in were kept as a comment or
// got the general reply, not when the next one comes.
describe("asking when the next check-in comes", () => {
  it.each([
    "when is my next check-in?",
    "when do they start again?",
    "when will they come back",
    "whens the next one",
    "wann kommt der nächste?",
    "wann kommt der nächste check-in?",
    "wann gehen die wieder los?",
    "cuando me toca el siguiente?",
    "y el proximo cuando?",
    "¿cuándo vuelven?",
  ])("%s asks it", (text) => {
    expect(asksWhenNext(text)).toBe(true);
  });

  it.each([
    "wann geht es mir wieder besser",
    "when will it stop hurting",
    "cuando me siento mejor?",
    "when is my next session with her",
  ])("%s does not", (text) => {
    expect(asksWhenNext(text)).toBe(false);
  });
});
