import type { RulesTx } from "../checkin-tx.js";
import { place } from "../common/places.js";
import { ruleStateJson, toFit, toRuleState } from "../common/records.js";
import type { RecordedWarning, StoredRuleState } from "../types.js";
import { nextId, type PgContext } from "./context.js";

/**
 * The clinical rules' memory: warnings (rule and score sealed), the trajectory fit in force,
 * repeat control per rule and episode (sealed), and each therapist's choice of summary style.
 */
export function pgRules(q: PgContext): RulesTx {
  const { c } = q;
  const statePlace = (episodeId: number, rule: string) =>
    place("rule_states", "state", `${episodeId}:${rule}`);
  return {
    currentFit: async () => {
      const row = await q.get("SELECT * FROM trajectory_fits ORDER BY id DESC LIMIT 1");
      return row ? toFit(row) : undefined;
    },
    recordWarning: async (w, at) => {
      const id = await nextId(q, "warnings");
      await q.run(
        `INSERT INTO warnings (id, client_id, episode_id, checkin_id, rule, severity, sent, fit_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          w.clientId,
          w.episodeId,
          w.checkinId,
          c.seal(w.rule, place("warnings", "rule", id)),
          c.enabled ? c.seal(String(w.severity), place("warnings", "severity", id)) : String(w.severity),
          w.sent,
          w.fitId,
          at,
        ],
      );
    },
    warningsOf: async (clientId) =>
      (await q.all("SELECT * FROM warnings WHERE client_id = $1 ORDER BY id", [clientId])).map(
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
            sent: r.sent === true,
            fitId: r.fit_id === null ? null : Number(r.fit_id),
            createdAt: String(r.created_at),
          };
        },
      ),
    ruleStates: async (episodeId) =>
      new Map(
        (
          await q.all<{ rule: string; state: string }>(
            "SELECT rule, state FROM rule_states WHERE episode_id = $1",
            [episodeId],
          )
        ).map((r): [string, StoredRuleState] => [
          r.rule,
          toRuleState(c.open(r.state, statePlace(episodeId, r.rule))),
        ]),
      ),
    saveRuleState: async (episodeId, rule, state) => {
      await q.run(
        `INSERT INTO rule_states (episode_id, rule, state) VALUES ($1, $2, $3)
         ON CONFLICT (episode_id, rule) DO UPDATE SET state = excluded.state`,
        [episodeId, rule, c.seal(ruleStateJson(state), statePlace(episodeId, rule))],
      );
    },
    summaryStyle: async (personId) =>
      (
        await q.get<{ summaries: "compact" | "full" | null }>("SELECT summaries FROM people WHERE id = $1", [
          personId,
        ])
      )?.summaries ?? null,
    setSummaryStyle: async (personId, style) => {
      await q.run("UPDATE people SET summaries = $1 WHERE id = $2", [style, personId]);
    },
  };
}
