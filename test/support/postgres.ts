import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * A throwaway PostgreSQL server for tests and benches: Debian's `postgresql` binaries
 * (/usr/lib/postgresql/<version>/bin), a cluster made by `initdb` in a temporary folder with trust
 * authentication, started by `pg_ctl` on a Unix socket in that folder and on a free loopback port,
 * stopped and removed after. No mock: the store's tests run against this real server.
 *
 * initdb refuses to run as root; as root (CI runs so) the binaries run as the `postgres` user that
 * Debian's package creates, and the folder is given to that user.
 */

const run = promisify(execFile);

/** The superuser the cluster is made with; trust authentication lets any local client be it. */
export const TEST_PG_USER = "rapport";

export interface TestPostgres {
  /** The folder of the binaries used. */
  bin: string;
  /** The folder holding the cluster and its Unix socket. */
  dir: string;
  socketDir: string;
  port: number;
  /** A URL of a database on this server (TCP on 127.0.0.1), `postgres` unless another is named. */
  url(database?: string): string;
  /** A URL of a database over the Unix socket (the `host` parameter names the socket's folder). */
  socketUrl(database?: string): string;
  /** Creates a database, optionally as a copy of a template database; returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Stops the server (fast shutdown) and keeps its folder, for tests of an outage; resume() starts it again. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port and folder. */
  resume(): Promise<void>;
  /** Stops the server at once and removes its folder; safe to call more than once. */
  stop(): Promise<void>;
}

/** The URL of a database over a test server's Unix socket (the `host` parameter names its folder). */
export function socketUrlOf(socketDir: string, port: number, database = "postgres"): string {
  return `postgres://${TEST_PG_USER}@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
}

/** Where the newest installed PostgreSQL's binaries are, or why there are none. */
export function postgresBinaries(): { bin: string } | { missing: string } {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter(
          (v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")),
        )
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const [newest] = versions;
  if (newest) return { bin: join(root, newest, "bin") };
  return {
    missing:
      "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): apt-get install postgresql (.ci/run does so when it is missing)",
  };
}

/** A loopback port nobody listens on at this moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** The command line that runs a binary, as the `postgres` user when this process is root. */
function asOwner(file: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
}

function owner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch (cause) {
    throw new Error("running as root, PostgreSQL needs the `postgres` user to run initdb as; there is none", {
      cause,
    });
  }
}

async function tool(bin: string, name: string, args: string[]): Promise<string> {
  const [file, argv] = asOwner(join(bin, name), args);
  try {
    return (await run(file, argv, { encoding: "utf8" })).stdout;
  } catch (cause) {
    const error = cause as Error & { stderr?: string; stdout?: string };
    throw new Error(`${name} failed: ${error.stderr || error.stdout || error.message}`, { cause });
  }
}

export interface StartOptions {
  /**
   * Durability off (fsync, synchronous commit, full page writes): much faster for tests, whose
   * clusters are thrown away. Off unless told (benches measure with the defaults).
   */
  durable?: boolean;
}

/** Starts a fresh server; throws with the reason when PostgreSQL is not installed. */
export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const found = postgresBinaries();
  if ("missing" in found) throw new Error(found.missing);
  const { bin } = found;
  const dir = mkdtempSync(join(tmpdir(), "rapport-pg-"));
  const data = join(dir, "data");
  const ids = owner();
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const port = await freePort();
  let started = false;
  let settings = "";
  const pgStart = () =>
    tool(bin, "pg_ctl", [
      "start",
      "-D",
      data,
      "-w",
      "-t",
      "60",
      "-s",
      "-l",
      join(dir, "log"),
      "-o",
      settings,
    ]);
  const stopNow = () => {
    if (started) {
      started = false;
      const [file, argv] = asOwner(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-s"]);
      try {
        execFileSync(file, argv, { stdio: "ignore" });
      } catch {
        // Already stopped.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that ends without calling stop (a crash, a kill by the runner) leaves no server.
  process.once("exit", stopNow);
  try {
    await tool(bin, "initdb", [
      "-D",
      data,
      "-U",
      TEST_PG_USER,
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    settings = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${dir}`,
      "-c max_connections=50",
      "-c shared_buffers=32MB",
      ...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
    ].join(" ");
    await pgStart();
    started = true;
  } catch (error) {
    stopNow();
    process.off("exit", stopNow);
    throw error;
  }
  const url = (database = "postgres") => `postgres://${TEST_PG_USER}@127.0.0.1:${port}/${database}`;
  return {
    bin,
    dir,
    socketDir: dir,
    port,
    url,
    socketUrl: (database = "postgres") => socketUrlOf(dir, port, database),
    createDatabase: async (name, template) => {
      await tool(bin, "createdb", [
        "-h",
        dir,
        "-p",
        String(port),
        "-U",
        TEST_PG_USER,
        ...(template ? ["-T", template] : []),
        name,
      ]);
      return url(name);
    },
    halt: async () => {
      await tool(bin, "pg_ctl", ["stop", "-D", data, "-m", "fast", "-w", "-s"]);
    },
    resume: async () => {
      await pgStart();
    },
    stop: async () => {
      process.off("exit", stopNow);
      stopNow();
    },
  };
}
