import { readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkBackupFile } from "../../src/ops/backup.ts";
import { backupForDay, nextBackupAt } from "../../src/ops/daily-backup.ts";
import { tempDatabase, tempDir } from "../helpers/db.ts";

describe("daily backup", () => {
  it("runs next at BACKUP_TIME in Vietnam time, whatever the server's zone", () => {
    // 03:00 in Hà Nội on 2 December: 02:00 has passed, so tomorrow's.
    expect(nextBackupAt("02:00", new Date("2026-12-01T20:00:00Z")).toISOString()).toBe(
      "2026-12-02T19:00:00.000Z",
    );
    // 01:59 in Hà Nội: still today.
    expect(nextBackupAt("02:00", new Date("2026-12-01T18:59:00Z")).toISOString()).toBe(
      "2026-12-01T19:00:00.000Z",
    );
    expect(nextBackupAt("23:30", new Date("2026-12-31T16:30:00Z")).toISOString()).toBe(
      "2027-01-01T16:30:00.000Z",
    );
  });

  it("writes one sound backup a day even when several instances fire at once, and keeps BACKUP_KEEP", async () => {
    const db = tempDatabase();
    const dir = tempDir();
    for (const day of ["2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"])
      writeFileSync(join(dir, `nhacviec-${day}.db`), "old");
    writeFileSync(join(dir, "notes.txt"), "not a backup: never pruned");
    const at = new Date("2026-12-01T19:00:00Z"); // 02:00 on 2 December in Vietnam
    const results = await Promise.all([1, 2, 3].map(() => backupForDay(db.sqlite, { dir, keep: 3 }, at)));
    const written = results.filter(Boolean);
    expect(written).toEqual([join(dir, "nhacviec-2026-12-02.db")]);
    expect(checkBackupFile(join(dir, "nhacviec-2026-12-02.db")).reports).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      "nhacviec-2026-11-29.db",
      "nhacviec-2026-11-30.db",
      "nhacviec-2026-12-02.db",
      "notes.txt",
    ]);
    // Later the same day (a restart, another instance): the day's file is there, nothing is written.
    expect(await backupForDay(db.sqlite, { dir, keep: 3 }, at)).toBeUndefined();
  });

  it("takes over a lock left by an instance that died mid-backup an hour ago, not a fresh one", async () => {
    const db = tempDatabase();
    const dir = tempDir();
    const at = new Date("2026-12-01T19:00:00Z");
    const lock = join(dir, "nhacviec-2026-12-02.db.lock");
    writeFileSync(lock, "");
    expect(await backupForDay(db.sqlite, { dir, keep: 3 }, at)).toBeUndefined();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(lock, twoHoursAgo, twoHoursAgo);
    expect(await backupForDay(db.sqlite, { dir, keep: 3 }, at)).toBe(join(dir, "nhacviec-2026-12-02.db"));
    expect(readdirSync(dir)).toEqual(["nhacviec-2026-12-02.db"]);
  });
});
