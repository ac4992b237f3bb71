import type { ChildProcess } from "node:child_process";
import { chmodSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshEnv, runCli, serve } from "../helpers/cli.js";

describe("rapport serve", () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) c.kill("SIGKILL");
  });

  it("answers GET /healthz with 200 and JSON while the database is reachable, and stops on SIGTERM", async () => {
    const server = await serve(freshEnv());
    children.push(server.child);
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok", demo: true });
    // Monitors ask with HEAD: it was 405. The same status and headers as GET, no body.
    const head = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toContain("application/json");
    expect(await head.text()).toBe("");
    const notFound = await fetch(`http://127.0.0.1:${server.port}/nowhere`);
    expect(notFound.status).toBe(404);
    expect(server.log()).toContain("DEMO MODE");
    // Standard error is JSON lines only, Node's own deprecation warnings included.
    const lines = server
      .log()
      .split("\n")
      .filter((l) => l.trim() !== "");
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(server.log()).toContain('"code":"DEP0111"');
    const exited = new Promise<number | null>((r) => server.child.once("exit", (code) => r(code)));
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // restify's spdy warns DEP0111 twice as it loads: one line. A clean stop says so, once.
    expect(server.log().split('"code":"DEP0111"')).toHaveLength(2);
    const stopped = lines.length;
    const after = server
      .log()
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(stopped)
      .map((l) => JSON.parse(l) as { level: number; msg: string; signal?: string });
    expect(after).toEqual([
      expect.objectContaining({ level: 30, msg: "rapport stopped", signal: "SIGTERM" }),
    ]);
  });

  it("names the database folder or files others can read in its warning (paths, no health data)", async () => {
    const env = freshEnv();
    const dir = dirname(env.RAPPORT_DB ?? "");
    chmodSync(dir, 0o755);
    const result = await runCli(["console", "--json", "--script", "-"], env, "someone: hello\n");
    expect(result.stderr).toContain(`can be read by other users of this machine (${dir}`);
  });

  it("opens no console without a terminal, while the console command works beside it on the same database", async () => {
    const env = freshEnv();
    const server = await serve(env);
    children.push(server.child);
    const result = await runCli(["console", "--json", "--script", "-"], env, "someone: hello\n");
    expect(result.stdout).toContain("start CODE");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(server.stdout()).toBe("");
  });

  it("stops with a clear message when it cannot listen on HOST", async () => {
    const result = await runCli(["serve"], freshEnv({ HOST: "203.0.113.7", PORT: "0" }));
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/cannot listen on 203\.0\.113\.7:0 .*check HOST and PORT/);
  });
});
