import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportPlan } from "../../src/catalog/plan-export.ts";
import { importPlan } from "../../src/catalog/plan-import.ts";
import { UserError } from "../../src/errors.ts";
import { cli } from "../helpers/cli.ts";
import { config, seededDatabase, storeOf, tempDir } from "../helpers/db.ts";

// Issue 11.3: a plan whose tables lost their tab characters read as an empty plan and archived
// the whole live plan with exit 0.
const shipped = readFileSync(config.PLAN_FILE, "utf8");
const tabless = shipped.replaceAll("\t", "");

async function attempt(text: string, opts = {}) {
  const { db, planId, sqlite } = seededDatabase();
  const dump = async () => ({
    export: (await exportPlan(storeOf(db), planId)).tasks,
    rows: sqlite.prepare("select count(*) n, count(archived_at) archived from tasks").get(),
    targets: sqlite.prepare("select count(*) n, count(archived_at) archived from targets").get(),
    assignments: sqlite.prepare("select count(*) n, count(archived_at) archived from assignments").get(),
  });
  const before = await dump();
  let error: unknown;
  try {
    await importPlan(storeOf(db), { planId, text, sourceName: "plan.md" }, opts);
  } catch (e) {
    error = e;
  }
  return { error: error as UserError, before, after: await dump(), db, planId };
}

describe("an import that would empty a plan", async () => {
  it("refuses the shipped plan with its tabs removed and changes nothing", async () => {
    const r = await attempt(tabless);
    expect(r.error).toBeInstanceOf(UserError);
    expect(r.error.key).toBe("err-plan-no-tasks");
    expect(r.after).toEqual(r.before);
  });

  it("refuses a document that would archive more than half of the live tasks", async () => {
    // Keep sections I–III of Annex II (20 of 62 tasks): 42 would be archived.
    const cut = shipped.indexOf("<b>IV</b>", shipped.indexOf("**Phụ lục II."));
    const r = await attempt(shipped.slice(0, cut));
    expect(r.error.key).toBe("err-plan-archive-tasks");
    expect(r.error.args).toMatchObject({ archived: 42, live: 62 });
    expect(r.after).toEqual(r.before);
  });

  it("refuses a document with tasks but no targets when the plan has live targets", async () => {
    const from = shipped.indexOf("STT\tMỤC TIÊU CỤ THỂ");
    const to = shipped.indexOf("**Phụ lục II.");
    const r = await attempt(shipped.slice(0, from) + shipped.slice(to));
    expect(r.error.key).toBe("err-plan-no-targets");
    expect(r.after).toEqual(r.before);
  });

  it("goes through with --allow-archive, archiving rather than deleting", async () => {
    const cut = shipped.indexOf("<b>IV</b>", shipped.indexOf("**Phụ lục II."));
    const r = await attempt(shipped.slice(0, cut), { allowArchive: true });
    expect(r.error).toBeUndefined();
    expect(r.after.rows).toEqual({ n: 62, archived: 42 });
    expect((await exportPlan(storeOf(r.db), r.planId)).tasks).toHaveLength(20);
  });

  it("says so on the command line, in Vietnamese and in English, exit 1, nothing written", async () => {
    const { db, planId, path } = seededDatabase();
    const file = join(tempDir(), "plan-khong-tab.md");
    writeFileSync(file, tabless);
    const before = await exportPlan(storeOf(db), planId);
    const args = ["--db", path, "plan", "import", file, "--id", planId];
    const vi = cli(args, { NHACVIEC_LANG: "vi" });
    expect(vi.code).toBe(1);
    expect(vi.stderr).toMatch(/không tìm thấy bảng nhiệm vụ.*Chưa thay đổi gì.*--allow-archive/);
    const en = cli([...args, "--dry-run"], { NHACVIEC_LANG: "en" });
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/no task table found.*Nothing was changed.*--allow-archive/);
    expect(en.stderr).not.toMatch(/at .*\.ts:/);
    expect(await exportPlan(storeOf(db), planId)).toEqual(before);
  }, 180_000);
});
