import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { rulesFor } from "../../src/domain/rules.ts";
import { buildDigest, renderDigest } from "../../src/engine/digest.ts";
import { Snapshot } from "../../src/engine/snapshot.ts";
import { renderDocx } from "../../src/reports/docx.ts";
import type { TaskRow } from "../../src/reports/model.ts";
import { buildSynthesis } from "../../src/reports/synthesis.ts";
import { renderXlsx } from "../../src/reports/xlsx.ts";
import { rowsOf } from "../helpers/engine-choice.ts";
import { NOW, PERIOD, reportsFixture } from "./fixture.ts";

/**
 * The on-time tallies in the four places they are shown, on the reports fixture (as of 05/12/2026,
 * November's deadline 10/12/2026) plus one report: Sở Y tế finished V.6 (due 31/12/2026) on
 * 29/11/2026. Công an tỉnh finished II.2 (due 30/09/2026) on 20/10/2026, late.
 */
async function fixture() {
  const fx = await reportsFixture();
  const rows = rowsOf(fx.core);
  const [v6] = await rows<{ id: number; task_id: number }>(
    `select a.id, a.task_id from assignments a join tasks t on t.id = a.task_id
      where a.agency_id = 'so-y-te' and t.ref = 'V.6' and a.role = 'lead'`,
  );
  // November's in-progress report on V.6 becomes history, as a save does.
  await rows(
    `update reports set superseded_at = '2026-11-29T02:00:00.000Z'
      where assignment_id = ? and period = ? and superseded_at is null`,
    v6?.id,
    PERIOD,
  );
  await rows(
    `insert into reports (assignment_id, task_id, agency_id, period, status, submitted_at)
     values (?, ?, 'so-y-te', ?, 'done', '2026-11-29T02:00:00.000Z')`,
    v6?.id,
    v6?.task_id,
    PERIOD,
  );
  return fx;
}

const dated = (t: TaskRow) =>
  t.deadline.due !== null && !["recurring", "milestones"].includes(t.deadline.kind);
const open = (t: TaskRow) => t.status !== "done" && t.status !== "not_applicable";

describe("the on-time tallies in the monthly synthesis", async () => {
  const fx = await fixture();
  const m = await buildSynthesis(fx.core, { period: PERIOD, now: NOW });

  it("counts each agency's dated lead tasks, and in total agrees with the task rows", () => {
    expect(m.tally.byAgency["so-y-te"]).toEqual({
      doneOnTime: 1,
      doneLate: 0,
      openInTime: 1,
      openLate: 0,
      outside: 7,
    });
    expect(m.tally.byAgency["cong-an-tinh"]).toEqual({
      doneOnTime: 0,
      doneLate: 1,
      openInTime: 16,
      openLate: 0,
      outside: 10,
    });
    // Unfinished past the deadline is what the rows call overdue; within it, the dated rest.
    expect(m.tally.total.openLate).toBe(m.totals.overdue);
    expect(m.tally.total.openLate).toBeGreaterThan(100);
    const within = m.tasks.filter((t) => dated(t) && open(t) && (t.deadline.due ?? "") >= m.asOf);
    expect(m.tally.total.openInTime).toBe(within.length);
    expect(m.tally.total.doneOnTime + m.tally.total.doneLate).toBe(2);
  });

  it("fills four columns of the xlsx summary sheet per agency and in total", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(m)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Tổng hợp") as ExcelJS.Worksheet;
    const values = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
    expect(values(ws.getRow(1)).slice(10)).toEqual([
      "Hoàn thành đúng hạn",
      "Hoàn thành quá hạn",
      "Đang thực hiện trong hạn",
      "Chưa hoàn thành quá hạn",
    ]);
    const row = (name: string) =>
      values(ws.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(2).value === name) as ExcelJS.Row);
    expect(row("Sở Y tế").slice(10)).toEqual([1, 0, 1, 0]);
    expect(row("Công an tỉnh").slice(10)).toEqual([0, 1, 16, 0]);
    const t = m.tally.total;
    expect(values(ws.getRow(ws.rowCount)).slice(10)).toEqual([
      t.doneOnTime,
      t.doneLate,
      t.openInTime,
      t.openLate,
    ]);
  });

  it("says the same in the docx draft's general results", async () => {
    const zip = await JSZip.loadAsync(await renderDocx(m));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const t = m.tally.total;
    const counted = t.doneOnTime + t.doneLate + t.openInTime + t.openLate;
    const rate = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format((100 * 1) / counted);
    expect(xml).toContain(
      `Tiến độ thực hiện ${counted} lượt nhiệm vụ có thời hạn: hoàn thành đúng hạn 1 lượt (đạt ${rate}%), ` +
        `hoàn thành quá hạn 1 lượt, đang thực hiện trong hạn ${t.openInTime} lượt, chưa hoàn thành quá hạn ` +
        `${t.openLate} lượt; không tính ${t.outside} lượt nhiệm vụ thường xuyên, định kỳ, chưa có thời hạn hoặc không áp dụng.`,
    );
  });
});

describe("the on-time tally in the weekly digest", async () => {
  const fx = await fixture();
  const rules = rulesFor(undefined, fx.planId);
  const digest = async (scope: Parameters<typeof buildDigest>[3], day: string) => {
    const snapshot = await new Snapshot(fx.core.store).load({ shared: true });
    const model = await buildDigest(snapshot, fx.core.store, fx.planId, scope, day, rules);
    return { model, text: renderDigest(fx.core.i18n, "vi", model, snapshot.agencyNames(), rules) };
  };

  it("shows the scope's four counts as of the digest's day", async () => {
    // 21/12/2026: V.6 was finished in time; VII.4 (due 28/02/2027) is still within it.
    const { model, text } = await digest({ kind: "agencies", agencies: ["so-y-te"] }, "2026-12-21");
    expect(model.tally).toEqual({ doneOnTime: 1, doneLate: 0, openInTime: 1, openLate: 0, outside: 7 });
    expect(text).toContain(
      "📊 Tiến độ 2 lượt nhiệm vụ có thời hạn: hoàn thành đúng hạn 1, hoàn thành quá hạn 0, " +
        "đang thực hiện trong hạn 1, chưa hoàn thành quá hạn 0; không tính 7 nhiệm vụ thường xuyên, " +
        "định kỳ, chưa có thời hạn hoặc không áp dụng.",
    );
    // The fixture's December reports (all done, 28/12/2026) finish VII.4 before its date; V.6 keeps
    // the first "done" of 29/11.
    const march = await digest({ kind: "agencies", agencies: ["so-y-te"] }, "2027-03-01");
    expect(march.model.tally).toEqual({ doneOnTime: 2, doneLate: 0, openInTime: 0, openLate: 0, outside: 7 });
  });

  it("counts the whole plan for a plan-wide digest", async () => {
    const { model, text } = await digest({ kind: "plan" }, "2027-01-04");
    const t = model.tally;
    if (!t) throw new Error("a digest carries its tally");
    expect(t.doneLate).toBe(1);
    expect(t.openLate).toBeGreaterThan(100);
    expect(text).toContain(
      `📊 Tiến độ ${t.doneOnTime + t.doneLate + t.openInTime + t.openLate} lượt nhiệm vụ có thời hạn: ` +
        `hoàn thành đúng hạn ${t.doneOnTime}, hoàn thành quá hạn 1, đang thực hiện trong hạn ${t.openInTime}, ` +
        `chưa hoàn thành quá hạn ${t.openLate}; không tính ${t.outside} nhiệm vụ`,
    );
  });
});
