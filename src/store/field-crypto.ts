import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { ConfigError, RapportError } from "../errors.js";

/**
 * Encryption of sensitive fields at rest (RAPPORT_DATA_KEY): AES-256-GCM with a random nonce,
 * the key id stored beside each value so that `rapport rotate-key` can re-encrypt to a new key.
 * Lookups (a platform user id, a client alias) go through a keyed hash instead of the value.
 * Without a key (a demo) values are stored as they are.
 */
export interface FieldCrypto {
  readonly enabled: boolean;
  seal(plain: string): string;
  open(stored: string): string;
  /** A keyed hash for lookups: equal inputs give equal hashes, and the input cannot be read back. */
  lookup(value: string): string;
}

const PREFIX = "enc1";

export interface DataKey {
  id: string;
  key: Buffer;
}

/** RAPPORT_DATA_KEY: 32 bytes in base64, or the path of a file that holds them. */
export function parseDataKey(raw: string, setting = "RAPPORT_DATA_KEY"): DataKey {
  const text = existsSync(raw) ? readFileSync(raw, "utf8").trim() : raw.trim();
  const key = Buffer.from(text, "base64");
  if (key.length !== 32 || key.toString("base64").replace(/=+$/, "") !== text.replace(/=+$/, "")) {
    throw new ConfigError(
      `${setting} must be 32 random bytes in base64 (openssl rand -base64 32), or the path of a file holding them`,
      setting,
    );
  }
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

export const plainFields: FieldCrypto = {
  enabled: false,
  seal: (plain) => plain,
  open: (stored) => stored,
  lookup: (value) => value,
};

/** Encrypts with the first key; opens values sealed with any of the keys (for rotation). */
export function fieldCrypto(keys: readonly DataKey[]): FieldCrypto {
  const [current] = keys;
  if (!current) return plainFields;
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const lookupKey = createHmac("sha256", current.key).update("rapport-lookup").digest();
  return {
    enabled: true,
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current.key, nonce);
      const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}:${current.id}:${nonce.toString("base64")}:${sealed.toString("base64")}`;
    },
    open(stored) {
      if (!stored.startsWith(`${PREFIX}:`)) return stored;
      const [, id = "", nonce = "", body = ""] = stored.split(":");
      const key = byId.get(id);
      if (!key)
        throw new RapportError(
          `a value is sealed with key ${id}, which is not configured (RAPPORT_DATA_KEY)`,
          "data_key",
        );
      const data = Buffer.from(body, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
        "utf8",
      );
    },
    lookup(value) {
      return createHmac("sha256", lookupKey).update(value).digest("hex").slice(0, 40);
    },
  };
}
