import pg from "pg";

/**
 * The session-level advisory lock whose holder polls Telegram's getUpdates. Telegram allows one
 * poller per bot (a second gets 409 Conflict), while every instance of `rapport serve` on one
 * database can take webhooks and send: so the instances elect one poller by this lock.
 */
export const POLLING_LOCK = 0x7261_7070_706f_6c6cn; // "rapppoll"

/** What a contender tells its owner. */
export interface LeaderEvents {
  /** This process now holds the lock: start what only one process may do. */
  lead(): void;
  /** It no longer holds it (the lock's connection dropped, or stop()): stop that at once. */
  lose(): void;
  /** A try found the lock held by another process (told once each time this process starts following). */
  follow?(): void;
}

interface ContendOptions {
  url: string;
  lock: bigint;
  /**
   * How often a follower tries the lock again, and how often the leader checks that its
   * connection still answers (a connection that stops answering may have lost the lock).
   */
  retryMs: number;
  /** Shown in pg_stat_activity, so that a database administrator sees who holds the lock. */
  applicationName: string;
  /** Each try of the lock and whether it was taken: for tests. */
  onTry?(taken: boolean): void;
  /** The lock's connection failed (log its code or message only: a URL could hold a password). */
  onError?(error: unknown): void;
}

export interface Contender {
  readonly leading: boolean;
  /** Stops contending and closes the connection, which frees the lock if held (lose() is told first). */
  stop(): Promise<void>;
}

/**
 * Contends for a session-level advisory lock on a connection of its own: the process that holds
 * it leads until its connection closes. A process that dies leaves no lock behind (the server
 * ends its session and frees it), so another takes over at its next try. PostgreSQL frees the lock
 * only when it sees the session end: a machine that vanishes without closing its connections holds
 * it until the server's TCP keepalive gives up on them (tcp_keepalives_idle and its siblings).
 */
export function contend(options: ContendOptions, events: LeaderEvents): Contender {
  const contender = new LockContender(options, events);
  contender.start();
  return contender;
}

class LockContender implements Contender {
  leading = false;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Told follow() since the last lead or start, so it is told once per spell of following. */
  private following = false;

  constructor(
    private readonly options: ContendOptions,
    private readonly events: LeaderEvents,
  ) {}

  start(): void {
    void this.cycle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.stepDown();
    await client?.end().catch(ignore);
  }

  /** One try (a follower) or one check (the leader), then the next after retryMs. */
  private async cycle(): Promise<void> {
    if (this.stopped) return;
    let client: pg.Client | undefined;
    try {
      client = this.client ?? (await this.connect());
      if (this.leading) await client.query("SELECT 1");
      else await this.tryLock(client);
    } catch (error) {
      if (!this.stopped) this.options.onError?.(error);
      if (client) this.drop(client);
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.cycle(), this.options.retryMs);
      this.timer.unref();
    }
  }

  private async tryLock(client: pg.Client): Promise<void> {
    const result = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1) AS taken", [
      this.options.lock.toString(),
    ]);
    const taken = result.rows[0]?.taken === true;
    this.options.onTry?.(taken);
    // Stopped meanwhile: the connection is closing, and the lock goes with it.
    if (this.stopped || client !== this.client) return;
    if (taken) {
      this.leading = true;
      this.following = false;
      this.events.lead();
    } else if (!this.following) {
      this.following = true;
      this.events.follow?.();
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
      keepAlive: true,
      // A query that does not come back within the interval counts as a dropped connection.
      query_timeout: Math.max(1_000, this.options.retryMs),
    });
    // The server ending the session (a restart, pg_terminate_backend, a network failure) ends
    // the lock with it: the leader must stop at once, not at its next check.
    client.on("error", () => this.drop(client));
    client.on("end", () => this.drop(client));
    try {
      await client.connect();
      // Set again once connected: a URL that names an application of its own would win over the
      // option, and the name is what pg_stat_activity shows (the pool's connections do the same).
      await client.query("SELECT set_config('application_name', $1, false)", [this.options.applicationName]);
    } catch (error) {
      await client.end().catch(ignore);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(ignore);
      throw new Error("stopped");
    }
    this.client = client;
    return client;
  }

  /** The lock's connection is gone or unusable: close it and step down; the next cycle reconnects. */
  private drop(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    void client.end().catch(ignore);
    this.stepDown();
  }

  private stepDown(): void {
    if (!this.leading) return;
    this.leading = false;
    this.events.lose();
  }
}

function ignore(): void {}
