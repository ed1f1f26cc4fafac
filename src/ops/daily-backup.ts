import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import type { Config } from "../config.ts";
import type { SqliteConnection } from "../db/sqlite-files.ts";
import type { Logger } from "../logger.ts";
import { backupDatabase } from "./backup.ts";

const TZ = "Asia/Ho_Chi_Minh";
const NAME = /^nhacviec-(\d{4}-\d{2}-\d{2})\.db$/;
/** A lock older than this was left by an instance that died mid-backup. */
const STALE_LOCK_MS = 60 * 60_000;

export interface BackupPlace {
  dir: string;
  keep: number;
}

/** The next instant it is `time` o'clock in Vietnam, strictly after `now`. */
export function nextBackupAt(time: string, now: Date): Date {
  const [h = 0, m = 0] = time.split(":").map(Number);
  const local = new TZDate(now, TZ);
  let at = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), h, m, 0, TZ);
  if (at.getTime() <= now.getTime()) at = addDays(at, 1);
  return new Date(at.getTime());
}

/**
 * One day's backup into `dir`, named by the Vietnamese date, then the oldest beyond `keep` removed.
 * Several instances may share the database and the directory: an exclusive lock file (created with
 * O_EXCL, so exactly one creator wins) lets one of them do it; the others find the lock or the file.
 * Returns the file written, or undefined when another instance had it.
 */
export async function backupForDay(
  sqlite: SqliteConnection,
  opts: BackupPlace,
  at: Date,
): Promise<string | undefined> {
  mkdirSync(opts.dir, { recursive: true });
  const day = format(new TZDate(at, TZ), "yyyy-MM-dd");
  const file = join(opts.dir, `nhacviec-${day}.db`);
  const lock = `${file}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, "wx");
  } catch (e) {
    if ((e as { code?: string }).code !== "EEXIST") throw e;
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age < STALE_LOCK_MS) return undefined; // another instance is at it
    rmSync(lock, { force: true });
    return backupForDay(sqlite, opts, at);
  }
  try {
    if (statSync(file, { throwIfNoEntry: false })) return undefined;
    await backupDatabase(sqlite, file);
    prune(opts.dir, opts.keep);
    return file;
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

function prune(dir: string, keep: number): void {
  const backups = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse();
  for (const f of backups.slice(keep)) rmSync(join(dir, f), { force: true });
}

/**
 * Runs backupForDay every day at BACKUP_TIME (Vietnam time) until stopped, when BACKUP_DIR is set;
 * never holds the process open.
 */
export function startDailyBackup(
  sqlite: SqliteConnection,
  config: Pick<Config, "BACKUP_DIR" | "BACKUP_TIME" | "BACKUP_KEEP">,
  log: Logger,
): { stop(): void } | undefined {
  const dir = config.BACKUP_DIR;
  if (!dir) return undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    const at = nextBackupAt(config.BACKUP_TIME, new Date());
    timer = setTimeout(async () => {
      if (stopped || !sqlite.open) return;
      try {
        const file = await backupForDay(sqlite, { dir, keep: config.BACKUP_KEEP }, at);
        if (file) log.info({ file }, "daily backup written");
      } catch (e) {
        log.error({ err: e instanceof Error ? e.message : String(e) }, "daily backup failed");
      }
      if (!stopped) schedule();
    }, at.getTime() - Date.now());
    timer.unref();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
