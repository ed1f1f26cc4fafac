import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importAgenciesFile } from "../../src/catalog/agency-import.ts";
import { loadProvinceDirectory } from "../../src/catalog/directories.ts";
import { writeReviewCsv } from "../../src/catalog/new-agencies.ts";
import { exportPlan } from "../../src/catalog/plan-export.ts";
import { importAnyPlanFile, importPlan } from "../../src/catalog/plan-import.ts";
import { agencies, assignments, tasks } from "../../src/db/schema.ts";
import type { UserError } from "../../src/errors.ts";
import { seededDatabase, storeOf, tempDatabase, tempDir } from "../helpers/db.ts";
import { docxPlan, markdownPlan, writeFixture, xlsxPlan } from "./shapes/documents.ts";

const DIR = "data/agencies";

async function dongNai() {
  const db = tempDatabase();
  await loadProvinceDirectory(storeOf(db.db), DIR, "dong nai");
  return db;
}

const error = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (e) {
    return e as UserError;
  }
  throw new Error("no error");
};

describe("a Markdown plan with its own columns, groups and deadlines", async () => {
  const { db } = await dongNai();
  const s = await importPlan(
    storeOf(db),
    { planId: "dn", text: markdownPlan, sourceName: "dn.md" },
    { newAgencies: true },
  );
  const data = await exportPlan(storeOf(db), "dn");
  const task = (ref: string) => data.tasks.find((t) => t.ref === ref);

  it("places the columns by their headers and keeps the extra one as a note", async () => {
    expect(data.tasks.map((t) => t.ref)).toEqual(["I.1", "I.2", "II.1", "II.2", "II.3", "II.4", "II.5"]);
    expect(task("I.1")).toMatchObject({
      title: "Rà soát văn bản",
      leads: ["so-tu-phap"],
      partners: ["departments"],
      output: "Báo cáo",
      notes: [{ header: "Nguồn kinh phí", text: "Ngân sách tỉnh" }],
    });
    expect(data.plan.title).toBe("Kế hoạch chuyển đổi số tỉnh Đồng Nai năm 2026");
  });

  it("reads every deadline form: ranges keep both ends, yearly is recurring, empty and unknown have no date", async () => {
    expect(task("I.1")?.deadline).toMatchObject({ kind: "quarter", due: "2026-06-30" });
    expect(task("I.2")?.deadline).toMatchObject({ kind: "range", start: "2025-10-01", due: "2026-06-30" });
    expect(task("II.1")?.deadline).toMatchObject({ kind: "recurring", every: "year" });
    expect(task("II.2")?.deadline).toMatchObject({ kind: "recurring", start: "2025-01-01", every: "year" });
    expect(task("II.3")?.deadline).toMatchObject({ kind: "dependent", due: null });
    expect(task("II.4")?.deadline).toMatchObject({ kind: "none", due: null, text: "" });
    expect(task("II.5")?.deadline).toMatchObject({ kind: "none", due: null, text: "Khi nào xong" });
    expect(s.report.undated.map((u) => u.ref)).toEqual(["II.4", "II.5"]);
  });

  it("resolves central bodies, case and typo variants, and the province's communes", async () => {
    expect(task("I.2")?.partners).toEqual(["bo-cong-an", "trung-tam-du-lieu-quoc-gia"]);
    expect(task("II.1")?.partners).toEqual([
      "dai-truyen-hinh-viet-nam",
      "dai-tieng-noi-viet-nam",
      "thong-tan-xa-viet-nam",
    ]);
    expect(task("II.2")).toMatchObject({ leads: ["so-cong-thuong"], partners: ["communes"] });
    expect(task("II.3")).toMatchObject({
      leads: ["so-khoa-hoc-va-cong-nghe"],
      partners: ["bo-khoa-hoc-va-cong-nghe"],
    });
    expect(task("II.4")?.leads).toEqual(["so-y-te"]);
    expect(task("II.5")?.leads).toEqual(["phuong-tran-bien"]);
    expect(s.report.unknown).toEqual([]);
  });

  it("reads one value column under year rows, keeping words as text", async () => {
    expect(data.targets.map((t) => t.ref)).toEqual(["A.1", "A.2", "A.3"]);
    expect(data.targets[0]).toMatchObject({
      target2026: { text: "≥80", op: ">=", value: 80 },
      target2030: null,
    });
    expect(data.targets[1]?.target2026).toEqual({
      text: "Nhóm 15 địa phương dẫn đầu",
      op: null,
      value: null,
    });
    expect(data.targets[2]).toMatchObject({ target2026: null, target2030: { text: "100", value: 100 } });
  });

  it("expands the communes group into the province's 95 units", async () => {
    const ref = db.select().from(tasks).where(eq(tasks.ref, "II.2")).get()?.id ?? -1;
    const rows = db.select().from(assignments).where(eq(assignments.taskId, ref)).all();
    expect(rows.filter((r) => r.viaGroupId === "communes")).toHaveLength(95);
  });
});

describe("a docx plan", async () => {
  it("reads merged group rows, sub-groups, a lead merged down, a repeated header and year columns", async () => {
    const { db } = await dongNai();
    const file = writeFixture(tempDir(), "ke-hoach.docx", await docxPlan());
    const s = await await importAnyPlanFile(storeOf(db), file);
    const data = await exportPlan(storeOf(db), s.planId);
    expect(data.plan.title).toBe("Kế hoạch triển khai Đề án 06 trên địa bàn tỉnh Đồng Nai");
    expect(data.plan.sections.map((x) => `${x.annex}:${x.numeral}`)).toEqual([
      "targets:I",
      "tasks:I",
      "tasks:II",
    ]);
    expect(data.tasks.map((t) => [t.ref, t.leads.join(), t.deadline.kind, t.deadline.due])).toEqual([
      ["I.1.1", "so-noi-vu", "month", "2026-12-31"],
      ["I.1.2", "so-noi-vu", "date", "2026-09-30"],
      ["I.1.3", "thanh-tra-tinh", "quarter", "2026-12-31"],
      ["II.1", "cong-an-tinh", "range", "2030-12-31"],
      ["II.2", "van-phong-ubnd-tinh", "recurring", null],
    ]);
    expect(data.tasks[3]?.partners).toEqual(["telecoms"]);
    expect(data.targets[0]).toMatchObject({
      ref: "I.1",
      target2026: { text: "50", value: 50 },
      target2030: { text: "≥90", op: ">=", value: 90 },
      otherYears: [{ year: 2028, text: "70", op: "=", value: 70 }],
      trackers: ["so-tai-chinh"],
    });
    // The same file again: same refs, nothing changed, nothing archived.
    const again = await await importAnyPlanFile(storeOf(db), file);
    expect(again.tasks).toEqual({ added: 0, updated: 0, unchanged: 5, archived: 0 });
    expect(again.targets).toEqual({ added: 0, updated: 0, unchanged: 1, archived: 0 });
  });
});

describe("an xlsx plan", async () => {
  it("reads numbering that restarts in every group and keeps the extra column as a note", async () => {
    const { db } = await dongNai();
    const file = writeFixture(tempDir(), "ke-hoach.xlsx", await xlsxPlan());
    const s = await await importAnyPlanFile(storeOf(db), file, "xl");
    const data = await exportPlan(storeOf(db), "xl");
    expect(data.tasks.map((t) => t.ref)).toEqual(["A.1", "A.2", "B.1"]);
    expect(data.tasks[0]).toMatchObject({
      leads: ["so-y-te"],
      notes: [{ header: "Người đứng đầu chịu trách nhiệm", text: "Giám đốc Sở" }],
      deadline: { kind: "month", due: "2026-10-31" },
    });
    expect(data.tasks[1]?.deadline).toMatchObject({ kind: "quarter", due: "2026-12-31" });
    expect(data.tasks[2]?.deadline).toMatchObject({ kind: "range", start: "2025-01-01", due: "2030-12-31" });
    expect(data.targets[0]).toMatchObject({
      target2030: { text: "95", value: 95 },
      trackers: ["cong-an-tinh"],
    });
    expect(s.report.top.map((a) => [a.id, a.count])).toEqual([
      ["so-noi-vu", 1],
      ["so-tai-chinh", 1],
      ["so-xay-dung", 1],
      ["so-y-te", 1],
    ]);
  });
});

describe("headers it cannot place", async () => {
  it("names them and changes nothing", async () => {
    const { db, sqlite } = await dongNai();
    const text =
      "| TT | Tên nhiệm vụ | Cột lạ | Thời hạn |\n|---|---|---|---|\n| 1 | Việc | Sở Y tế | 2026 |\n";
    const e = await error(() => importPlan(storeOf(db), { planId: "x", text, sourceName: "x.md" }));
    expect(e.key).toBe("plan-format-missing-column");
    expect(e.args).toMatchObject({ line: 1, role: "lead", unplaced: '"Cột lạ"' });
    expect(sqlite.prepare("select count(*) n from plans").get()).toEqual({ n: 0 });
  });
});

describe("names the directory does not know", async () => {
  const text = markdownPlan.replace(
    "| Sở Tư pháp |",
    "| Sở Chuyển đổi số; Trung tâm Phục vụ hành chính công |",
  );

  it("fail a real import with the names and their line, and change nothing", async () => {
    const { db, sqlite } = await dongNai();
    const e = await error(() => importPlan(storeOf(db), { planId: "dn", text, sourceName: "dn.md" }));
    expect(e.key).toBe("err-plan-unknown-agencies");
    expect(e.args).toMatchObject({ count: 2, line: 19 });
    expect(sqlite.prepare("select count(*) n from tasks").get()).toEqual({ n: 0 });
  });

  it("are listed by a dry run, which writes nothing, and go to a review CSV", async () => {
    const { db, sqlite } = await dongNai();
    const before = sqlite
      .prepare("select (select count(*) from tasks) t, (select count(*) from agencies) a")
      .get();
    const s = await importPlan(storeOf(db), { planId: "dn", text, sourceName: "dn.md" }, { dryRun: true });
    expect(s.dryRun).toBe(true);
    expect(s.report.unknown).toEqual([
      { name: "Sở Chuyển đổi số", line: 19, cell: "Sở Chuyển đổi số; Trung tâm Phục vụ hành chính công" },
      { name: "Trung tâm Phục vụ hành chính công", line: 19, cell: expect.any(String) },
    ]);
    expect(s.tasks.added).toBe(7);
    expect(s.report.sections.map((x) => x.items)).toEqual([3, 2, 5]);
    expect(s.report.deadlineKinds).toMatchObject({ none: 2, range: 1, recurring: 2 });
    expect(
      sqlite.prepare("select (select count(*) from tasks) t, (select count(*) from agencies) a").get(),
    ).toEqual(before);
    const csv = join(tempDir(), "review.csv");
    writeReviewCsv(csv, s.report.unknown);
    expect(readFileSync(csv, "utf8")).toContain("so-chuyen-doi-so,Sở Chuyển đổi số,other,,,19,");
  });

  it("are created with --new-agencies, kind other and flagged for review, and assigned", async () => {
    const { db } = await dongNai();
    const s = await importPlan(
      storeOf(db),
      { planId: "dn", text, sourceName: "dn.md" },
      { newAgencies: true },
    );
    expect(s.report.created).toEqual(["so-chuyen-doi-so", "trung-tam-phuc-vu-hanh-chinh-cong"]);
    expect(db.select().from(agencies).where(eq(agencies.id, "so-chuyen-doi-so")).get()).toMatchObject({
      kind: "other",
      needsReview: true,
    });
    expect((await exportPlan(storeOf(db), "dn")).tasks[0]?.leads).toEqual([
      "so-chuyen-doi-so",
      "trung-tam-phuc-vu-hanh-chinh-cong",
    ]);
    expect(
      db.select().from(assignments).where(eq(assignments.agencyId, "so-chuyen-doi-so")).all(),
    ).toHaveLength(1);
    // The review file, edited and loaded into the directory, clears the flag.
    const csv = join(tempDir(), "review.csv");
    writeReviewCsv(csv, s.report.unknown);
    writeFileSync(csv, readFileSync(csv, "utf8").replaceAll(",other,", ",department,"));
    await importAgenciesFile(storeOf(db), csv);
    expect(db.select().from(agencies).where(eq(agencies.id, "so-chuyen-doi-so")).get()).toMatchObject({
      kind: "department",
      needsReview: false,
    });
  });
});

describe("the province directories", async () => {
  it("load every one of the 34 provinces by name, without accents too", async () => {
    const { db } = tempDatabase();
    expect((await loadProvinceDirectory(storeOf(db), DIR, "Thành phố Hồ Chí Minh")).province.code).toBe("79");
    expect((await loadProvinceDirectory(storeOf(db), DIR, "hue")).province.name).toBe("Thành phố Huế");
    expect((await error(() => loadProvinceDirectory(storeOf(db), DIR, "Bình Định"))).key).toBe(
      "err-province-unknown",
    );
    expect(existsSync(join(DIR, "vn-communes.csv"))).toBe(true);
  });

  it("replace another province's communes in the communes group", async () => {
    const { db, sqlite } = seededDatabase();
    const members = () =>
      sqlite.prepare("select count(*) n from group_members where group_id = 'communes'").get();
    expect(members()).toEqual({ n: 135 });
    await loadProvinceDirectory(storeOf(db), DIR, "Đồng Nai");
    expect(members()).toEqual({ n: 95 });
  });
});
