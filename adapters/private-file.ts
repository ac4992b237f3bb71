import { chmodSync, writeFileSync } from "node:fs";

/**
 * Writes health data (an export, a chart) readable by its owner only, like the database: also a
 * file that was there before, which `writeFileSync`'s mode alone would leave as it was.
 */
export function writePrivate(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: 0o600 });
  chmodSync(path, 0o600);
}
