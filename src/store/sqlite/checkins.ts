import type { CheckinsTx } from "../checkin-tx.js";
import { answerPlace, place } from "../common/places.js";
import { answerValue, toCheckin } from "../common/records.js";
import type { Answer, PlanItem } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { CHECKIN_WITH_ANSWERS, withAnswers } from "./rows.js";

/** Episodes of care, check-ins and their answers (answers, comments and assessments sealed). */
export function sqliteCheckins({ s, c }: SqlContext): CheckinsTx {
  /** An answer's value as it is written, saved or corrected: sealed for its place when sealing is on. */
  const stored = (checkinId: number, answer: Answer) =>
    c.enabled
      ? c.seal(String(answer.value), answerPlace(checkinId, answer.instrument, answer.item))
      : answer.value;
  return {
    episodesOf: async (clientId) =>
      (
        s("SELECT id, started_at, ended_at FROM episodes WHERE client_id = ? ORDER BY id").all(clientId) as {
          id: number;
          started_at: string;
          ended_at: string | null;
        }[]
      ).map((e) => ({ id: e.id, startedAt: e.started_at, endedAt: e.ended_at })),
    endEpisode: async (clientId, at) => {
      const episode = s(
        "SELECT id FROM episodes WHERE client_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
      ).get(clientId) as { id: number } | undefined;
      if (!episode) return undefined;
      s("UPDATE checkins SET status = 'cancelled' WHERE episode_id = ? AND status = 'open'").run(episode.id);
      s("UPDATE episodes SET ended_at = ? WHERE id = ?").run(at, episode.id);
      const { n } = s("SELECT COUNT(*) AS n FROM checkins WHERE episode_id = ? AND status = 'completed'").get(
        episode.id,
      ) as { n: number };
      return { episodeId: episode.id, completed: n };
    },
    openCheckin: async (clientId) => {
      const row = s("SELECT * FROM checkins WHERE client_id = ? AND status = 'open'").get(clientId) as
        | Row
        | undefined;
      return row ? toCheckin(row, c) : undefined;
    },
    createCheckin: async (clientId, plan: PlanItem[], at) => {
      let episode = s(
        "SELECT id FROM episodes WHERE client_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
      ).get(clientId) as { id: number } | undefined;
      if (!episode) {
        const id = Number(
          s("INSERT INTO episodes (client_id, started_at) VALUES (?, ?)").run(clientId, at).lastInsertRowid,
        );
        episode = { id };
      }
      const { n } = s("SELECT COUNT(*) AS n FROM checkins WHERE episode_id = ?").get(episode.id) as {
        n: number;
      };
      const id = Number(
        s(
          "INSERT INTO checkins (client_id, episode_id, seq, status, step, plan, created_at) VALUES (?, ?, ?, 'open', 0, ?, ?)",
        ).run(clientId, episode.id, n + 1, JSON.stringify(plan), at).lastInsertRowid,
      );
      return toCheckin(s("SELECT * FROM checkins WHERE id = ?").get(id) as Row, c);
    },
    saveAnswer: async (checkinId, answer, at) => {
      s("INSERT INTO answers (checkin_id, instrument, item, value, answered_at) VALUES (?, ?, ?, ?, ?)").run(
        checkinId,
        answer.instrument,
        answer.item,
        stored(checkinId, answer),
        at,
      );
    },
    answerOf: async (checkinId, { instrument, item }) => {
      const row = s("SELECT value FROM answers WHERE checkin_id = ? AND instrument = ? AND item = ?").get(
        checkinId,
        instrument,
        item,
      ) as { value: unknown } | undefined;
      return row ? answerValue(c, checkinId, instrument, item, row.value) : undefined;
    },
    correctAnswer: async (checkinId, answer) =>
      s("UPDATE answers SET value = ? WHERE checkin_id = ? AND instrument = ? AND item = ?").run(
        stored(checkinId, answer),
        checkinId,
        answer.instrument,
        answer.item,
      ).changes === 1,
    lastAnswerAt: async (checkinId) => {
      const row = s("SELECT MAX(answered_at) AS at FROM answers WHERE checkin_id = ?").get(checkinId) as {
        at: string | null;
      };
      return row.at ?? undefined;
    },
    setCheckinStep: async (checkinId, step) => {
      s("UPDATE checkins SET step = ? WHERE id = ?").run(step, checkinId);
    },
    setCheckinPlan: async (checkinId, plan) =>
      s("UPDATE checkins SET plan = ? WHERE id = ? AND status = 'open'").run(JSON.stringify(plan), checkinId)
        .changes === 1,
    setCommentNumberAsked: async (checkinId, at) => {
      s("UPDATE checkins SET comment_number_asked_at = ? WHERE id = ? AND status = 'open'").run(
        at,
        checkinId,
      );
    },
    completeCheckin: async (checkinId, comment, at) => {
      s("UPDATE checkins SET status = 'completed', comment = ?, completed_at = ? WHERE id = ?").run(
        comment === null ? null : c.seal(comment, place("checkins", "comment", checkinId)),
        at,
        checkinId,
      );
    },
    noteOnCheckin: async (checkinId, comment) => {
      s("UPDATE checkins SET comment = ? WHERE id = ? AND status = 'open'").run(
        c.seal(comment, place("checkins", "comment", checkinId)),
        checkinId,
      );
    },
    expireCheckin: async (checkinId, at) =>
      s("UPDATE checkins SET status = 'expired', completed_at = ? WHERE id = ? AND status = 'open'").run(
        at,
        checkinId,
      ).changes === 1,
    completedCheckins: async (clientId) =>
      withAnswers(
        c,
        s(`${CHECKIN_WITH_ANSWERS} WHERE client_id = ? AND status = 'completed' ORDER BY id`).all(
          clientId,
        ) as Row[],
      ),
    unansweredCheckins: async (clientId) =>
      withAnswers(
        c,
        s(
          `${CHECKIN_WITH_ANSWERS} WHERE client_id = ? AND status IN ('expired', 'cancelled') ORDER BY id`,
        ).all(clientId) as Row[],
      ),
    lastCompletedCheckin: async (clientId) => {
      const row = s(
        "SELECT * FROM checkins WHERE client_id = ? AND status = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1",
      ).get(clientId) as Row | undefined;
      return row ? toCheckin(row, c) : undefined;
    },
    saveAssessment: async (checkinId, assessment) => {
      s("UPDATE checkins SET assessment = ? WHERE id = ?").run(
        c.seal(JSON.stringify(assessment), place("checkins", "assessment", checkinId)),
        checkinId,
      );
    },
  };
}
