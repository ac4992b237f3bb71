import type { RulesTx } from "../checkin-tx.js";
import { place } from "../common/places.js";
import { ruleStateJson, toFit, toRuleState } from "../common/records.js";
import type { RecordedWarning, StoredRuleState } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { nextId } from "./context.js";

/**
 * The clinical rules' memory: warnings (rule and score sealed), the trajectory fit in force,
 * repeat control per rule and episode (whether the rule applied, and the score of its last
 * warning, sealed), and each therapist's choice of summary style.
 */
export function sqliteRules({ s, c }: SqlContext): RulesTx {
  const statePlace = (episodeId: number, rule: string) =>
    place("rule_states", "state", `${episodeId}:${rule}`);
  return {
    currentFit: async () => {
      const row = s("SELECT * FROM trajectory_fits ORDER BY id DESC LIMIT 1").get() as Row | undefined;
      return row ? toFit(row) : undefined;
    },
    recordWarning: async (w, at) => {
      const id = nextId(s, "warnings");
      s(
        `INSERT INTO warnings (id, client_id, episode_id, checkin_id, rule, severity, sent, fit_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        w.clientId,
        w.episodeId,
        w.checkinId,
        c.seal(w.rule, place("warnings", "rule", id)),
        c.enabled ? c.seal(String(w.severity), place("warnings", "severity", id)) : w.severity,
        w.sent ? 1 : 0,
        w.fitId,
        at,
      );
    },
    warningsOf: async (clientId) =>
      (s("SELECT * FROM warnings WHERE client_id = ? ORDER BY id").all(clientId) as Row[]).map(
        (r): RecordedWarning => {
          const id = Number(r.id);
          return {
            clientId: Number(r.client_id),
            episodeId: Number(r.episode_id),
            checkinId: Number(r.checkin_id),
            rule: c.open(String(r.rule), place("warnings", "rule", id)),
            severity: Number(
              c.enabled ? c.open(String(r.severity), place("warnings", "severity", id)) : r.severity,
            ),
            sent: r.sent === 1,
            fitId: r.fit_id === null ? null : Number(r.fit_id),
            createdAt: String(r.created_at),
          };
        },
      ),
    ruleStates: async (episodeId) =>
      new Map(
        (
          s("SELECT rule, state FROM rule_states WHERE episode_id = ?").all(episodeId) as {
            rule: string;
            state: string;
          }[]
        ).map((r): [string, StoredRuleState] => [
          r.rule,
          toRuleState(c.open(r.state, statePlace(episodeId, r.rule))),
        ]),
      ),
    saveRuleState: async (episodeId, rule, state) => {
      s(
        `INSERT INTO rule_states (episode_id, rule, state) VALUES (?, ?, ?)
         ON CONFLICT (episode_id, rule) DO UPDATE SET state = excluded.state`,
      ).run(episodeId, rule, c.seal(ruleStateJson(state), statePlace(episodeId, rule)));
    },
    summaryStyle: async (personId) => {
      const row = s("SELECT summaries FROM people WHERE id = ?").get(personId) as
        | { summaries: "compact" | "full" | null }
        | undefined;
      return row?.summaries ?? null;
    },
    setSummaryStyle: async (personId, style) => {
      s("UPDATE people SET summaries = ? WHERE id = ?").run(style, personId);
    },
  };
}
