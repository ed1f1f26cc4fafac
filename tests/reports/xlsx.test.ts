import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildSynthesis } from "../../src/reports/synthesis.ts";
import { OVERDUE_FILL, renderXlsx } from "../../src/reports/xlsx.ts";
import { LINK, NOW, PERIOD, reportsFixture } from "./fixture.ts";

async function open(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  // exceljs's types predate Buffer<ArrayBufferLike>; the bytes are what it wants.
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

describe("the xlsx export", async () => {
  const fx = await reportsFixture();
  const m = await buildSynthesis(fx.core, { period: PERIOD, now: NOW });
  const file = renderXlsx(m).then(open);

  it("has the five sheets with Vietnamese headers, a frozen header row and filters", async () => {
    const wb = await file;
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Tổng hợp",
      "Nhiệm vụ",
      "Chỉ tiêu",
      "Chưa báo cáo",
      "Nhật ký",
    ]);
    const tasks = sheet(wb, "Nhiệm vụ");
    expect(values(tasks.getRow(1))).toEqual([
      "Mã",
      "Mục",
      "Nhiệm vụ",
      "Cơ quan chủ trì",
      "Thời hạn",
      "Hạn dự kiến",
      "Trạng thái",
      "Tiến độ (%)",
      "Báo cáo kỳ này",
      "Nội dung báo cáo gần nhất",
      "Minh chứng",
      "Thời điểm báo cáo",
      "Số ngày quá hạn",
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getColumn(2).width).toBeGreaterThan(5);
    }
    expect(values(sheet(wb, "Tổng hợp").getRow(1))[1]).toBe("Cơ quan, đơn vị");
  });

  it("writes one summary row per agency and a total row", async () => {
    const ws = sheet(await file, "Tổng hợp");
    expect(ws.rowCount).toBe(1 + 153 + 1);
    const total = values(ws.getRow(ws.rowCount));
    expect(total.slice(1, 9)).toEqual(["Tổng cộng", 964, 963, 10, 1, 9, 1, m.totals.overdue]);
    expect(total[9]).toBeCloseTo(10 / 963);
    expect(ws.getRow(ws.rowCount).font?.bold).toBe(true);
  });

  it("writes every task row, real dates, links and a red fill on overdue tasks", async () => {
    const ws = sheet(await file, "Nhiệm vụ");
    expect(ws.rowCount).toBe(1 + 964);
    const rows = ws.getRows(2, 964) ?? [];
    const find = (ref: string, agency: string) =>
      rows.find((r) => r.getCell(1).value === ref && r.getCell(4).value === agency) as ExcelJS.Row;
    const ii3 = find("II.3", "Văn phòng UBND tỉnh");
    expect(ii3.getCell(5).value).toEqual(new Date("2026-10-31T00:00:00Z"));
    expect(ii3.getCell(5).numFmt).toBe("dd/mm/yyyy");
    expect(ii3.getCell(7).value).toBe("Vướng mắc");
    expect(ii3.getCell(11).value).toMatchObject({ hyperlink: LINK });
    expect(ii3.getCell(12).value).toEqual(new Date("2026-11-20T09:30:00Z"));
    expect(ii3.getCell(13).value).toBe(40);
    expect(ii3.getCell(1).fill).toMatchObject({ type: "pattern", fgColor: { argb: OVERDUE_FILL } });
    const recurring = find("II.10", "Sở Y tế");
    expect(recurring.getCell(5).value).toBe("Thực hiện thường xuyên");
    const fill = (r: ExcelJS.Row, c: number) =>
      (r.getCell(c).fill as ExcelJS.FillPattern | undefined)?.fgColor;
    expect(fill(recurring, 1)).toBeUndefined();
    expect(find("II.2", "Công an tỉnh").getCell(6).value).toBe("Dự kiến");
    const filled = rows.filter((r) => fill(r, 3)?.argb === OVERDUE_FILL);
    expect(filled).toHaveLength(m.tasks.filter((t) => t.daysOverdue !== null).length);
  });

  it("lists targets and the agencies that did not report", async () => {
    const wb = await file;
    const targets = sheet(wb, "Chỉ tiêu");
    expect(targets.rowCount).toBe(1 + 54);
    const i2 = targets.getRows(2, 54)?.find((r) => r.getCell(1).value === "I.2");
    expect(values(i2 as ExcelJS.Row).slice(4, 9)).toEqual([
      "50",
      "80",
      "62,5",
      "11/2026",
      "Văn phòng UBND tỉnh",
    ]);
    const missing = sheet(wb, "Chưa báo cáo");
    expect(missing.rowCount).toBe(1 + 152);
    const vp = missing.getRows(2, 152)?.find((r) => r.getCell(2).value === "Văn phòng UBND tỉnh");
    expect([3, 4, 5, 6, 7].map((c) => vp?.getCell(c).value)).toEqual([11, 1, 10, null, "tg:3001"]);
  });

  it("exports a month with no reports, every agency not reported", async () => {
    const wb = await open(await renderXlsx(await buildSynthesis(fx.core, { period: "2026-07", now: NOW })));
    expect(sheet(wb, "Chưa báo cáo").rowCount).toBe(1 + 153);
    const statuses = new Set(sheet(wb, "Nhiệm vụ").getColumn(7).values.slice(2));
    expect([...statuses]).toEqual(["Chưa báo cáo"]);
  });

  it("writes the month's audit trail, by Vietnam time, oldest first, in the Nhật ký sheet", async () => {
    const record = (at: string, action: string, extra: object = {}) =>
      fx.core.store.audit.record({
        at: new Date(at),
        actorKind: "operator",
        actorLabel: "root",
        channel: "cli",
        action,
        ...extra,
      });
    // 00:10 on 1 November in Gia Lai is still October in UTC; 00:30 on 1 December is November there.
    await record("2026-10-31T17:10:00Z", "plan.import", { targetKind: "plan", targetId: "p1" });
    await record("2026-11-15T02:00:00Z", "due.set", {
      targetKind: "task",
      targetId: "V.1",
      before: { due: "2026-12-31" },
      after: { due: "2027-03-31", reason: "theo công văn 45" },
    });
    await record("2026-11-30T17:30:00Z", "invite.create", { targetKind: "invite", targetId: "ABCDEFGHJK" });
    await record("2026-10-31T16:50:00Z", "contact.add");
    const wb = await open(await renderXlsx(await buildSynthesis(fx.core, { period: PERIOD, now: NOW })));
    const ws = sheet(wb, "Nhật ký");
    expect(values(ws.getRow(1))).toEqual([
      "STT",
      "Thời gian",
      "Kênh",
      "Người thực hiện",
      "Thao tác",
      "Đối tượng",
      "Chi tiết",
    ]);
    expect(ws.rowCount).toBe(1 + 2);
    expect(values(ws.getRow(2))).toEqual([
      1,
      new Date("2026-11-01T00:10:00Z"),
      "dòng lệnh",
      "root",
      "Nhập kế hoạch",
      "kế hoạch p1",
    ]);
    expect(values(ws.getRow(3))).toEqual([
      2,
      new Date("2026-11-15T09:00:00Z"),
      "dòng lệnh",
      "root",
      "Đặt hạn nhiệm vụ",
      "nhiệm vụ V.1",
      "hạn 31/12/2026 → 31/03/2027; lý do: theo công văn 45",
    ]);
    expect(ws.getCell("B2").numFmt).toBe("dd/mm/yyyy hh:mm");
  });
});
