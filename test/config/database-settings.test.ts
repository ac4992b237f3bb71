import { describe, expect, it } from "vitest";
import { databaseLabel, postgresSettings } from "../../src/config/database.js";
import { loadSettings } from "../../src/config/settings.js";
import { ConfigError } from "../../src/errors.js";

/** RAPPORT_DATABASE_URL selects PostgreSQL (TLS from the URL), RAPPORT_DATABASE_POOL its pool. */
describe("database settings", () => {
  it("is SQLite at RAPPORT_DB without a URL", () => {
    expect(postgresSettings({})).toBeUndefined();
    expect(loadSettings({ RAPPORT_DB: "/tmp/x.db" })).toMatchObject({
      dbPath: "/tmp/x.db",
      postgres: undefined,
    });
  });

  it("takes a postgres URL as given, TLS options included, with a pool of 10 unless told", () => {
    const url =
      "postgres://rapport:secret@db.clinic.example:5432/rapport?sslmode=verify-full&sslrootcert=/etc/ca.pem";
    expect(postgresSettings({ RAPPORT_DATABASE_URL: url })).toEqual({ url, poolSize: 10 });
    expect(
      loadSettings({ RAPPORT_DATABASE_URL: "postgresql://localhost/rapport", RAPPORT_DATABASE_POOL: "25" })
        .postgres,
    ).toEqual({ url: "postgresql://localhost/rapport", poolSize: 25 });
  });

  it("names the setting of a bad value, without repeating a URL that may hold a password", () => {
    const refused = (env: Record<string, string>) => {
      try {
        postgresSettings(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).message;
      }
      throw new Error("accepted");
    };
    expect(refused({ RAPPORT_DATABASE_URL: "mysql://u:hunter2@h/db" })).toMatch(
      /^RAPPORT_DATABASE_URL must start/,
    );
    expect(refused({ RAPPORT_DATABASE_URL: "not a url hunter2" })).not.toContain("hunter2");
    for (const pool of ["0", "101", "ten", "2.5", "-1"]) {
      expect(refused({ RAPPORT_DATABASE_URL: "postgres://h/db", RAPPORT_DATABASE_POOL: pool })).toMatch(
        /^RAPPORT_DATABASE_POOL must be a whole number from 1 to 100/,
      );
    }
    expect(refused({ RAPPORT_DATABASE_POOL: "5" })).toMatch(/RAPPORT_DATABASE_URL is not/);
    // A bad URL and a bad pool: both named at once.
    expect(refused({ RAPPORT_DATABASE_URL: "mysql://h/db", RAPPORT_DATABASE_POOL: "0" }).split("\n")).toEqual(
      [
        expect.stringMatching(/^RAPPORT_DATABASE_URL must start/),
        expect.stringMatching(/^RAPPORT_DATABASE_POOL must be a whole number/),
      ],
    );
  });

  it("names a PostgreSQL database by host and database only, never its credentials", () => {
    const settings = loadSettings({
      RAPPORT_DATABASE_URL: "postgres://rapport:hunter2@db.clinic.example:5433/rapport?sslmode=require",
    });
    expect(databaseLabel(settings)).toBe("PostgreSQL db.clinic.example:5433/rapport");
    expect(databaseLabel(loadSettings({ RAPPORT_DB: "/srv/rapport.db" }))).toBe("/srv/rapport.db");
  });
});
