import type { CheckinsTx } from "../checkin-tx.js";
import { answerPlace, place } from "../common/places.js";
import { answerValue, toCheckin } from "../common/records.js";
import type { Answer } from "../types.js";
import type { PgContext, Row } from "./context.js";
import { withAnswers } from "./rows.js";

/** Episodes of care, check-ins and their answers (answers, comments and assessments sealed). */
export function pgCheckins(q: PgContext): CheckinsTx {
  const { c } = q;
  /** An answer's value as it is written, saved or corrected: sealed for its place when sealing is on. */
  const stored = (checkinId: number, answer: Answer) =>
    c.enabled
      ? c.seal(String(answer.value), answerPlace(checkinId, answer.instrument, answer.item))
      : String(answer.value);
  const openEpisode = (clientId: number) =>
    q.get<{ id: number }>(
      "SELECT id FROM episodes WHERE client_id = $1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
      [clientId],
    );
  return {
    episodesOf: async (clientId) =>
      (
        await q.all<{ id: number; started_at: string; ended_at: string | null }>(
          "SELECT id, started_at, ended_at FROM episodes WHERE client_id = $1 ORDER BY id",
          [clientId],
        )
      ).map((e) => ({ id: e.id, startedAt: e.started_at, endedAt: e.ended_at })),
    endEpisode: async (clientId, at) => {
      const episode = await openEpisode(clientId);
      if (!episode) return undefined;
      await q.run("UPDATE checkins SET status = 'cancelled' WHERE episode_id = $1 AND status = 'open'", [
        episode.id,
      ]);
      await q.run("UPDATE episodes SET ended_at = $1 WHERE id = $2", [at, episode.id]);
      const row = await q.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM checkins WHERE episode_id = $1 AND status = 'completed'",
        [episode.id],
      );
      return { episodeId: episode.id, completed: row?.n ?? 0 };
    },
    openCheckin: async (clientId) => {
      const row = await q.get("SELECT * FROM checkins WHERE client_id = $1 AND status = 'open'", [clientId]);
      return row ? toCheckin(row, c) : undefined;
    },
    createCheckin: async (clientId, plan, at) => {
      const episode =
        (await openEpisode(clientId)) ??
        (await q.get<{ id: number }>(
          "INSERT INTO episodes (client_id, started_at) VALUES ($1, $2) RETURNING id",
          [clientId, at],
        ));
      const row = await q.get<Row>(
        `INSERT INTO checkins (client_id, episode_id, seq, status, step, plan, created_at)
         VALUES ($1, $2, (SELECT COUNT(*) + 1 FROM checkins WHERE episode_id = $2), 'open', 0, $3, $4)
         RETURNING *`,
        [clientId, episode?.id, JSON.stringify(plan), at],
      );
      return toCheckin(row as Row, c);
    },
    saveAnswer: async (checkinId, answer, at) => {
      await q.run(
        "INSERT INTO answers (checkin_id, instrument, item, value, answered_at) VALUES ($1, $2, $3, $4, $5)",
        [checkinId, answer.instrument, answer.item, stored(checkinId, answer), at],
      );
    },
    answerOf: async (checkinId, { instrument, item }) => {
      const row = await q.get<{ value: unknown }>(
        "SELECT value FROM answers WHERE checkin_id = $1 AND instrument = $2 AND item = $3",
        [checkinId, instrument, item],
      );
      return row ? answerValue(c, checkinId, instrument, item, row.value) : undefined;
    },
    correctAnswer: async (checkinId, answer) => {
      const changed = await q.run(
        "UPDATE answers SET value = $1 WHERE checkin_id = $2 AND instrument = $3 AND item = $4",
        [stored(checkinId, answer), checkinId, answer.instrument, answer.item],
      );
      return changed === 1;
    },
    lastAnswerAt: async (checkinId) => {
      const row = await q.get<{ at: string | null }>(
        "SELECT MAX(answered_at) AS at FROM answers WHERE checkin_id = $1",
        [checkinId],
      );
      return row?.at ?? undefined;
    },
    setCheckinStep: async (checkinId, step) => {
      await q.run("UPDATE checkins SET step = $1 WHERE id = $2", [step, checkinId]);
    },
    setCheckinPlan: async (checkinId, plan) =>
      (await q.run("UPDATE checkins SET plan = $1 WHERE id = $2 AND status = 'open'", [
        JSON.stringify(plan),
        checkinId,
      ])) === 1,
    setCommentNumberAsked: async (checkinId, at) => {
      await q.run("UPDATE checkins SET comment_number_asked_at = $1 WHERE id = $2 AND status = 'open'", [
        at,
        checkinId,
      ]);
    },
    completeCheckin: async (checkinId, comment, at) => {
      await q.run("UPDATE checkins SET status = 'completed', comment = $1, completed_at = $2 WHERE id = $3", [
        comment === null ? null : c.seal(comment, place("checkins", "comment", checkinId)),
        at,
        checkinId,
      ]);
    },
    noteOnCheckin: async (checkinId, comment) => {
      await q.run("UPDATE checkins SET comment = $1 WHERE id = $2 AND status = 'open'", [
        c.seal(comment, place("checkins", "comment", checkinId)),
        checkinId,
      ]);
    },
    expireCheckin: async (checkinId, at) =>
      (await q.run(
        "UPDATE checkins SET status = 'expired', completed_at = $1 WHERE id = $2 AND status = 'open'",
        [at, checkinId],
      )) === 1,
    completedCheckins: async (clientId) =>
      withAnswers(
        q,
        await q.all("SELECT * FROM checkins WHERE client_id = $1 AND status = 'completed' ORDER BY id", [
          clientId,
        ]),
      ),
    unansweredCheckins: async (clientId) =>
      withAnswers(
        q,
        await q.all(
          "SELECT * FROM checkins WHERE client_id = $1 AND status IN ('expired', 'cancelled') ORDER BY id",
          [clientId],
        ),
      ),
    lastCompletedCheckin: async (clientId) => {
      const row = await q.get(
        "SELECT * FROM checkins WHERE client_id = $1 AND status = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1",
        [clientId],
      );
      return row ? toCheckin(row, c) : undefined;
    },
    saveAssessment: async (checkinId, assessment) => {
      await q.run("UPDATE checkins SET assessment = $1 WHERE id = $2", [
        c.seal(JSON.stringify(assessment), place("checkins", "assessment", checkinId)),
        checkinId,
      ]);
    },
  };
}
