import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { RapportError } from "../../errors.js";

/**
 * A lock file beside the database (`rapport.db.lock`) held by the process that runs rapport
 * (`serve`) and by a re-seal: two servers on one file would send every message twice, and a key
 * rotation under a running server would leave it reading with the wrong key. A lock whose
 * process is gone (killed, crashed) is taken over.
 */
export interface DbLock {
  release(): void;
}

interface Holder {
  pid: number;
  purpose: string;
  since: string;
}

export function lockPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** The live holder of the lock, if any (a lock of a process that no longer runs is no one's). */
export function lockHolder(dbPath: string): Holder | undefined {
  let holder: Holder;
  try {
    holder = JSON.parse(readFileSync(lockPath(dbPath), "utf8")) as Holder;
  } catch {
    return undefined;
  }
  if (holder.pid === process.pid) return holder;
  try {
    process.kill(holder.pid, 0);
    return holder;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? holder : undefined;
  }
}

/** Takes the lock for `purpose`, or refuses naming who holds it. */
export function takeLock(dbPath: string, purpose: string): DbLock {
  if (dbPath === ":memory:") return { release: () => {} };
  const path = lockPath(dbPath);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off("exit", release);
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = lockHolder(dbPath);
      if (holder) throw inUse(dbPath, holder, purpose);
      // A stale lock: its process is gone.
      try {
        unlinkSync(path);
      } catch {
        // Another process took it over first; the next attempt says who.
      }
    }
  }
  const holder = lockHolder(dbPath);
  throw inUse(dbPath, holder ?? { pid: 0, purpose: "another process", since: "" }, purpose);
}

function inUse(dbPath: string, holder: Holder, purpose: string): RapportError {
  return new RapportError(
    `RAPPORT_DB: ${dbPath} is in use by rapport ${holder.purpose} (process ${holder.pid}${holder.since ? `, since ${holder.since}` : ""}); stop it before ${purpose}`,
    "db_locked",
  );
}
