import { describe, expect, it } from "vitest";
import { checkSoak, type SoakRecord } from "../../bench/soak-check.js";
import type { Lifetime } from "../../bench/soak-fleet.js";
import type { RecordedCall } from "../fakes/fake-telegram.js";

/**
 * The soak's verdict on a made-up record: which sends twice are bugs (within one lifetime, or by
 * two instances alive at once), which are the at-least-once window (the first sender was killed
 * before it recorded the send), and which messages came out of order.
 */
const CLIENT = 520_001;
const THERAPIST = 510_001;

const life = (
  id: number,
  slot: number,
  start: number,
  end = Number.POSITIVE_INFINITY,
  killed = false,
): Lifetime => ({
  id,
  slot,
  via: `l${id}`,
  start,
  end,
  killed,
});

/** A question of check-in `checkin` at `step`, sent by lifetime `by` at `at`. */
const question = (checkin: number, step: number, by: number, at: number): RecordedCall => ({
  method: "sendMessage",
  body: {
    chat_id: CLIENT,
    text: `${step + 1}/9. How was it?`,
    reply_markup: { inline_keyboard: [[{ text: "5", callback_data: `checkin:${checkin}:${step}|5` }]] },
  },
  at,
  hr: at,
  result: { message_id: at },
  via: `l${by}`,
});

const summary = (n: number, by: number, at: number): RecordedCall => ({
  method: "sendMessage",
  body: { chat_id: THERAPIST, text: `c1, check-in ${n} · 1 Dec` },
  at,
  hr: at,
  result: { message_id: at },
  via: `l${by}`,
});

const record = (
  calls: RecordedCall[],
  lifetimes: Lifetime[],
  helps: SoakRecord["helps"] = [],
): SoakRecord => ({
  facts: { answered: new Set(), plans: new Map(), completed: 0, queuedToTherapists: [] },
  calls,
  acknowledged: new Map(),
  lifetimes,
  helps,
});

describe("the soak's check", () => {
  it("counts a message sent twice by one lifetime as a bug", () => {
    const found = checkSoak(record([question(1, 0, 0, 100), question(1, 0, 0, 200)], [life(0, 0, 0)]));
    expect(found.duplicatesWithinLifetime).toBe(1);
    expect(found.details).toHaveLength(1);
  });

  it("allows a resend by another instance only after the first sender was killed", () => {
    const lifetimes = [life(0, 0, 0, 150, true), life(1, 1, 0), life(2, 0, 160)];
    // Killed at 150 after sending at 100: the other instance's send at 300 is the at-least-once window.
    const resent = checkSoak(record([question(1, 0, 0, 100), question(1, 0, 1, 300)], lifetimes));
    expect(resent.resentAcrossKill).toBe(1);
    expect(resent.duplicatesAcrossLiveInstances).toBe(0);
    // Sent again at 120, while the first sender still lived: two instances sent one row.
    const twice = checkSoak(record([question(1, 0, 0, 100), question(1, 0, 1, 120)], lifetimes));
    expect(twice.duplicatesAcrossLiveInstances).toBe(1);
    // Sent by two instances neither of which was killed.
    const live = checkSoak(record([question(1, 0, 1, 100), question(1, 0, 2, 400)], lifetimes));
    expect(live.duplicatesAcrossLiveInstances).toBe(1);
  });

  it("does not count a question repeated because its client asked for help while waiting for it", () => {
    const found = checkSoak(
      record(
        [question(1, 2, 0, 100), question(1, 2, 0, 20_000)],
        [life(0, 0, 0)],
        [{ chat: CLIENT, at: 15_000 }],
      ),
    );
    expect(found.repeatedOnHelp).toBe(1);
    expect(found.duplicatesWithinLifetime).toBe(0);
    // The help was asked long before the first send: the server was down (a slow restart) while
    // the client waited, and it sent the question and then its repeat once it was up.
    const outage = checkSoak(
      record(
        [question(1, 1, 0, 0), question(1, 2, 1, 20_000), question(1, 2, 1, 24_000)],
        [life(0, 0, 0, 5_000, true), life(1, 0, 6_000)],
        [{ chat: CLIENT, at: 2_000 }],
      ),
    );
    expect(outage.repeatedOnHelp).toBe(1);
    expect(outage.duplicatesWithinLifetime).toBe(0);
  });

  it("puts repeats down to helps asked while a late copy of the question before was still on its way", () => {
    // Step 0 arrives, a help asked just before it queues a copy of it, which a killed instance's
    // claim holds back; the client answers step 0 and asks help twice while step 1 waits behind
    // the copy; then the copy, step 1 and its two repeats arrive.
    const found = checkSoak(
      record(
        [
          question(1, 0, 0, 1_000),
          question(1, 0, 1, 90_000),
          question(1, 1, 1, 91_000),
          question(1, 1, 1, 93_000),
          question(1, 1, 1, 95_000),
        ],
        [life(0, 0, 0, 2_000, true), life(1, 1, 0)],
        [
          { chat: CLIENT, at: 900 },
          { chat: CLIENT, at: 20_000 },
          { chat: CLIENT, at: 30_000 },
        ],
      ),
    );
    expect(found.repeatedOnHelp).toBe(3);
    expect(found.duplicatesWithinLifetime).toBe(0);
    expect(found.details).toEqual([]);
  });

  it("counts a repeat as a duplicate when no help was asked while the client waited for that question", () => {
    // The help came before the question before it: it was about that one.
    const early = checkSoak(
      record(
        [question(1, 1, 0, 100), question(1, 2, 0, 200), question(1, 2, 0, 300)],
        [life(0, 0, 0)],
        [{ chat: CLIENT, at: 50 }],
      ),
    );
    expect(early.duplicatesWithinLifetime).toBe(1);
    // One help explains one repeat, not two.
    const thrice = checkSoak(
      record(
        [question(1, 2, 0, 100), question(1, 2, 0, 200), question(1, 2, 0, 300)],
        [life(0, 0, 0)],
        [{ chat: CLIENT, at: 150 }],
      ),
    );
    expect(thrice.repeatedOnHelp).toBe(1);
    expect(thrice.duplicatesWithinLifetime).toBe(1);
  });

  it("finds a question or a summary that reached its chat after a later one", () => {
    const lifetimes = [life(0, 0, 0), life(1, 1, 0)];
    const inOrder = checkSoak(
      record(
        [
          question(1, 0, 0, 1),
          question(1, 1, 1, 2),
          question(2, 0, 0, 3),
          summary(1, 0, 4),
          summary(2, 1, 5),
        ],
        lifetimes,
      ),
    );
    expect(inOrder.outOfOrder).toBe(0);
    const swapped = checkSoak(
      record([question(1, 1, 0, 1), question(1, 0, 1, 2), summary(2, 0, 3), summary(1, 1, 4)], lifetimes),
    );
    expect(swapped.outOfOrder).toBe(2);
  });

  it("counts an acknowledged answer that is not stored as missing", () => {
    const found = checkSoak({
      ...record([], [life(0, 0, 0)]),
      facts: {
        answered: new Set(["7:alliance.a1"]),
        plans: new Map([
          [
            7,
            [
              { instrument: "alliance", item: "a1" },
              { instrument: "alliance", item: "a2" },
            ],
          ],
        ]),
        completed: 0,
        queuedToTherapists: [],
      },
      acknowledged: new Map([
        ["1:checkin:7:0", 5],
        ["1:checkin:7:1", 6],
      ]),
    });
    expect(found.answersAcknowledged).toBe(2);
    expect(found.answersMissing).toBe(1);
  });

  it("counts a completed check-in's summary still queued at the end as late, and one neither sent nor queued as missing", () => {
    const facts = (queued: string[]) => ({
      answered: new Set<string>(),
      plans: new Map(),
      completed: 3,
      queuedToTherapists: queued.map((text) => ({ chat: THERAPIST, text })),
    });
    // Check-in 1's summary arrived; 2's is held by a killed instance's claim; 3's is nowhere.
    const held = checkSoak({
      ...record([summary(1, 0, 1)], [life(0, 0, 0)]),
      facts: facts(["c1, check-in 2 · 1 Dec", "Alex joined"]),
    });
    expect(held.summariesQueued).toBe(1);
    expect(held.summariesMissing).toBe(1);
    const all = checkSoak({
      ...record([summary(1, 0, 1)], [life(0, 0, 0)]),
      facts: facts(["c1, check-in 2 · 1 Dec", "c1, check-in 3 · 1 Dec"]),
    });
    expect(all.summariesMissing).toBe(0);
    expect(all.summariesQueued).toBe(2);
  });
});
