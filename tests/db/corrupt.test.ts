import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ensureDefaultAgencies } from "../../src/catalog/agency-import.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { UserError } from "../../src/errors.ts";
import { I18n } from "../../src/i18n/index.ts";
import { config, storeOf, tempDatabase } from "../helpers/db.ts";

/** Overwrites one page in the middle of the file, as a failing disk or a torn copy would. */
function damagePage(path: string): void {
  const size = readFileSync(path).length;
  const page = 4096;
  const middle = Math.floor(size / page / 2) * page;
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(page, 0xa5), 0, page, middle);
  closeSync(fd);
}

function openError(path: string): unknown {
  try {
    openDatabase(path).close();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("a database with a damaged page", async () => {
  it("refuses to open, naming the file and what SQLite found", async () => {
    const db = tempDatabase();
    await ensureDefaultAgencies(storeOf(db.db), config.AGENCY_FILES);
    db.close();
    expect(openError(db.path)).toBeUndefined();
    damagePage(db.path);

    const error = openError(db.path);
    expect(error).toBeInstanceOf(UserError);
    const { key, args } = error as UserError;
    expect(key).toBe("start-db-corrupt");
    expect(args.file).toBe(db.path);
    const said = new I18n().t("vi", key, args);
    expect(said).toContain(`Cơ sở dữ liệu ${db.path} bị hỏng`);
    expect(said).toContain("khôi phục từ bản sao lưu");
  });

  it("refuses a file that is not a database at all", async () => {
    const db = tempDatabase();
    db.close();
    const fd = openSync(db.path, "r+");
    writeSync(fd, Buffer.from("this is not sqlite".repeat(400)), 0, 7200, 0);
    closeSync(fd);
    expect((openError(db.path) as UserError).key).toBe("start-db-corrupt");
  });
});
