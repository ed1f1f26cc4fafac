import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { copySqliteToPostgres } from "../../src/db/copy.ts";
import { postgresMigrations } from "../../src/db/migrations-folders.ts";
import type { Check } from "../../src/ops/check.ts";
import { runDoctor } from "../../src/ops/doctor.ts";
import { cliAsync } from "../helpers/cli.ts";
import { seededDatabase, tempDir } from "../helpers/db.ts";
import { emptySchemaUrl, schemaUrl, tempPostgres } from "../helpers/pg.ts";
import { REDIS_URL } from "../helpers/redis.ts";

const byName = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.name, c]));
const known = readMigrationFiles({ migrationsFolder: postgresMigrations }).length;

describe("doctor on PostgreSQL (DATABASE_URL)", () => {
  it("reads the database without changing it: migrations, plan and contacts checked through the store", async () => {
    const source = seededDatabase();
    const pg = await tempPostgres();
    await copySqliteToPostgres(source.sqlite, pg.pool);
    const env = { DATABASE_URL: schemaUrl(pg.schema), REDIS_URL, DB_PATH: `${tempDir()}/none.db` };
    const checks = byName(await runDoctor(loadConfig(env), env.DB_PATH));
    expect(checks.database?.key).toBe("doctor-db-ok");
    expect(checks.database?.args?.count).toBe(known);
    expect(checks.database?.args?.file).toBe("postgres://postgres@127.0.0.1:5432/test");
    expect(checks.plan?.args?.tasks).toBe(62);
    // Nobody is linked in the seed: every lead agency lacks a focal point, as on SQLite.
    expect(checks["focal-points"]?.status).toBe("problem");
  }, 60_000);

  it("an empty database is reported as migrations pending, and left empty", async () => {
    const url = await emptySchemaUrl();
    const env = { DATABASE_URL: url, REDIS_URL };
    const checks = byName(await runDoctor(loadConfig(env), "unused.db"));
    expect(checks.database?.key).toBe("doctor-db-pending");
    expect(checks.database?.args?.count).toBe(known);
    // Asked again: still pending, so the first look applied nothing.
    expect(byName(await runDoctor(loadConfig(env), "unused.db")).database?.key).toBe("doctor-db-pending");
  }, 60_000);

  it("a server that does not answer is a problem naming the address without its password", async () => {
    const env = { DATABASE_URL: "postgres://nhacviec:s3cret@127.0.0.1:1/nhacviec", REDIS_URL };
    const r = await cliAsync(["doctor"], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("postgres://nhacviec@127.0.0.1:1/nhacviec");
    expect(r.stdout + r.stderr).not.toContain("s3cret");
  }, 60_000);
});
