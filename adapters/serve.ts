import { randomBytes } from "node:crypto";
import { checkRiskSetup, closeAfterSending, openApp, prepareRiskScreen, VERSION } from "../src/app.js";
import { systemClock } from "../src/clock.js";
import { databaseLabel } from "../src/config/database.js";
import type { Settings } from "../src/config/settings.js";
import type { ChannelSender } from "../src/delivery/channel-sender.js";
import { followInstances } from "../src/delivery/shared-limits.js";
import { WakeSignal } from "../src/delivery/wake-signal.js";
import { DeliveryWorker } from "../src/delivery/worker.js";
import { ConfigError, RapportError } from "../src/errors.js";
import type { Logger } from "../src/log.js";
import { connectionName } from "../src/store/postgres/pool.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { DatabaseReachability } from "../src/store/reachability.js";
import { ChannelStates } from "./channel-states.js";
import { configuredChannels } from "./channels.js";
import { chartsDirFor, consoleSender, runConsole } from "./console/console-channel.js";
import { createHttpServer } from "./http/http-server.js";
import { pollingLeadership } from "./leadership.js";

/** How often the serving instances on a PostgreSQL database are counted. */
const INSTANCE_COUNT_MS = 5_000;

/** Timed steps (escalations) are read from stored due times on this tick. */
const DUE_TICK_MS = 15_000;

/**
 * On PostgreSQL, how often the delivery worker looks at the whole outbox: its own engine's commits
 * wake it, but other instances queue rows on the same database too, and a killed instance's
 * claimed rows come free when their lease runs out. An idle look (two queries) costs about 1 ms
 * and 0.1 to 0.3 ms of the server's CPU (bench/pg-idle-look.ts, 100,000 to 1,000,000 sent rows),
 * so once a second is cheap; a message queued by another instance waits at most this long when
 * its own instance cannot send it (another instance holds that recipient).
 */
const SHARED_OUTBOX_LOOK_MS = 1_000;

/**
 * `rapport serve`: the shared HTTP server, every configured channel, the delivery worker and
 * the timed steps; with no platform and a terminal, the console too.
 */
export async function serve(settings: Settings, log: Logger): Promise<void> {
  const { platforms } = settings;
  const anyPlatform = platforms.telegram || platforms.slack || platforms.teams;
  if (!settings.demo && !settings.dataKey) {
    // The first line of the log, on purpose: a clinic must not miss it.
    log.warn(
      { setting: "RAPPORT_DATA_KEY" },
      "NO ENCRYPTION KEY: comments, aliases and platform ids are stored unencrypted. Set RAPPORT_DATA_KEY (openssl rand -base64 32) and run rapport rotate-key.",
    );
  }
  const withConsole = !anyPlatform && process.stdin.isTTY === true;
  // On PostgreSQL, this server's id among the instances on the database: its connections, the
  // polling lock's included, are named by it.
  const instance = randomBytes(6).toString("hex");
  // The loops below share it: an outage of the database is one line, not a stack from each.
  const database = new DatabaseReachability(log, databaseLabel(settings));
  // Several instances on one PostgreSQL database take webhooks side by side, but only one may
  // long-poll Telegram: they elect it. On SQLite this process is the only one.
  const polling =
    settings.postgres && settings.telegram && !settings.telegram.webhookSecret
      ? pollingLeadership(settings.postgres.url, connectionName("serve", instance), log, undefined, database)
      : undefined;
  const channels = await configuredChannels(settings, log, polling);
  const senders: ChannelSender[] = channels.map((c) => c.sender);
  if (withConsole) senders.push(consoleSender(process.stdout, false, chartsDirFor(settings.dbPath)));
  const wake = new WakeSignal();
  const { store, engine, catalog } = await openApp({
    settings,
    log,
    clock: systemClock,
    onQueued: wake.notify,
    inviteLinks: (code) => channels.flatMap((c) => c.inviteLinks?.(code) ?? []),
    // SQLite: one server per file (a second would send every message twice). PostgreSQL: any
    // number, on one database; each claims the rows it sends.
    hold: "serve",
    instance,
    needsOnCall: true,
  });
  await checkRiskSetup(engine, settings, log).catch((error: unknown) => {
    store.close();
    throw error;
  });
  prepareRiskScreen(catalog, log);
  const worker = new DeliveryWorker(
    store,
    senders.map((sender) => withLimits(sender, settings)),
    systemClock,
    log,
    {
      settle: (row, outcome, error) => engine.settleFailure(row, outcome, error),
      maxAttempts: settings.clinic.delivery.maxAttempts,
      ...(settings.postgres ? { pollMs: SHARED_OUTBOX_LOOK_MS } : {}),
      database,
    },
  );
  wake.connect((recipients) => worker.wake(recipients));
  // Until the clean stop below is set up, a stop asked for exits at once.
  let stopServing = (code: number): void => process.exit(code);
  // Instances on one PostgreSQL database share each platform's overall limit (shared-limits.ts).
  const instances =
    store instanceof PostgresStore
      ? followInstances({
          count: () =>
            store.liveInstances().then((n) => {
              database.reached();
              return n;
            }),
          everyMs: INSTANCE_COUNT_MS,
          apply: (n) => {
            worker.shareLimits(n);
            log.info(
              { instances: n },
              "serving instances on this database: each sends its share of the rate limits",
            );
          },
          onError: (error) => {
            // Another instance migrated the database beyond this rapport: it stops, and its
            // supervisor starts it again, as the later version once that is installed.
            if (error instanceof RapportError && error.code === "db_version") {
              log.error({ code: error.code }, error.message);
              return stopServing(1);
            }
            if (database.failed("instance count", error)) return;
            log.warn(
              { err: error instanceof Error ? error.message : "unknown" },
              "counting the serving instances failed",
            );
          },
        })
      : undefined;

  const states = new ChannelStates();
  states.watchDelivery((channel) => worker.deliveryHealth(channel));
  const http = createHttpServer(store, log, {
    demo: settings.demo,
    version: VERSION,
    channels: states,
    database,
  });
  // Routes first, then listening, then connecting: the server says at once that it is up, and
  // each channel connects in the background with a log line per attempt (/healthz shows how far).
  for (const channel of channels) channel.start(engine, http.server, states);
  const bound = await http.listen(settings.port, settings.host).catch((error: NodeJS.ErrnoException) => {
    store.close();
    throw new ConfigError(
      `cannot listen on ${settings.host}:${settings.port} (${error.code ?? error.message}); check HOST and PORT`,
      "HOST/PORT",
    );
  });
  log.info(
    { port: bound.port, host: bound.host, ...(settings.postgres ? { instance } : {}) },
    "rapport is listening",
  );
  worker.start();
  const runDue = () =>
    engine.runDue().then(
      () => database.reached(),
      (error: unknown) => {
        if (!database.failed("timed steps", error)) log.error({ err: error }, "timed steps failed");
      },
    );
  const dueTimer = setInterval(runDue, DUE_TICK_MS);
  dueTimer.unref();
  void runDue();

  let stopping = false;
  const stop = async (code: number, signal?: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    clearInterval(dueTimer);
    instances?.stop();
    for (const channel of channels) await channel.stop();
    await worker.stop();
    await http.close();
    await closeAfterSending(store, log);
    // The one line of a clean stop, for IT: the process ended on purpose, not by a crash.
    if (code === 0) log.info({ ...(signal ? { signal } : {}) }, "rapport stopped");
    process.exit(code);
  };
  stopServing = (code) => void stop(code);
  process.on("SIGINT", () => void stop(0, "SIGINT"));
  process.on("SIGTERM", () => void stop(0, "SIGTERM"));
  if (withConsole) {
    process.stdout.write('Console channel: type lines like "rivera: help". Ctrl-D ends.\n');
    await runConsole(process.stdin, engine, worker, log, process.stderr);
    await stop(0);
  }
}

/** A channel's limits, or the clinic's override of them (delivery.perRecipientPerSecond, overallPerSecond). */
function withLimits(sender: ChannelSender, settings: Settings): ChannelSender {
  const { perRecipientPerSecond, overallPerSecond } = settings.clinic.delivery;
  if (perRecipientPerSecond === undefined && overallPerSecond === undefined) return sender;
  const limits = { ...sender.limits };
  if (perRecipientPerSecond !== undefined)
    limits.perRecipient = { burst: Math.max(3, perRecipientPerSecond), perSecond: perRecipientPerSecond };
  if (overallPerSecond !== undefined)
    limits.global = { burst: Math.max(5, Math.round(overallPerSecond / 5)), perSecond: overallPerSecond };
  return { channel: sender.channel, limits, send: (d) => sender.send(d) };
}
