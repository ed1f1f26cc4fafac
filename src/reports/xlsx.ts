import ExcelJS from "exceljs";
import { auditTable } from "./audit-sheet.ts";
import type { SynthesisModel } from "./model.ts";
import { allTables, type CellFormat, type Table } from "./tables.ts";

/** Excel's own "light red fill" for bad values, on overdue tasks. */
export const OVERDUE_FILL = "FFFFC7CE";
const HEADER_FILL = "FFD9E1F2";

const NUMBER_FORMATS: Partial<Record<CellFormat, string>> = {
  date: "dd/mm/yyyy",
  datetime: "dd/mm/yyyy hh:mm",
  percent: "0.0%",
};

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function writeSheet(wb: ExcelJS.Workbook, t: Table): void {
  // Printed, each sheet fits the page's width in landscape: coordinators print the synthesis.
  const ws = wb.addWorksheet(t.name, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.height = 32;
  header.eachCell((cell) => {
    cell.fill = solid(HEADER_FILL);
  });
  t.rows.forEach((values, i) => {
    const row = ws.addRow(values);
    row.alignment = { vertical: "top" };
    t.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const numFmt = c.format && NUMBER_FORMATS[c.format];
      if (numFmt) cell.numFmt = numFmt;
      if (c.format === "wrap") cell.alignment = { vertical: "top", wrapText: true };
      // exceljs writes a plain string as text, never as a formula; only web links become links.
      if (c.format === "link" && typeof cell.value === "string" && /^https?:\/\//i.test(cell.value))
        cell.value = { text: cell.value, hyperlink: cell.value };
      if (t.highlight[i]) cell.fill = solid(OVERDUE_FILL);
    });
  });
  if (t.totalRow && t.rows.length > 0) {
    const total = ws.getRow(t.rows.length + 1);
    total.font = { bold: true };
    total.eachCell((cell) => {
      cell.border = { top: { style: "thin" } };
    });
  }
  const lastDataRow = 1 + t.rows.length - (t.totalRow ? 1 : 0);
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, lastDataRow), column: t.columns.length },
  };
}

/** The synthesis as a workbook: "Tổng hợp", "Nhiệm vụ", "Chỉ tiêu", "Chưa báo cáo", and the month's "Nhật ký". */
export async function renderXlsx(m: SynthesisModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nhacviec";
  wb.title = `${m.plan.title} — ${m.period}`;
  for (const table of [...allTables(m), auditTable(m.audit ?? [])]) writeSheet(wb, table);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
