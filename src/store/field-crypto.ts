import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { ConfigError, RapportError } from "../errors.js";

/**
 * Encryption of sensitive fields at rest (RAPPORT_DATA_KEY): AES-256-GCM with a random nonce,
 * the key id stored beside each value so that `rapport rotate-key` can re-encrypt to a new key.
 * Each value is bound to its place (table, column and row) as associated data, so a sealed value
 * copied into another row or column does not open there. Lookups (a platform user id, a client
 * alias) go through a keyed hash instead of the value. Without a key (a demo) values are stored
 * as they are, and the keyed hashes use a random secret of the database.
 *
 * Whether a column holds sealed values is a fact of the database (its `sealing` row), never a
 * guess from a value's look: a client who writes "enc2:…" has written text.
 */
export interface FieldCrypto {
  readonly enabled: boolean;
  seal(plain: string, place: Place): string;
  open(stored: string, place: Place): string;
  /** A keyed hash for lookups: equal inputs give equal hashes, and the input cannot be read back. */
  lookup(value: string): string;
  /** A keyed hash for one purpose, with a key of its own: always keyed, with or without a data key. */
  digest(purpose: DigestPurpose, value: string): string;
}

/** Where a sealed value lives: bound into its ciphertext. */
export interface Place {
  table: string;
  column: string;
  row: string | number;
}

type DigestPurpose = "code-attempts" | "inbound-events" | "pseudonym";

const SEALED_PREFIX = "enc2";
/** Values sealed before values were bound to their place: opened only while they are re-sealed. */
const LEGACY_PREFIX = "enc1";

export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * RAPPORT_DATA_KEY: 32 bytes in base64, or the path of a file that holds them. A refusal says which
 * check failed (no such file, not base64, how many bytes), never the key itself.
 */
export function parseDataKey(raw: string, setting = "RAPPORT_DATA_KEY"): DataKey {
  const fail = (why: string) =>
    new ConfigError(
      `${setting} must be 32 random bytes in base64 (openssl rand -base64 32), or the path of a file holding them: ${why}`,
      setting,
    );
  const given = raw.trim();
  let text = given;
  let source = `${setting}`;
  if (existsSync(raw)) {
    try {
      text = readFileSync(raw, "utf8").trim();
    } catch (cause) {
      throw fail(`the file ${raw} cannot be read (${(cause as NodeJS.ErrnoException).code ?? "error"})`);
    }
    source = `the file ${raw}`;
  } else if (keyProblem(given) && looksLikePath(given)) {
    throw fail(`no file at ${given}`);
  }
  const problem = keyProblem(text);
  if (problem) throw fail(`${source} ${problem}`);
  const key = Buffer.from(text, "base64");
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

/** What is wrong with a key's text, or undefined when it is 32 bytes in base64. */
function keyProblem(text: string): string | undefined {
  if (text === "") return "is empty";
  if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(text) || text.replace(/=+$/u, "").length % 4 === 1) {
    return "is not base64 (letters, digits, + and /, with = at the end)";
  }
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) return `holds ${key.length} bytes instead of 32`;
  // Base64 with stray bits in its last character: not as openssl writes a key, so likely altered.
  if (key.toString("base64").replace(/=+$/u, "") !== text.replace(/=+$/u, ""))
    return "is not base64 as openssl writes it";
  return undefined;
}

/**
 * A value meant as a path, not a key: base64 has no dot, backslash or ~, and a key that starts
 * with a slash is taken as a key when it is one (checked first).
 */
function looksLikePath(text: string): boolean {
  return /[.\\~]/u.test(text) || text.startsWith("/");
}

/**
 * One key per purpose (HKDF-SHA256): the data key, or without one the database's own secret, as
 * the input; the database's secret as salt, so two databases never share a hash.
 */
function subkey(input: Buffer, salt: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", input, salt, `rapport ${purpose}`, 32));
}

function placeOf(place: Place): Buffer {
  return Buffer.from(`rapport|${place.table}|${place.column}|${place.row}`, "utf8");
}

/**
 * Seals with the first key; opens values sealed with any of the keys (for rotation). `secret` is
 * the database's random secret (its `sealing` row).
 */
export function fieldCrypto(keys: readonly DataKey[], secret: Buffer): FieldCrypto {
  const [current] = keys;
  const digestKeys = new Map<DigestPurpose, Buffer>(
    (["code-attempts", "inbound-events", "pseudonym"] as const).map((p) => [
      p,
      subkey(current?.key ?? secret, secret, p),
    ]),
  );
  const digest = (purpose: DigestPurpose, value: string) =>
    createHmac("sha256", digestKeys.get(purpose) as Buffer)
      .update(value)
      .digest("hex")
      .slice(0, 40);
  if (!current) {
    return { enabled: false, seal: (plain) => plain, open: (stored) => stored, lookup: (v) => v, digest };
  }
  const sealKeys = new Map(keys.map((k) => [k.id, subkey(k.key, secret, "seal")]));
  const rawKeys = new Map(keys.map((k) => [k.id, k.key]));
  const lookupKey = subkey(current.key, secret, "lookup");
  const sealKey = sealKeys.get(current.id) as Buffer;
  return {
    enabled: true,
    seal(plain, place) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", sealKey, nonce);
      cipher.setAAD(placeOf(place));
      const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_PREFIX}:${current.id}:${nonce.toString("base64")}:${sealed.toString("base64")}`;
    },
    open(stored, place) {
      const [prefix, id = "", nonce = "", body = ""] = stored.split(":");
      if (prefix !== SEALED_PREFIX && prefix !== LEGACY_PREFIX) {
        throw new RapportError(`${place.table}.${place.column}: a value is not sealed`, "data_key");
      }
      const legacy = prefix === LEGACY_PREFIX;
      const key = (legacy ? rawKeys : sealKeys).get(id);
      if (!key) {
        throw new RapportError(
          `a value is sealed with key ${id}, which is not configured (RAPPORT_DATA_KEY)`,
          "data_key",
        );
      }
      const data = Buffer.from(body, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
      if (!legacy) decipher.setAAD(placeOf(place));
      decipher.setAuthTag(data.subarray(data.length - 16));
      try {
        return Buffer.concat([
          decipher.update(data.subarray(0, data.length - 16)),
          decipher.final(),
        ]).toString("utf8");
      } catch (cause) {
        throw new RapportError(
          `${place.table}.${place.column}: a sealed value does not open here (moved from another row, or altered)`,
          "data_key",
          { cause },
        );
      }
    },
    lookup(value) {
      return createHmac("sha256", lookupKey).update(value).digest("hex").slice(0, 40);
    },
    digest,
  };
}

/** Whether a stored value carries the sealed form of the earlier version (before places were bound). */
export function isLegacySealed(stored: string, keys: readonly DataKey[]): boolean {
  const [prefix, id] = stored.split(":");
  return prefix === LEGACY_PREFIX && keys.some((k) => k.id === id);
}
