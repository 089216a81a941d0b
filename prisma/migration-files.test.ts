import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const directory = path.join(process.cwd(), "prisma", "migrations");
const migrations = readdirSync(directory, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({ name: entry.name, sql: readFileSync(path.join(directory, entry.name, "migration.sql"), "utf8") }));

describe("migration files", () => {
  it("tell the upgrade story: init without openrouter, then add_openrouter_to_providers", () => {
    const names = migrations.map((migration) => migration.name);
    expect(names[0]).toMatch(/^\d{14}_init$/);
    expect(names[1]).toMatch(/^\d{14}_add_openrouter_to_providers$/);
    expect(migrations[0]?.sql).toMatch(
      /CREATE TYPE "Provider" AS ENUM \('ollama', 'openai', 'anthropic', 'local', 'custom'\)/,
    );
    expect(migrations[1]?.sql).toMatch(/ALTER TYPE "Provider" ADD VALUE 'openrouter'/);
  });

  it.each(migrations.map((migration) => [migration.name, migration.sql] as const))(
    "%s runs in one transaction",
    (_name, sql) => {
      // Prisma applies statements one by one outside a transaction, so each migration brings its own.
      const statements = sql.replace(/^--.*$/gm, "").trim();
      expect(statements.startsWith("BEGIN;")).toBe(true);
      expect(statements.endsWith("COMMIT;")).toBe(true);
    },
  );

  it.each(migrations.map((migration) => [migration.name, migration.sql] as const))(
    "%s has no semicolon inside a comment",
    (_name, sql) => {
      // Prisma splits scripts on every semicolon, comments included.
      const commentsWithSemicolons = sql
        .split("\n")
        .filter((line) => line.trim().startsWith("--") && line.includes(";"));
      expect(commentsWithSemicolons).toEqual([]);
    },
  );
});
