import { describe, expect, it } from "vitest";
import { chartFileName, chartFilesOf } from "../../adapters/console/chart-files.js";

/** Which of the console's chart files an erasure removes, by name (the I/O is in console-channel.ts). */
describe("the console's chart files of a client", () => {
  it("are named by the day and the client's person id, not the alias; a caseload picture by its own name", () => {
    expect(chartFileName(66, { name: "sam-2026-12-04.png", client: 12 })).toBe("66-2026-12-04-client-12.png");
    expect(chartFileName(68, { name: "caseload-2026-12-07.png" })).toBe("68-caseload-2026-12-07.png");
    // Queued before charts carried their client: the name it had.
    expect(chartFileName(69, { name: "sam-2026-12-04.png" })).toBe("69-sam-2026-12-04.png");
  });

  it("two therapists' alex: only the erased one's charts go, with every caseload picture", () => {
    const files = [
      "40-2026-12-04-client-12.png",
      "41-2026-12-04-client-13.png",
      "42-2026-12-11-client-12.png",
      "43-caseload-2026-12-07.png",
      "44-2026-12-04-client-120.png",
      "notes.txt",
    ];
    expect(chartFilesOf(files, { client: 12, alias: "alex" })).toEqual([
      "40-2026-12-04-client-12.png",
      "42-2026-12-11-client-12.png",
      "43-caseload-2026-12-07.png",
    ]);
    expect(chartFilesOf(files, { client: 13, alias: "alex" })).toEqual([
      "41-2026-12-04-client-13.png",
      "43-caseload-2026-12-07.png",
    ]);
  });

  it("an alias that looks like a client's file name matches none of them", () => {
    const files = ["40-2026-12-04-client-12.png", "41-client-12-2026-12-04.png"];
    expect(chartFilesOf(files, { client: 7, alias: "client-12" })).toEqual(["41-client-12-2026-12-04.png"]);
    expect(chartFilesOf(files, { client: 7, alias: "2026-12-04-client" })).toEqual([]);
  });

  describe("files named by an alias (written before charts carried their client)", () => {
    const files = [
      "66-sam-2026-12-04.png",
      "67-sam-2026-12-11.png",
      "68-caseload-2026-12-07.png",
      "69-sam-2-2026-12-04.png",
      "70-2-sam-2026-12-04.png",
      "71-sam.b-2026-12-04.png",
      "72-samuel-2026-12-04.png",
      "notes.txt",
      "sam-2026-12-04.png",
    ];

    it("go with any client of that alias (they may be theirs), not another alias that starts or ends alike", () => {
      expect(chartFilesOf(files, { client: 12, alias: "sam" })).toEqual([
        "66-sam-2026-12-04.png",
        "67-sam-2026-12-11.png",
        "68-caseload-2026-12-07.png",
      ]);
      expect(chartFilesOf(files, { alias: "sam-2" })).toEqual([
        "68-caseload-2026-12-07.png",
        "69-sam-2-2026-12-04.png",
      ]);
      expect(chartFilesOf(files, { alias: "2-sam" })).toEqual([
        "68-caseload-2026-12-07.png",
        "70-2-sam-2026-12-04.png",
      ]);
    });

    it("match an alias written in another Unicode form", () => {
      expect(chartFilesOf(["5-zoe\u0301-2026-12-04.png"], { alias: "zo\u00e9" })).toEqual([
        "5-zoe\u0301-2026-12-04.png",
      ]);
    });
  });
});
