import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "../support/wait.js";

export const CLI = fileURLToPath(new URL("../../dist/adapters/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment with nothing configured but a fresh database file. */
export function freshEnv(extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-cli-"));
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", RAPPORT_DB: join(dir, "rapport.db") };
  return { ...env, ...extra };
}

/**
 * Runs the built CLI to completion, with optional standard input; with `killAfterMs`, a process
 * still running then (a server that started though it should have refused) is killed.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
  killAfterMs?: number,
  /** The folder it runs in (RAPPORT_DB's default, ./data/rapport.db, is relative to it). */
  cwd?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const limit = killAfterMs === undefined ? {} : { timeout: killAfterMs, killSignal: "SIGKILL" as const };
    const child = spawn(process.execPath, [CLI, ...args], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
      ...(cwd ? { cwd } : {}),
      ...limit,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

export interface ConsoleMessage {
  to: string;
  text: string;
  choices: { label: string; value: string }[];
  urgent: boolean;
}

export function jsonLines(stdout: string): ConsoleMessage[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as ConsoleMessage);
}

export async function addTherapist(env: Record<string, string>, name: string): Promise<string> {
  const result = await runCli(["therapist", "add", name], env);
  const code = /^([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$/m.exec(result.stdout)?.[1];
  if (result.code !== 0 || !code) throw new Error(`therapist add failed: ${result.stderr}`);
  return code;
}

/** Runs a console script given as lines, returning the JSON messages it printed. */
export async function script(env: Record<string, string>, lines: string[]): Promise<ConsoleMessage[]> {
  const result = await runCli(["console", "--json", "--script", "-"], env, `${lines.join("\n")}\n`);
  if (result.code !== 0) throw new Error(`console exited ${result.code}: ${result.stderr}`);
  return jsonLines(result.stdout);
}

/** A console process fed line by line, for tests that stop it at a chosen moment. */
export class LiveConsole {
  readonly child: ChildProcess;
  private buffer = "";
  readonly messages: ConsoleMessage[] = [];

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [CLI, "console", "--json", "--script", "-"], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (d) => {
      this.buffer += d;
      let nl = this.buffer.indexOf("\n");
      while (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (line.trim()) this.messages.push(JSON.parse(line) as ConsoleMessage);
        nl = this.buffer.indexOf("\n");
      }
    });
  }

  /** Types a line and waits until `expected` more messages have been printed. */
  async say(line: string, expected = 1, timeoutMs = 10_000): Promise<ConsoleMessage[]> {
    const before = this.messages.length;
    this.child.stdin?.write(`${line}\n`);
    await waitFor(() => this.messages.length >= before + expected, {
      timeoutMs,
      failure: () => `no reply to "${line}" within ${timeoutMs} ms`,
    });
    return this.messages.slice(before);
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once("close", () => resolve());
      this.child.kill("SIGKILL");
    });
  }
}

type Served = { child: ChildProcess; port: number; log: () => string; stdout: () => string };

/**
 * Starts `rapport serve` on a free loopback port, waits for its "listening" log line and then
 * (unless `ready` is false) for /healthz to answer 200: every configured channel connected.
 */
export async function serve(env: Record<string, string>, options: { ready?: boolean } = {}): Promise<Served> {
  const served = await listening(env);
  if (options.ready === false) return served;
  await waitFor(
    async () => {
      const res = await fetch(`http://127.0.0.1:${served.port}/healthz`).catch(() => undefined);
      await res?.arrayBuffer();
      return res?.status === 200;
    },
    { timeoutMs: 15_000, intervalMs: 25, failure: () => `serve did not become ready: ${served.log()}` },
  );
  return served;
}

function listening(env: Record<string, string>): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve"], {
      env: { ...env, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
    });
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 15_000);
    child.stderr?.on("data", (d) => {
      stderr += d;
      const listening = stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg: string; port?: number })
        .find((l) => l.msg === "rapport is listening");
      if (listening?.port) {
        clearTimeout(timer);
        resolve({ child, port: listening.port, log: () => stderr, stdout: () => stdout });
      }
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}
