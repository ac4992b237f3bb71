import { Conversation } from "../test/helpers/conversation.js";
import { pct } from "./stats.js";

const CLIENTS = 150;
// Ten clients each: a therapist's invites and check-ins of one moment stay within their flood limit.
const THERAPISTS = 15;

/**
 * Answers as clients type them, one per step of the check-in: eight scores written loosely, the
 * safety question, the comment. Each goes through what typed text goes through and a button press
 * does not: the score's reading, the risk screen, the acknowledgement and greeting checks.
 */
const TYPED = [
  "7",
  "like a 5",
  "8/10",
  "6 i guess",
  "9!",
  " 4 ",
  "about a 6",
  "5 lol",
  "no",
  "it was ok, thanks",
];

/**
 * The engine's part of a typed answer, in one process with no HTTP: the engine, the store on a
 * SQLite file and the delivery worker (with a sender that keeps the message), 150 clients
 * answering a check-in step by step. Measured as the process's CPU per answer over check-ins
 * after two unmeasured, median of 5. The closed loops press buttons; this is the cost a client
 * who types adds, where a change to the reading of text shows.
 */
export async function engineBench(): Promise<{ perAnswerMs: number; low: number; high: number }> {
  const c = new Conversation();
  await c.ready();
  for (let i = 0; i < CLIENTS; i++) await c.enrol(`t${i % THERAPISTS}`, `c${i}`);
  const therapists = new Set(Array.from({ length: THERAPISTS }, (_, n) => `t${n}`));
  const checkins = async (): Promise<number> => {
    for (let i = 0; i < CLIENTS; i++) await c.say(`t${i % THERAPISTS}`, `checkin c${i}`);
    const sentBefore = c.delivered.length;
    const before = process.cpuUsage();
    for (const answer of TYPED) for (let i = 0; i < CLIENTS; i++) await c.say(`c${i}`, answer);
    const used = process.cpuUsage(before);
    // Each completed check-in sends its therapist a summary: fewer means an answer was not read.
    const toTherapists = c.delivered.slice(sentBefore).filter((d) => therapists.has(d.externalId)).length;
    if (toTherapists < CLIENTS) throw new Error(`${CLIENTS - toTherapists} check-ins were not completed`);
    // A week on: the next check-in is the next session's.
    await c.tick(7 * 24 * 3_600_000);
    return (used.user + used.system) / 1000 / (CLIENTS * TYPED.length);
  };
  for (let warm = 0; warm < 2; warm++) await checkins();
  const perAnswer: number[] = [];
  for (let n = 0; n < 5; n++) perAnswer.push(await checkins());
  return { perAnswerMs: pct(perAnswer, 50), low: Math.min(...perAnswer), high: Math.max(...perAnswer) };
}

export function engineLines(r: Awaited<ReturnType<typeof engineBench>>): string[] {
  return [
    `Engine per typed answer, no HTTP (engine, SQLite store and delivery worker in one process; ${CLIENTS} clients, scores typed as "like a 5", "8/10", "5 lol"): CPU ${r.perAnswerMs.toFixed(3)} ms per answer (check-ins ${r.low.toFixed(3)}–${r.high.toFixed(3)})`,
  ];
}
