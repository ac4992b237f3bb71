import { describe, expect, it } from "vitest";
import {
  CopyValueError,
  copiedColumns,
  countsTable,
  foundInTarget,
  insertSql,
  mismatches,
  rowsPerInsert,
  schemaDifferences,
  toPostgres,
} from "../../src/store/postgres/copy-plan.js";
import { dependencyOrder, reaching } from "../../src/store/postgres/foreign-keys.js";

/** The pure decisions of copying a SQLite database into PostgreSQL, and of the foreign-key graph. */
describe("copying SQLite into PostgreSQL: decisions", () => {
  it("maps SQLite's values to PostgreSQL's column types, refusing by place and never by value", () => {
    expect(toPostgres(1, "boolean", "t.c")).toBe(true);
    expect(toPostgres(0, "boolean", "t.c")).toBe(false);
    expect(toPostgres(null, "boolean", "t.c")).toBeNull();
    expect(toPostgres(7.5, "text", "answers.value")).toBe("7.5");
    expect(toPostgres(7, "text", "answers.value")).toBe("7");
    expect(toPostgres("enc2:ab:cd:ef", "text", "answers.value")).toBe("enc2:ab:cd:ef");
    expect(toPostgres(3.25, "double precision", "t.c")).toBe(3.25);
    expect(toPostgres(42, "bigint", "t.id")).toBe(42);
    expect(() => toPostgres(2, "boolean", "warnings.sent")).toThrow(
      new CopyValueError("warnings.sent: a flag that is not 0 or 1"),
    );
    expect(() => toPostgres("secret words", "integer", "clients.age")).toThrow(
      /^clients\.age: a value that is not a whole number$/,
    );
    expect(() => toPostgres(1.5, "bigint", "t.id")).toThrow(CopyValueError);
    expect(() => toPostgres(Buffer.from("x"), "text", "checkins.comment")).toThrow(
      /^checkins\.comment: a value of a kind PostgreSQL's text column does not take$/,
    );
  });

  it("names the tables and columns only one side has", () => {
    const sqlite = new Map([
      [
        "people",
        new Map([
          ["id", "INTEGER"],
          ["name", "TEXT"],
          ["extra", "TEXT"],
        ]),
      ],
      ["old", new Map([["id", "INTEGER"]])],
      ["schema_migrations", new Map([["version", "INTEGER"]])],
    ]);
    const postgres = new Map([
      [
        "people",
        new Map([
          ["id", "bigint"],
          ["name", "text"],
          ["locale", "text"],
        ]),
      ],
      ["new", new Map([["id", "bigint"]])],
    ]);
    expect(schemaDifferences(sqlite, postgres)).toEqual([
      "table new is only in PostgreSQL",
      "table old is only in the SQLite file",
      "people.extra is only in the SQLite file",
      "people.locale is only in PostgreSQL",
    ]);
    expect(schemaDifferences(postgres, postgres)).toEqual([]);
  });

  it("leaves the outbox's claim columns, which only PostgreSQL has, out of the comparison and the copy", () => {
    const outbox = (extra: [string, string][]) =>
      new Map([["outbox", new Map<string, string>([["id", "integer"], ["status", "text"], ...extra])]]);
    const claims: [string, string][] = [
      ["claimed_by", "text"],
      ["claimed_until", "text"],
    ];
    expect(schemaDifferences(outbox([]), outbox(claims))).toEqual([]);
    expect(schemaDifferences(outbox(claims), outbox([]))).toEqual([
      "outbox.claimed_by is only in the SQLite file",
      "outbox.claimed_until is only in the SQLite file",
    ]);
    expect(copiedColumns("outbox", outbox(claims).get("outbox") ?? new Map()).map(([n]) => n)).toEqual([
      "id",
      "status",
    ]);
  });

  it("takes a target holding only what an empty migrated database holds", () => {
    expect(
      foundInTarget(
        new Map([
          ["people", 0],
          ["sealing", 1],
          ["schema_migrations", 5],
        ]),
      ),
    ).toEqual([]);
    expect(
      foundInTarget(
        new Map([
          ["people", 1],
          ["sealing", 1],
          ["outbox", 12],
        ]),
      ),
    ).toEqual(["people: 1 row", "outbox: 12 rows"]);
    expect(foundInTarget(new Map([["sealing", 2]]))).toEqual(["sealing: 2 rows"]);
  });

  it("writes at most 1,000 rows an INSERT, and fewer for a wide table", () => {
    expect(rowsPerInsert(5)).toBe(1000);
    expect(rowsPerInsert(100)).toBe(655);
    expect(insertSql("t", ['"a"', '"b"'], 2)).toBe('INSERT INTO t ("a", "b") VALUES ($1, $2), ($3, $4)');
  });

  it("finds and shows the tables whose counts differ", () => {
    const counts = [
      { table: "people", sqlite: 3, postgres: 3 },
      { table: "consents", sqlite: 2, postgres: 0 },
    ];
    expect(mismatches(counts)).toEqual([{ table: "consents", sqlite: 2, postgres: 0 }]);
    expect(countsTable(counts).split("\n")).toEqual([
      "  table         SQLite  PostgreSQL",
      "  people             3           3",
      "  consents           2           0  differs",
    ]);
  });
});

describe("foreign keys", () => {
  const keys = [
    { child: "clients", parent: "people" },
    { child: "checkins", parent: "clients" },
    { child: "answers", parent: "checkins" },
    { child: "people", parent: "people" },
  ];

  it("orders tables so each comes after those it points at", () => {
    expect(dependencyOrder(["answers", "audit", "checkins", "clients", "people"], keys)).toEqual([
      "audit",
      "people",
      "clients",
      "checkins",
      "answers",
    ]);
    expect(() =>
      dependencyOrder(
        ["a", "b"],
        [
          { child: "a", parent: "b" },
          { child: "b", parent: "a" },
        ],
      ),
    ).toThrow(/cycle between a, b/);
  });

  it("finds every table a delete of people reaches", () => {
    expect(reaching("people", keys)).toEqual(["people", "clients", "checkins", "answers"]);
    expect(reaching("checkins", keys)).toEqual(["checkins", "answers"]);
  });
});
