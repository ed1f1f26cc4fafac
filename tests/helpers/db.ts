import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { ensureDefaultAgencies } from "../../src/catalog/agency-import.ts";
import { importPlanFile } from "../../src/catalog/plan-import.ts";
import { loadConfig } from "../../src/config.ts";
import { type Database_, openDatabase } from "../../src/db/connection.ts";

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
export function tempDatabase(): Database_ & { path: string } {
  const path = join(tempDir(), "test.db");
  const db = openDatabase(path);
  cleanups.push(() => db.close());
  return { ...db, path };
}

// The tests' Redis, never a developer's REDIS_URL; anything that reaches Redis names its own prefix.
export const config = loadConfig({
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: `t-${process.pid}-config`,
});

/** A database holding the shipped agencies and the shipped plan. */
export function seededDatabase() {
  const db = tempDatabase();
  ensureDefaultAgencies(db.db, config.AGENCY_FILES);
  const summary = importPlanFile(db.db, config.PLAN_FILE);
  return { ...db, planId: summary.planId };
}
