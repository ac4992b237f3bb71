import type Database from "better-sqlite3";
import type { FieldCrypto } from "./field-crypto.js";
import { place } from "./sqlite-places.js";
import type { StoredRuleState, Tx } from "./types.js";

type RulesTx = Pick<Tx, "ruleStates" | "saveRuleState" | "summaryStyle" | "setSummaryStyle">;

/**
 * Repeat control per rule and episode (whether the rule applied, and the score of its last
 * warning, sealed with the data key), and each therapist's choice of summary style.
 */
export function sqliteRules(s: (sql: string) => Database.Statement, c: FieldCrypto): RulesTx {
  const at = (episodeId: number, rule: string) => place("rule_states", "state", `${episodeId}:${rule}`);
  return {
    ruleStates: async (episodeId) =>
      new Map(
        (
          s("SELECT rule, state FROM rule_states WHERE episode_id = ?").all(episodeId) as {
            rule: string;
            state: string;
          }[]
        ).map((r): [string, StoredRuleState] => [
          r.rule,
          JSON.parse(c.open(r.state, at(episodeId, r.rule))) as StoredRuleState,
        ]),
      ),
    saveRuleState: async (episodeId, rule, state) => {
      const value: StoredRuleState = {
        active: state.active,
        warnedValue: state.warnedValue,
        warnedSeq: state.warnedSeq,
      };
      s(
        `INSERT INTO rule_states (episode_id, rule, state) VALUES (?, ?, ?)
         ON CONFLICT (episode_id, rule) DO UPDATE SET state = excluded.state`,
      ).run(episodeId, rule, c.seal(JSON.stringify(value), at(episodeId, rule)));
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
