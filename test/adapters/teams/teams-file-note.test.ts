import { describe, expect, it } from "vitest";
import { activityFor } from "../../../adapters/teams/teams-render.js";

/** Teams takes no file from a bot without a consent card: the message says how to get it instead. */
describe("a message with a file, on Teams", () => {
  it("sends the text with the file's note, and no attachment", () => {
    const activity = activityFor({
      kind: "info",
      text: "Here is everything rapport holds about you:",
      file: {
        name: "rapport-my-data.json",
        type: "application/json",
        content: '{"alias":"sam"}',
        caption: "Everything above is in the attached file (JSON).",
        note: "This app can't take a file from me: to get your data as a file, ask the practice.",
      },
    });
    expect(activity.text).toBe(
      "Here is everything rapport holds about you:\n\nThis app can't take a file from me: to get your data as a file, ask the practice.",
    );
    expect(activity.attachments).toBeUndefined();
    expect(JSON.stringify(activity)).not.toContain('"alias"');
  });
});
