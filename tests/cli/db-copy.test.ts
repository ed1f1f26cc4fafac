import { asc } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgres } from "../../src/db/postgres.ts";
import * as lite from "../../src/db/schema.ts";
import * as pgs from "../../src/db/schema-pg.ts";
import { cli } from "../helpers/cli.ts";
import { engineFixture, reportAll, sqliteFile } from "../helpers/engine.ts";
import { schemaUrl, TEST_PG_URL, tempSchemaName } from "../helpers/pg.ts";

/** An empty schema of the tests' database, and the URL an operator would give to reach it. */
async function emptyTarget(): Promise<{ schema: string; url: string }> {
  const schema = tempSchemaName();
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return { schema, url: schemaUrl(schema) };
}

/** The shipped plan, people, reports with a superseded one, the outbox of a tick, an open flow. */
async function dataset() {
  const fixture = await engineFixture();
  // What is copied from is an SQLite file.
  const f = { ...fixture, database: sqliteFile(fixture.core) };
  await f.tick("2026-02-02T01:00:00.000Z");
  await reportAll(f.core, "so-y-te", "2026-01");
  const first = f.database.sqlite.prepare("select min(id) from reports").pluck().get() as number;
  f.database.sqlite
    .prepare("update reports set superseded_at = '2026-02-03T00:00:00.000Z' where id = ?")
    .run(first);
  await reportAll(f.core, "so-y-te", "2026-01", "done");
  f.database.db
    .insert(lite.flows)
    .values({
      chatId: "tg:1001",
      contactId: f.people.ytFocal,
      kind: "report",
      step: "percent",
      nonce: "n1",
      data: { task: 3, note: "Tiến độ ổn", nested: { b: 1, a: [true, null] } },
      choices: [{ label: "50%", data: "p:50" }],
      updatedAt: "2026-02-03T00:00:00.000Z",
      expiresAt: "2026-02-04T00:00:00.000Z",
    })
    .run();
  return f;
}

describe("db copy --to postgres://", () => {
  it("copies every table into an empty PostgreSQL database, the same rows read back through drizzle", async () => {
    const f = await dataset();
    const { schema, url } = await emptyTarget();
    const r = cli(["--db", f.database.path, "db", "copy", "--to", url, "--json"], { NHACVIEC_LANG: "en" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { tables: { table: string; rows: number }[]; total: number };
    const count = (t: string) =>
      f.database.sqlite.prepare(`select count(*) from "${t}"`).pluck().get() as number;
    expect(out.tables.length).toBeGreaterThan(20);
    for (const t of out.tables) expect(t.rows, t.table).toBe(count(t.table));
    for (const t of ["tasks", "assignments", "contacts", "reports", "outbox", "flows", "subscriptions"])
      expect(out.tables.find((x) => x.table === t)?.rows, t).toBeGreaterThan(0);
    // Parents before children: plans before tasks, assignments before reports.
    const at = (t: string) => out.tables.findIndex((x) => x.table === t);
    expect(at("plans")).toBeLessThan(at("tasks"));
    expect(at("assignments")).toBeLessThan(at("reports"));

    const target = await openPostgres(url);
    try {
      expect(target.schema).toBe(schema);
      const db = target.db;
      expect(await db.select().from(pgs.reports).orderBy(asc(pgs.reports.id))).toEqual(
        f.database.db.select().from(lite.reports).orderBy(asc(lite.reports.id)).all(),
      );
      expect(await db.select().from(pgs.tasks).orderBy(asc(pgs.tasks.id))).toEqual(
        f.database.db.select().from(lite.tasks).orderBy(asc(lite.tasks.id)).all(),
      );
      expect(await db.select().from(pgs.outbox).orderBy(asc(pgs.outbox.id))).toEqual(
        f.database.db.select().from(lite.outbox).orderBy(asc(lite.outbox.id)).all(),
      );
      expect(await db.select().from(pgs.flows)).toEqual(f.database.db.select().from(lite.flows).all());
      expect(await db.select().from(pgs.agencies).orderBy(asc(pgs.agencies.id))).toEqual(
        f.database.db.select().from(lite.agencies).orderBy(asc(lite.agencies.id)).all(),
      );
      // The sequences moved past the copied ids: a new row gets the next one.
      const maxId =
        count("contacts") === 0
          ? 0
          : (f.database.sqlite.prepare("select max(id) from contacts").pluck().get() as number);
      const [added] = await db
        .insert(pgs.contacts)
        .values({ agencyId: "so-y-te", role: "focal", createdAt: "2026-02-05T00:00:00.000Z" })
        .returning({ id: pgs.contacts.id });
      expect(added?.id).toBe(maxId + 1);
    } finally {
      await target.close();
    }

    // Once filled, the database is refused: nothing is copied twice.
    const again = cli(["--db", f.database.path, "db", "copy", "--to", url], { NHACVIEC_LANG: "en" });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toContain("already holds data");
    expect(again.stderr).toContain("contacts");
  }, 120_000);

  it("prints each table's count and a total in the operator's language, and refuses what is not a PostgreSQL URL or does not answer", async () => {
    const f = { database: sqliteFile((await engineFixture()).core) };
    const { url } = await emptyTarget();
    const r = cli(["--db", f.database.path, "db", "copy", "--to", url]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^reports\s+0$/m);
    expect(r.stdout).toMatch(/^contacts\s+4$/m);
    expect(r.stdout).toContain("sang PostgreSQL");

    const bad = cli(["--db", f.database.path, "db", "copy", "--to", "mysql://root@127.0.0.1/test"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("postgres://");
    expect(bad.stderr).not.toContain("    at ");

    // A server that does not answer: one line with the reason, never the URL and its password.
    const down = cli(
      ["--db", f.database.path, "db", "copy", "--to", "postgres://u:secret@127.0.0.1:1/test"],
      {
        NHACVIEC_LANG: "en",
      },
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^Could not open the PostgreSQL database: .*ECONNREFUSED/);
    expect(down.stderr).not.toContain("secret");
    expect(down.stderr.trim().split("\n")).toHaveLength(1);
  }, 120_000);
});
