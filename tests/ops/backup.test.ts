import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.ts";
import { restoreDatabase } from "../../src/ops/restore.ts";
import { cli } from "../helpers/cli.ts";
import { seededDatabase, tempDir } from "../helpers/db.ts";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** A closed, seeded database file of its own. */
function databaseFile(): string {
  const seeded = seededDatabase();
  seeded.close();
  return seeded.path;
}

function reportsIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("select description from reports order by id").all() as { description: string }[];
    return rows.map((r) => r.description);
  } finally {
    db.close();
  }
}

/** Starts the report writer; `committed()` is how many commits it has announced so far. */
function startWriter(dbPath: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/report-writer.ts"], {
    env: { ...process.env, DB_PATH: dbPath },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let committed = 0;
  let buffer = "";
  child.stdout?.on("data", (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const l of lines) if (l.startsWith("committed ")) committed = Number(l.slice(10));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    committed: () => committed,
    async waitFor(n: number) {
      while (committed < n) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

describe("db backup and db restore", () => {
  it("backs up during a stream of report writes and restores every report committed before it", async () => {
    const dbPath = databaseFile();
    const backup = join(tempDir(), "during-writes.db");
    const writer = startWriter(dbPath);
    await writer.waitFor(200);
    const committedBefore = writer.committed();
    const r = cli(["db", "backup", "--out", backup, "--db", dbPath]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(backup);
    await writer.waitFor(committedBefore + 50); // the writer went on writing through the backup

    // While the writer has the database open, restore refuses and changes nothing.
    const refused = cli(["db", "restore", backup, "--db", dbPath]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("đang được mở");
    await writer.stop();
    const written = reportsIn(dbPath).length;
    expect(written).toBeGreaterThanOrEqual(committedBefore + 50);

    const restored = cli(["db", "restore", backup, "--db", dbPath]);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    const reports = reportsIn(dbPath);
    // Every report committed before the backup began is there, and the copy is one consistent
    // instant of the writer's sequence: 1..k with nothing missing in between.
    expect(reports.length).toBeGreaterThanOrEqual(committedBefore);
    expect(reports.length).toBeLessThan(written);
    expect(reports).toEqual(Array.from({ length: reports.length }, (_, i) => `writer ${i + 1}`));
    // The database it replaced is kept whole beside it.
    const kept = readdirSync(join(dbPath, "..")).find((f) => f.startsWith("test.db.before-restore-"));
    expect(kept && reportsIn(join(dbPath, "..", kept)).length).toBe(written);
  }, 300_000); // five processes started on a shared 2-core machine

  it("refuses a damaged file, someone else's database, and one from a newer release, changing nothing", () => {
    const dbPath = databaseFile();
    const dir = tempDir();
    const good = join(dir, "good.db");
    expect(cli(["db", "backup", "--out", good, "--db", dbPath]).code).toBe(0);

    const damaged = join(dir, "damaged.db");
    copyFileSync(good, damaged);
    const bytes = Buffer.alloc(4096, 0x5a);
    const fd = new Database(damaged); // a page to scribble over: the tasks table's root
    const root = fd.prepare("select rootpage from sqlite_master where name = 'tasks'").get() as {
      rootpage: number;
    };
    fd.close();
    const content = readFileSync(damaged);
    bytes.copy(content, (root.rootpage - 1) * 4096);
    writeFileSync(damaged, content);

    const foreign = join(dir, "foreign.db");
    new Database(foreign).exec("create table notes (x text); insert into notes values ('hello')");

    const newer = join(dir, "newer.db");
    copyFileSync(good, newer);
    const n = new Database(newer);
    n.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(4102444800000);
    n.close();

    const text = join(dir, "notes.txt");
    writeFileSync(text, "không phải cơ sở dữ liệu");

    const before = reportsIn(dbPath).length;
    for (const [file, key] of [
      [damaged, "db-restore-corrupt"],
      [foreign, "db-restore-foreign"],
      [newer, "db-restore-newer"],
      [text, "db-restore-corrupt"],
      [join(dir, "missing.db"), "db-restore-unreadable"],
      [dbPath, "db-restore-same"],
    ] as const) {
      expect(() => restoreDatabase(file, dbPath), file).toThrow(expect.objectContaining({ key }));
    }
    // As the operator sees it: one line in Vietnamese, no stack.
    const r = cli(["db", "restore", damaged, "--db", dbPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bị hỏng");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(reportsIn(dbPath).length).toBe(before);
    expect(readdirSync(join(dbPath, "..")).some((f) => f.includes("before-restore"))).toBe(false);
  }, 180_000);

  it("restores a backup from an older release and brings it up to this code's migrations", () => {
    const dbPath = databaseFile();
    // An older release's database: every migration but the last.
    const dir = tempDir();
    const folder = join(dir, "migrations");
    cpSync("migrations/sqlite", folder, { recursive: true });
    const journalFile = join(folder, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: unknown[] };
    journal.entries.pop();
    writeFileSync(journalFile, JSON.stringify(journal));
    const old = join(dir, "old.db");
    const o = new Database(old);
    migrate(drizzle(o), { migrationsFolder: folder });
    o.close();

    const r = cli(["db", "restore", old, "--db", dbPath], { NHACVIEC_LANG: "en" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("1 migrations applied");
    const db = openDatabase(dbPath);
    const { n } = db.sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
    db.close();
    expect(n).toBe(journal.entries.length + 1);
    expect(readdirSync(join(dbPath, "..")).filter((f) => f.includes(".restoring-"))).toEqual([]);
  }, 60_000);
});
