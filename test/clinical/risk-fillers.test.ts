import { describe, expect, it } from "vitest";
import { compilePhrase, PhraseError, spellingsOf } from "../../src/clinical/risk-phrases.js";
import { type RiskLists, riskScreen } from "../../src/clinical/risk-screen.js";
import { riskListsSchema } from "../../src/prompts/schema.js";

/**
 * A pack's fillers and spellings (prompts/<language>/risk.yaml): particles a phrase reads past
 * ("bin eh allen nur ne last") and chat spellings of one word ("nich" for "nicht"), each of one
 * language only, so that German "is" never reads English text as German "ist".
 */
const german: RiskLists = {
  language: "de",
  disclosure: ["mich umbringen"],
  concern: ["bin allen nur eine last", "wenn ich nicht mehr da wäre"],
  exceptions: ["könnte ihn umbringen"],
  fillers: ["eh", "halt", "einfach", "vllt"],
  spellings: [
    ["nicht", "nich"],
    ["eine", "ne"],
    ["ist", "is"],
  ],
};
const english: RiskLists = {
  language: "en",
  disclosure: ["kill myself"],
  concern: ["this is pointless"],
  exceptions: [],
};
const screen = riskScreen([german, english]);

describe("fillers", () => {
  it("are read past between a phrase's words, up to two in a row", () => {
    expect(screen.screen("bin eh allen nur ne last")?.tier).toBe("concern");
    expect(screen.screen("bin eh halt allen nur eine last")?.tier).toBe("concern");
    expect(screen.screen("ich will mich einfach umbringen")?.tier).toBe("disclosure");
    expect(screen.screen("bin eh halt einfach allen nur eine last")).toBeUndefined();
  });

  it("never start or end what the therapist is shown", () => {
    expect(screen.screen("vllt wenn ich einfach nicht mehr da wäre halt")?.words).toEqual([
      "wenn ich einfach nicht mehr da wäre",
    ]);
  });

  it("belong to their language's phrases only", () => {
    expect(screen.screen("kill halt myself")).toBeUndefined();
  });

  it("widen exceptions as they widen phrases", () => {
    expect(screen.screen("ich könnte ihn halt umbringen")).toBeUndefined();
  });
});

describe("spellings", () => {
  it("match every word of a group, whichever the phrase was written with", () => {
    expect(screen.screen("wenn ich nich mehr da waere")?.tier).toBe("concern");
    expect(screen.screen("bin allen nur ne last")?.tier).toBe("concern");
  });

  it("belong to their language's phrases only", () => {
    expect(riskScreen([{ ...english, spellings: [] }, german]).screen("this ist pointless")).toBeUndefined();
    expect(screen.screen("this ist pointless")).toBeUndefined();
  });

  it("join groups that share a word, and refuse a group word that is not one word", () => {
    expect(
      spellingsOf([
        ["nicht", "nich"],
        ["nich", "net"],
      ]).get("net"),
    ).toEqual(["nicht", "nich", "net"]);
    expect(() => spellingsOf([["gar nicht", "nix"]])).toThrow(PhraseError);
  });

  it("leave a phrase as written when the pack has none", () => {
    expect(compilePhrase("nicht mehr").slots).toHaveLength(1);
    expect(compilePhrase("nicht mehr", spellingsOf([["nicht", "nich"]])).slots[0]).toHaveLength(2);
  });

  it("are checked at load: a filler or spelling must be one word", () => {
    const base = { language: "de", disclosure: ["mich umbringen"] };
    expect(riskListsSchema.safeParse({ ...base, fillers: ["na ja"] }).success).toBe(false);
    expect(riskListsSchema.safeParse({ ...base, spellings: [["nicht"]] }).success).toBe(false);
    expect(
      riskListsSchema.safeParse({ ...base, fillers: ["eh"], spellings: [["nicht", "nich"]] }).success,
    ).toBe(true);
  });
});
