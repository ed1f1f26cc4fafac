import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
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

let template: string | undefined;

/**
 * A fresh copy of a database seeded once per test file with the shipped agencies and plan:
 * importing the plan for every test would cost most of the suite's time.
 */
export function seededCopy(): string {
  if (!template) {
    const seeded = seededDatabase();
    template = join(tempDir(), "template.db");
    // A complete, checkpointed snapshot that can be copied while the original stays open.
    seeded.sqlite.exec(`vacuum into '${template}'`);
  }
  const path = join(tempDir(), "app.db");
  copyFileSync(template, path);
  return path;
}
