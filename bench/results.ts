import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

/** Appends a dated section with the machine and Node version to bench/RESULTS.md. */
export function appendResults(title: string, lines: readonly string[]): void {
  const path = new URL("./RESULTS.md", import.meta.url);
  if (!existsSync(path)) writeFileSync(path, "# rapport benchmark and soak results\n");
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  appendFileSync(
    path,
    `\n## ${title}, ${new Date().toISOString()}\n\n${machine}\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`,
  );
}
