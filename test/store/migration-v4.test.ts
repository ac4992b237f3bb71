import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { databaseAt } from "./schema-at.js";

/**
 * A database of the previous schema (version 3), with answers, a warning, a rule's repeat
 * control and risk events, opened by this version: every value reads back the same, plain or
 * sealed with a first key.
 */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function version3(path: string): void {
  const at = "2026-11-20T10:00:00.000Z";
  databaseAt(
    path,
    3,
    `
    INSERT INTO people (id, role, name, created_at) VALUES (1, 'therapist', 'Dr T', '${at}'), (2, 'client', 'alex', '${at}');
    INSERT INTO clients (person_id, therapist_id, alias, status, created_at) VALUES (2, 1, 'alex', 'active', '${at}');
    INSERT INTO identities (channel, external_id, person_id, address, last_seen_at)
      VALUES ('console', 'alex', 2, '{"externalId":"alex","address":{"name":"alex"}}', '${at}');
    INSERT INTO episodes (id, client_id, started_at) VALUES (1, 2, '${at}');
    INSERT INTO checkins (id, client_id, episode_id, seq, status, step, plan, comment, created_at, completed_at)
      VALUES (1, 2, 1, 1, 'completed', 2, '[{"instrument":"progress","item":"individually"},{"instrument":"progress","item":"overall"}]', 'tired', '${at}', '${at}');
    INSERT INTO answers VALUES (1, 'progress', 'individually', 4.5, '${at}'), (1, 'progress', 'overall', 6, '${at}');
    INSERT INTO warnings (client_id, episode_id, checkin_id, rule, severity, sent, created_at) VALUES (2, 1, 1, 'not_on_track', 10.5, 1, '${at}');
    INSERT INTO rule_states VALUES (1, 'not_on_track', 1, 10.5, 1), (1, 'alliance_concern', 0, NULL, NULL);
    INSERT INTO risk_alerts (id, client_id, checkin_id, source, matched, created_at, crisis_sent_at, therapist_alerted_at, escalate_at)
      VALUES (1, 2, 1, 'free_text', '["want to die"]', '${at}', '${at}', '${at}', '${at}');
    INSERT INTO risk_events (client_id, alert_id, tier, source, content, safety_answer, at) VALUES
      (2, 1, 'concern', 'free_text', '{"words":["hopeless"],"text":"so hopeless"}', 'yes', '${at}'),
      (2, NULL, 'concern', 'free_text', '{"words":["pointless"],"text":"pointless"}', 'pending', '${at}');
    INSERT INTO inbound_events VALUES ('slack', 'action:U0PERSON:1', '${at}');
  `,
  );
}

async function read(store: SqliteStore) {
  return store.transaction(async (tx) => ({
    answers: (await tx.completedCheckins(2))[0]?.answers.map((a) => a.value),
    comment: (await tx.completedCheckins(2))[0]?.comment,
    rules: Object.fromEntries(await tx.ruleStates(1)),
    events: (await tx.riskEvents(2)).map((e) => [e.text, e.safetyAnswer]),
    pending: (await tx.pendingConcern(2))?.text,
    alias: (await tx.getClient(2))?.alias,
  }));
}

const expected = {
  answers: [4.5, 6],
  comment: "tired",
  rules: {
    // Stored before the run's first warning was kept: the last warning stands in for it.
    not_on_track: { active: true, warnedValue: 10.5, warnedSeq: 1, sinceSeq: 1 },
    alliance_concern: { active: false, warnedValue: null, warnedSeq: null, sinceSeq: null },
  },
  events: [
    ["so hopeless", "yes"],
    ["pointless", "pending"],
  ],
  pending: "pointless",
  alias: "alex",
};

describe("migration to schema 4", () => {
  it.each([
    ["without a key", false],
    ["with a first key", true],
  ])("keeps every value of a version-3 database (%s), and hashes its event ids", async (_, keyed) => {
    dir = mkdtempSync(join(tmpdir(), "rapport-v4-"));
    const path = join(dir, "r.db");
    version3(path);
    const keys = keyed ? [parseDataKey(randomBytes(32).toString("base64"))] : [];
    const store = SqliteStore.open(path, new Date(), { keys });
    expect(await read(store)).toEqual(expected);
    const event = store.connection.prepare("SELECT event_id AS v FROM inbound_events").get() as { v: string };
    expect(event.v).not.toContain("U0PERSON");
    if (keyed) {
      const raw = store.connection.prepare("SELECT value AS v FROM answers").all() as { v: unknown }[];
      expect(raw.every((r) => String(r.v).startsWith("enc2:"))).toBe(true);
    }
    store.close();
    // Opened again: the same, with nothing left to re-seal.
    const again = SqliteStore.open(path, new Date(), { keys });
    expect(again.resealed).toBeNull();
    expect(await read(again)).toEqual(expected);
    again.close();
  });
});
