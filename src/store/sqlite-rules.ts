import type Database from "better-sqlite3";
import type { StoredRuleState, Tx } from "./types.js";

type RulesTx = Pick<Tx, "ruleStates" | "saveRuleState" | "summaryStyle" | "setSummaryStyle">;

/** Repeat control per rule and episode, and each therapist's choice of summary style. */
export function sqliteRules(s: (sql: string) => Database.Statement): RulesTx {
  return {
    ruleStates: async (episodeId) =>
      new Map(
        (
          s("SELECT rule, active, warned_value, warned_seq FROM rule_states WHERE episode_id = ?").all(
            episodeId,
          ) as { rule: string; active: number; warned_value: number | null; warned_seq: number | null }[]
        ).map((r): [string, StoredRuleState] => [
          r.rule,
          { active: r.active === 1, warnedValue: r.warned_value, warnedSeq: r.warned_seq },
        ]),
      ),
    saveRuleState: async (episodeId, rule, state) => {
      s(
        `INSERT INTO rule_states (episode_id, rule, active, warned_value, warned_seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (episode_id, rule) DO UPDATE SET active = excluded.active,
           warned_value = excluded.warned_value, warned_seq = excluded.warned_seq`,
      ).run(episodeId, rule, state.active ? 1 : 0, state.warnedValue, state.warnedSeq);
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
