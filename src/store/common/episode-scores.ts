import type { FieldCrypto } from "../field-crypto.js";
import type { EpisodeScores } from "../types.js";
import { answerValue } from "./records.js";

/**
 * A row of a finished episode's progress answers: one per answer when values are sealed (opened
 * and summed here), one per check-in with its total when they are plain (summed by the database).
 */
export interface ScoreRow {
  episode_id: number;
  age: number | null;
  checkin_id: number;
  item: string;
  value: unknown;
}

/**
 * Folds rows ordered by episode and check-in into `episodes`, one progress total per check-in.
 * Rows may come in several reads, each of whole episodes; call `roundScores` once all are in.
 */
export function addScoreRows(c: FieldCrypto, rows: Iterable<ScoreRow>, episodes: EpisodeScores[]): void {
  let checkinId = 0;
  for (const row of rows) {
    let current = episodes.at(-1);
    if (current?.episodeId !== row.episode_id) {
      current = { episodeId: row.episode_id, age: row.age, scores: [] };
      episodes.push(current);
    }
    const value = answerValue(c, row.checkin_id, "progress", row.item, row.value);
    if (row.checkin_id !== checkinId) current.scores.push(value);
    else current.scores[current.scores.length - 1] = (current.scores.at(-1) ?? 0) + value;
    checkinId = row.checkin_id;
  }
}

/** Totals to one decimal, as the clinical rules compare them. */
export function roundScores(episodes: EpisodeScores[]): EpisodeScores[] {
  for (const e of episodes) e.scores = e.scores.map((t) => Math.round(t * 10) / 10);
  return episodes;
}
