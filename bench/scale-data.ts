import { loadPrompts } from "../src/prompts/load.js";
import { wordingFor } from "../src/prompts/render.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { PlanItem } from "../src/store/types.js";

export interface ScaleSize {
  therapists: number;
  clients: number;
  checkins: number;
}

/** The clinic group of the full bench run, and the one of `--small`. */
export const FULL_SCALE: ScaleSize = { therapists: 2_000, clients: 100_000, checkins: 1_000_000 };
export const SMALL_SCALE: ScaleSize = { therapists: 20, clients: 1_000, checkins: 10_000 };

/** Telegram chat ids of the generated people, so that a serving rapport can talk to them. */
export const scaleTherapistChat = (t: number) => 3_000_000 + t;
export const scaleClientChat = (c: number) => 4_000_000 + c;

/**
 * Caseloads: the first half of the therapists have 1.2 times the average (60 where the average
 * is 50), the others the rest, so that the benchmark can time a therapist with 60 clients.
 */
export function caseloads(size: ScaleSize): { large: number; small: number; largeTherapists: number } {
  const average = size.clients / size.therapists;
  const large = Math.round(average * 1.2);
  const largeTherapists = Math.floor(size.therapists / 2);
  const small = (size.clients - large * largeTherapists) / (size.therapists - largeTherapists);
  return { large, small, largeTherapists };
}

/** The index of the first client of therapist `t` (clients of one therapist are numbered in a row). */
export function firstClientOf(t: number, size: ScaleSize): number {
  const { large, small, largeTherapists } = caseloads(size);
  return t < largeTherapists ? t * large : largeTherapists * large + (t - largeTherapists) * small;
}

function therapistOf(c: number, size: ScaleSize): number {
  const { large, small, largeTherapists } = caseloads(size);
  return c < largeTherapists * large
    ? Math.floor(c / large)
    : largeTherapists + Math.floor((c - largeTherapists * large) / small);
}

/** The plan of every generated check-in: the four alliance items and the four progress items. */
export const CHECKIN_PLAN: readonly PlanItem[] = [
  ...["heard", "goals", "approach", "overall"].map((item) => ({ instrument: "alliance", item })),
  ...["personal", "relationships", "social", "overall"].map((item) => ({ instrument: "progress", item })),
];

/**
 * A generated clinic group for the scale benchmark: therapists, their clients (aliases c0, c1,
 * ...), each reachable on Telegram, one episode each (most finished, so calibrate has data), and
 * completed check-ins of 8 answers whose progress follows the default trajectory with noise.
 */
export async function generateScaleData(path: string, size: ScaleSize): Promise<void> {
  SqliteStore.open(path).close();
  const store = SqliteStore.open(path);
  const db = store.connection;
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const at = "2026-01-05T10:00:00.000Z";
  const plan = JSON.stringify(CHECKIN_PLAN);
  const person = db.prepare("INSERT INTO people (id, role, name, created_at) VALUES (?, ?, ?, ?)");
  const identity = db.prepare(
    "INSERT INTO identities (channel, external_id, person_id, address, last_seen_at) VALUES ('telegram', ?, ?, ?, ?)",
  );
  const client = db.prepare(
    "INSERT INTO clients (person_id, therapist_id, alias, status, created_at) VALUES (?, ?, ?, 'active', ?)",
  );
  // The version the prompts ask for now: an older one makes every check-in ask for consent again.
  const version = wordingFor(loadPrompts(), "en").consent.version;
  const consent = db.prepare(
    `INSERT INTO consents (client_id, version, choice, at) VALUES (?, ${version}, 'given', ?)`,
  );
  const episode = db.prepare(
    "INSERT INTO episodes (id, client_id, started_at, ended_at) VALUES (?, ?, ?, ?)",
  );
  const checkin = db.prepare(
    "INSERT INTO checkins (id, client_id, episode_id, seq, status, step, plan, created_at, completed_at) VALUES (?, ?, ?, ?, 'completed', 8, ?, ?, ?)",
  );
  const answer = db.prepare(
    "INSERT INTO answers (checkin_id, instrument, item, value, answered_at) VALUES (?, ?, ?, ?, ?)",
  );
  const perClient = Math.max(1, Math.round(size.checkins / size.clients));
  const items = JSON.parse(plan) as { instrument: string; item: string }[];
  db.transaction(() => {
    for (let t = 0; t < size.therapists; t++) {
      person.run(t + 1, "therapist", `Therapist ${t}`, at);
      const chat = scaleTherapistChat(t);
      identity.run(
        String(chat),
        t + 1,
        JSON.stringify({ externalId: String(chat), address: { chatId: chat } }),
        at,
      );
    }
    let checkinId = 1;
    for (let c = 0; c < size.clients; c++) {
      const id = size.therapists + c + 1;
      const therapist = therapistOf(c, size) + 1;
      const chat = scaleClientChat(c);
      person.run(id, "client", `c${c}`, at);
      client.run(id, therapist, `c${c}`, at);
      identity.run(
        String(chat),
        id,
        JSON.stringify({ externalId: String(chat), address: { chatId: chat } }),
        at,
      );
      consent.run(id, at);
      episode.run(c + 1, id, at, random() < 0.7 ? "2026-06-01T00:00:00.000Z" : null);
      const y1 = 8 + random() * 22;
      const slope = 1.4 + 0.34 * (25 - y1);
      for (let k = 1; k <= perClient; k++) {
        const progress = Math.max(
          0,
          Math.min(
            40,
            y1 +
              slope * Math.log(k) +
              5.5 * Math.sqrt(1 - 1 / k) * (random() + random() + random() - 1.5) * 2,
          ),
        );
        const alliance = Math.min(40, 30 + random() * 10);
        const day = new Date(Date.parse(at) + k * 7 * 86_400_000).toISOString();
        checkin.run(checkinId, id, c + 1, k, plan, day, day);
        for (const [n, it] of items.entries()) {
          const total = it.instrument === "alliance" ? alliance : progress;
          answer.run(checkinId, it.instrument, it.item, Math.round((total / 4) * 10) / 10, day);
          void n;
        }
        checkinId++;
      }
    }
  })();
  store.close();
}
