import { readFileSync } from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ensureDefaultAgencies } from "../../src/catalog/agency-import.ts";
import { exportPlan } from "../../src/catalog/plan-export.ts";
import { importPlan } from "../../src/catalog/plan-import.ts";
import { assignments, tasks } from "../../src/db/schema.ts";
import { UserError } from "../../src/errors.ts";
import { config, seededDatabase, storeOf, tempDatabase } from "../helpers/db.ts";

const shipped = readFileSync(config.PLAN_FILE, "utf8");

describe("importing the shipped plan", async () => {
  const { db, planId } = seededDatabase();
  const data = await exportPlan(storeOf(db), planId);
  const task = (ref: string) => data.tasks.find((t) => t.ref === ref);
  const target = (ref: string) => data.targets.find((t) => t.ref === ref);

  it("finds all 62 tasks and 54 targets, in the document's order", async () => {
    expect(data.tasks).toHaveLength(62);
    expect(data.targets).toHaveLength(54);
    expect(new Set(data.tasks.map((t) => t.ref)).size).toBe(62);
    expect(data.tasks.map((t) => t.section).filter((s, i, a) => a.indexOf(s) === i)).toEqual([
      "I",
      "II",
      "III",
      "IV",
      "V",
      "VI",
      "VII",
      "VIII",
      "IX",
      "X",
    ]);
    expect(data.tasks[0]?.ref).toBe("I.1");
    expect(data.tasks.at(-1)?.ref).toBe("X.4");
  });

  it("gives section II's second task 7 its own ref", async () => {
    expect(task("II.7")?.title).toMatch(/^Hướng dẫn việc kết nối/);
    expect(task("II.10")).toMatchObject({ number: "7", leads: ["departments"] });
    expect(task("II.10")?.title).toMatch(/^Công khai các trường thông tin/);
  });

  it("joins rows continued across page breaks and footnotes", async () => {
    expect(task("II.2")).toMatchObject({
      title: "Triển khai trí tuệ nhân tạo AI, Trợ lý ảo để hỗ trợ dịch vụ công, TTHC",
      partners: ["van-phong-ubnd-tinh", "so-khoa-hoc-va-cong-nghe"],
      output: "Trợ lý ảo được tích hợp trên VNeID và Công Dịch vụ công quốc gia",
    });
    expect(task("II.2")?.deadline).toMatchObject({ kind: "dependent", due: "2026-09-30", indicative: true });
    expect(target("I.6")).toMatchObject({
      title: "Tỷ lệ hồ sơ dịch vụ công trực tuyến trên tổng số hồ sơ dịch vụ công",
      trackers: ["van-phong-ubnd-tinh"],
    });
    expect(task("IV.5")?.deadline).toMatchObject({
      kind: "milestones",
      milestones: ["2027-12-31", "2030-12-31"],
    });
    expect(task("VI.6")).toMatchObject({ leads: ["so-noi-vu"], partners: ["departments"] });
  });

  it("resolves the tricky agency cells", async () => {
    expect(task("III.1")?.leads).toEqual(["so-van-hoa-the-thao-va-du-lich"]);
    expect(task("III.2")?.leads).toEqual(["nhnn-kv11"]);
    expect(task("VII.2")?.leads).toEqual(["nhnn-kv11"]);
    expect(task("III.6")?.partners).toEqual(["nhnn-kv11", "thue-tinh", "bhxh-tinh", "so-y-te"]);
    expect(task("III.7")).toMatchObject({
      leads: ["thue-tinh"],
      partners: ["so-cong-thuong", "so-tai-chinh", "cong-an-tinh"],
    });
    expect(task("V.10")?.partners).toEqual([
      "trung-tam-du-lieu-quoc-gia",
      "departments",
      "communes",
      "related",
    ]);
    expect(task("IX.2")).toMatchObject({ leads: ["cong-an-tinh", "so-khoa-hoc-va-cong-nghe"], partners: [] });
    expect(target("I.4")?.trackers).toEqual(["van-phong-ubnd-tinh", "cong-an-tinh"]);
    expect(target("II.2")?.trackers).toEqual(["so-cong-thuong", "cong-an-tinh", "thue-tinh"]);
    expect(target("II.7")?.trackers).toEqual(["nhnn-kv11"]);
  });

  it("reads every deadline form of the document", async () => {
    const kinds = new Map<string, number>();
    for (const t of data.tasks) kinds.set(t.deadline.kind, (kinds.get(t.deadline.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({
      dependent: 13,
      recurring: 21,
      month: 17,
      quarter: 4,
      year: 6,
      milestones: 1,
    });
    expect(task("IV.2")?.deadline.quota).toEqual({ count: 1, per: "year", item: "khóa học" });
    expect(task("II.4")?.deadline).toMatchObject({ kind: "quarter", due: "2026-06-30", indicative: false });
    expect(task("I.1")?.deadline).toMatchObject({
      kind: "dependent",
      due: null,
      condition: "Sau khi có hướng dẫn của Bộ Công an",
    });
  });

  it("reads target values with their comparators", async () => {
    expect(target("III.3")?.target2026).toEqual({ text: "≥80", op: ">=", value: 80 });
    expect(target("III.3")?.target2030).toEqual({ text: "100", op: "=", value: 100 });
    expect(target("I.5")?.target2030).toBeNull();
    expect(target("III.1")?.target2030).toBeNull();
    expect(target("I.1")?.target2026).toEqual({
      text: "Nhóm 15 địa phương dẫn đầu cả nước",
      op: null,
      value: null,
    });
    expect(target("VI.4")).toMatchObject({ unit: "Sản phẩm", target2026: { text: "01", op: "=", value: 1 } });
  });

  it("expands groups into assignments, keeps named roles, and never assigns external bodies", async () => {
    const ref = (r: string) => db.select().from(tasks).where(eq(tasks.ref, r)).get()?.id ?? -1;
    const of = (r: string) =>
      db
        .select()
        .from(assignments)
        .where(and(eq(assignments.taskId, ref(r)), isNull(assignments.archivedAt)))
        .all();
    const iv1 = of("IV.1");
    expect(iv1.find((a) => a.agencyId === "cong-an-tinh")?.role).toBe("partner");
    expect(iv1.find((a) => a.agencyId === "phuong-pleiku")).toMatchObject({
      role: "lead",
      viaGroupId: "communes",
    });
    expect(iv1.filter((a) => a.role === "lead").length).toBeGreaterThan(135);
    expect(of("V.6").map((a) => a.agencyId)).toEqual(["so-y-te"]);
  });
});

describe("re-importing", async () => {
  it("changes nothing when the document is the same", async () => {
    const { db, planId } = seededDatabase();
    const before = db.select().from(assignments).all().length;
    const s = await importPlan(storeOf(db), { planId, text: shipped, sourceName: "again.md" });
    expect(s.tasks).toEqual({ added: 0, updated: 0, unchanged: 62, archived: 0 });
    expect(s.targets).toEqual({ added: 0, updated: 0, unchanged: 54, archived: 0 });
    expect(db.select().from(tasks).all()).toHaveLength(62);
    expect(db.select().from(assignments).all()).toHaveLength(before);
  });

  it("updates a changed title in place and archives a removed task", async () => {
    const { db, planId } = seededDatabase();
    const idOf = (ref: string) => db.select().from(tasks).where(eq(tasks.ref, ref)).get();
    const i3 = idOf("I.3");
    const edited = shipped
      .replace(
        "Xây dựng Hệ thống Từ điển dữ liệu dùng chung",
        "Xây dựng và vận hành Hệ thống Từ điển dữ liệu dùng chung",
      )
      .replace(/^3\tChủ trì, phối hợp với Sở Tư pháp.*$/m, "");
    const s = await importPlan(storeOf(db), { planId, text: edited, sourceName: "edited.md" });
    expect(s.tasks).toMatchObject({ added: 0, updated: 1, archived: 1, unchanged: 60 });
    const i1 = idOf("I.1");
    expect(i1?.title).toBe("Xây dựng và vận hành Hệ thống Từ điển dữ liệu dùng chung");
    expect(idOf("I.3")).toMatchObject({ id: i3?.id, archivedAt: expect.any(String) });
    const live = db
      .select()
      .from(assignments)
      .where(and(eq(assignments.taskId, i3?.id ?? -1), isNull(assignments.archivedAt)))
      .all();
    expect(live).toEqual([]);
    expect((await exportPlan(storeOf(db), planId)).tasks).toHaveLength(61);

    // Putting it back revives the same row rather than adding one.
    const back = await importPlan(storeOf(db), { planId, text: shipped, sourceName: "back.md" });
    expect(back.tasks).toMatchObject({ added: 0, updated: 2 });
    expect(idOf("I.3")).toMatchObject({ id: i3?.id, archivedAt: null });
    expect(db.select().from(tasks).all()).toHaveLength(62);
  });
});

describe("a malformed document", async () => {
  async function attempt(text: string) {
    const { db, planId, sqlite } = seededDatabase();
    const dump = () => sqlite.prepare("select count(*) n, group_concat(title, '|') t from tasks").get();
    const before = dump();
    const error = await importPlan(storeOf(db), { planId, text, sourceName: "bad.md" }).catch((e) => e);
    expect(dump()).toEqual(before);
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }

  it("names the line and text of an unknown agency and changes nothing", async () => {
    const e = await attempt(
      shipped.replace("\tSở Tư pháp\tTháng 3/2027", "\tSở Kế hoạch và Đầu tư\tTháng 3/2027"),
    );
    expect(e.key).toBe("err-plan-unknown-agencies");
    expect(e.args).toMatchObject({ line: 365, count: 1, names: "Sở Kế hoạch và Đầu tư" });
  });

  it("with --strict, names the line and text of a deadline that fits no rule", async () => {
    const bad = shipped.replace("\tQuý II/2026\tĐưa vào vận hành", "\tCuối năm\tĐưa vào vận hành");
    const { db, planId, sqlite } = seededDatabase();
    const before = sqlite.prepare("select count(*) n, group_concat(deadline_text, '|') t from tasks").get();
    await expect(
      importPlan(storeOf(db), { planId, text: bad, sourceName: "bad.md" }, { strict: true }),
    ).rejects.toThrow(
      expect.objectContaining({ args: expect.objectContaining({ line: 373, text: "Cuối năm" }) }),
    );
    expect(sqlite.prepare("select count(*) n, group_concat(deadline_text, '|') t from tasks").get()).toEqual(
      before,
    );
    // Without it, the task comes in with no date and is listed for /setdue.
    const s = await importPlan(storeOf(db), { planId, text: bad, sourceName: "bad.md" });
    expect(s.report.undated).toEqual([expect.objectContaining({ text: "Cuối năm" })]);
    const ref = s.report.undated[0]?.ref ?? "";
    expect((await exportPlan(storeOf(db), planId)).tasks.find((t) => t.ref === ref)?.deadline).toMatchObject({
      kind: "none",
      due: null,
      text: "Cuối năm",
    });
  });

  it("refuses a document without tables", async () => {
    expect((await attempt("# Just a title\n")).key).toBe("err-plan-no-tasks");
  });
});

describe("a fresh database", async () => {
  it("has no agencies until the shipped directory is loaded", async () => {
    const { db } = tempDatabase();
    await expect(importPlan(storeOf(db), { planId: "x", text: shipped, sourceName: "x.md" })).rejects.toThrow(
      UserError,
    );
    expect(await ensureDefaultAgencies(storeOf(db), config.AGENCY_FILES)).toBe(true);
    expect(await ensureDefaultAgencies(storeOf(db), config.AGENCY_FILES)).toBe(false);
    expect(
      (await importPlan(storeOf(db), { planId: "x", text: shipped, sourceName: "x.md" })).tasks.added,
    ).toBe(62);
  });
});
