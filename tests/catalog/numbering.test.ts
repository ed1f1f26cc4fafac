import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadProvinceDirectory } from "../../src/catalog/directories.ts";
import { exportPlan } from "../../src/catalog/plan-export.ts";
import { importPlan, loadGazetteer } from "../../src/catalog/plan-import.ts";
import { config, seededDatabase, storeOf, tempDatabase } from "../helpers/db.ts";

const table = (header: string, rows: string[]) =>
  [`| ${header} |`, `|${"---|".repeat(header.split("|").length)}`, ...rows.map((r) => `| ${r} |`)].join("\n");
const TASKS = "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Kết quả, sản phẩm";
const task = (n: string, title: string) => `${n} | ${title} | Sở Y tế | | 2026 | Báo cáo`;
const group = (n: string, title: string) => `**${n}** | **${title}** | | | |`;

async function refs(rows: string[]) {
  const { db } = tempDatabase();
  await loadProvinceDirectory(storeOf(db), "data/agencies", "Gia Lai");
  const text = `# Kế hoạch thử\n\n${table(TASKS, rows)}\n`;
  await importPlan(storeOf(db), { planId: "p", text, sourceName: "p.md" });
  return (await exportPlan(storeOf(db), "p")).tasks.map((t) => t.ref);
}

describe("numbering and groups", async () => {
  it("reads '1.' groups with '1.1' and '5.1.3' numbers without doubling the group", async () => {
    expect(
      await refs([
        group("1.", "Nhóm một"),
        task("1.1", "a"),
        task("1.2", "b"),
        group("5.", "Nhóm năm"),
        task("5.1.3", "c"),
      ]),
    ).toEqual(["1.1", "1.2", "5.1.3"]);
  });

  it("puts sub-groups such as 'III.1' into the ref, and numbering restarting in every group", async () => {
    expect(
      await refs([
        group("III", "Ba"),
        group("III.1", "Ba một"),
        task("1", "a"),
        task("2", "b"),
        group("III.2", "Ba hai"),
        task("1", "c"),
        group("IV", "Bốn"),
        task("1", "d"),
      ]),
    ).toEqual(["III.1.1", "III.1.2", "III.2.1", "IV.1"]);
  });

  it("numbers rows without groups by themselves, and tells repeated numbers apart", async () => {
    expect(await refs([task("1", "a"), task("2", "b"), task("2", "c"), task("", "d")])).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("skips a header repeated inside the table", async () => {
    expect(await refs([group("A", "Một"), task("1", "a"), TASKS, task("2", "b")])).toEqual(["A.1", "A.2"]);
  });
});

describe("the group phrases and central bodies of other plans", async () => {
  const { db } = tempDatabase();
  await loadProvinceDirectory(storeOf(db), "data/agencies", "Cần Thơ");
  const g = await loadGazetteer(storeOf(db));
  const ids = (cell: string) => g.resolve(cell).map((p) => p.agencyId ?? `group:${p.groupId}`);

  it.each([
    ["các bộ, ngành, địa phương", ["group:ministries", "group:communes"]],
    ["Tập đoàn, doanh nghiệp công nghệ số", ["group:enterprises"]],
    ["Các trường: Đại học, Cao đẳng, Trung cấp trên địa bàn thành phố", ["group:universities"]],
    ["Ban Tuyên giáo Trung ương", ["ban-tuyen-giao-dan-van-tw"]],
    ["Bộ Khoa học và công nghệ", ["bo-khoa-hoc-va-cong-nghe"]],
    ["Công an thành phố Cần Thơ", ["cong-an-tinh"]],
    ["Bộ Công an, Bộ Tài chính; Bộ Y tế", ["bo-cong-an", "bo-tai-chinh", "bo-y-te"]],
  ])("%s", (cell, expected) => {
    expect(ids(cell)).toEqual(expected);
  });
});

describe("Gia Lai's own directory through --province", async () => {
  it("keeps the shipped plan's refs, parties and assignments", async () => {
    const { db, planId, sqlite } = seededDatabase();
    const asg = () => sqlite.prepare("select task_id, agency_id, role from assignments order by id").all();
    const before = { tasks: (await exportPlan(storeOf(db), planId)).tasks, asg: asg() };
    await loadProvinceDirectory(storeOf(db), "data/agencies", "gia lai");
    const s = await importPlan(storeOf(db), {
      planId,
      text: readFileSync(config.PLAN_FILE, "utf8"),
      sourceName: "x.md",
    });
    expect(s.tasks).toMatchObject({ added: 0, updated: 0, archived: 0 });
    expect({ tasks: (await exportPlan(storeOf(db), planId)).tasks, asg: asg() }).toEqual(before);
  });
});
