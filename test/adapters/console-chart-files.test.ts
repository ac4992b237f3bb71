import { describe, expect, it } from "vitest";
import { chartFileName, chartFilesOf } from "../../adapters/console/chart-files.js";

/** Which of the console's chart files an erasure removes, by name (the I/O is in console-channel.ts). */
describe("the console's chart files of a client", () => {
  const files = [
    chartFileName(66, "sam-2026-12-04.png"),
    "67-sam-2026-12-11.png",
    "68-caseload-2026-12-07.png",
    "69-sam-2-2026-12-04.png",
    "70-2-sam-2026-12-04.png",
    "71-sam.b-2026-12-04.png",
    "72-samuel-2026-12-04.png",
    "notes.txt",
    "sam-2026-12-04.png",
  ];

  it("are their own charts and every caseload picture, not another alias that starts or ends alike", () => {
    expect(files[0]).toBe("66-sam-2026-12-04.png");
    expect(chartFilesOf(files, "sam")).toEqual([
      "66-sam-2026-12-04.png",
      "67-sam-2026-12-11.png",
      "68-caseload-2026-12-07.png",
    ]);
    expect(chartFilesOf(files, "sam-2")).toEqual(["68-caseload-2026-12-07.png", "69-sam-2-2026-12-04.png"]);
    expect(chartFilesOf(files, "2-sam")).toEqual(["68-caseload-2026-12-07.png", "70-2-sam-2026-12-04.png"]);
  });

  it("match an alias written in another Unicode form", () => {
    expect(chartFilesOf(["5-zoe\u0301-2026-12-04.png"], "zo\u00e9")).toEqual(["5-zoe\u0301-2026-12-04.png"]);
  });
});
