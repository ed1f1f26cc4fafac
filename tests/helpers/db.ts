import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { ensureDefaultAgencies } from "../../src/catalog/agency-import.ts";
import { importPlanFile } from "../../src/catalog/plan-import.ts";
import { loadConfig } from "../../src/config.ts";
import { type Database_, openDatabase } from "../../src/db/connection.ts";
import { sqliteQ } from "../../src/store/context.ts";
import { openStore, type Store } from "../../src/store/index.ts";

const cleanups: (() => void)[] = [];
// Files close at the end of the test file, so describe-level fixtures stay usable.
afterAll(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "nhacviec-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real SQLite file with the migrations applied, closed and removed after the test. */
export function tempDatabase(): Database_ & { path: string; store: Store } {
  return openTemp(join(tempDir(), "test.db"));
}

function openTemp(path: string): Database_ & { path: string; store: Store } {
  const db = openDatabase(path);
  cleanups.push(() => db.close());
  const store = openStore(sqliteQ(db.db, db.sqlite));
  stores.set(db.db, store);
  return { ...db, path, store };
}

const stores = new WeakMap<object, Store>();

/** The store over a test database's Drizzle handle (one per connection: its gate orders transactions). */
export function storeOf(db: object): Store {
  const store = stores.get(db);
  if (!store) throw new Error("storeOf: not a test database");
  return store;
}

// The tests' Redis, never a developer's REDIS_URL; anything that reaches Redis names its own prefix.
export const config = loadConfig({
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: `t-${process.pid}-config`,
});

/**
 * The shipped agencies and plan, imported once per test file when this module loads (the import
 * is async; the fixtures built on it are not) and copied for each test: importing the plan for
 * every test would cost most of the suite's time.
 */
const seed = await (async () => {
  const db = tempDatabase();
  await ensureDefaultAgencies(db.store, config.AGENCY_FILES);
  const { planId } = await importPlanFile(db.store, config.PLAN_FILE);
  const path = join(tempDir(), "template.db");
  // A complete, checkpointed snapshot that can be copied while the original stays open.
  db.sqlite.exec(`vacuum into '${path}'`);
  return { path, planId };
})();

/** A database holding the shipped agencies and the shipped plan. */
export function seededDatabase() {
  const db = openTemp(copySeed("test.db"));
  return { ...db, planId: seed.planId };
}

/** A fresh copy of a database seeded with the shipped agencies and plan. */
export function seededCopy(): string {
  return copySeed("app.db");
}

function copySeed(name: string): string {
  const path = join(tempDir(), name);
  copyFileSync(seed.path, path);
  return path;
}
