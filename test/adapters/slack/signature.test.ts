import { readFileSync } from "node:fs";
import { isValidSlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { sign } from "../../fakes/fake-slack.js";

/** Slack's documented example from "Verifying requests from Slack". */
const vector = JSON.parse(
  readFileSync(new URL("../../fixtures/slack/signature-vector.json", import.meta.url), "utf8"),
) as {
  signingSecret: string;
  timestamp: string;
  body: string;
  signature: string;
};
const at = Number(vector.timestamp);

function valid(body: string, signature: string, timestamp: number, nowSeconds = at): boolean {
  return isValidSlackRequest({
    signingSecret: vector.signingSecret,
    body,
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
    nowMilliseconds: nowSeconds * 1000,
  });
}

describe("Slack request signatures (the verification rapport's Slack route uses)", () => {
  it("accepts Slack's documented example", () => {
    expect(valid(vector.body, vector.signature, at)).toBe(true);
  });

  it("computes the documented signature with the test fake's signer too", () => {
    expect(sign(vector.signingSecret, at, vector.body)).toBe(vector.signature);
  });

  it("rejects a changed body", () => {
    expect(valid(vector.body.replace("text=", "text=x"), vector.signature, at)).toBe(false);
  });

  it("rejects a changed timestamp", () => {
    expect(valid(vector.body, vector.signature, at + 1)).toBe(false);
  });

  it("rejects a timestamp older than 5 minutes, even correctly signed", () => {
    const old = at - 5 * 60 - 1;
    expect(valid(vector.body, sign(vector.signingSecret, old, vector.body), old, at)).toBe(false);
    const recent = at - 5 * 60 + 10;
    expect(valid(vector.body, sign(vector.signingSecret, recent, vector.body), recent, at)).toBe(true);
  });
});
