import ExcelJS from "exceljs";
import { tidy } from "../../text/normalize.ts";
import type { SourceItem } from "./text.ts";

/**
 * Reads every sheet of a workbook as table rows. A merged range keeps its text in its first
 * column only (a group row merged across the table reads as one cell), but a range merged
 * down repeats its text on every row it covers, as in a docx. Lines are the sheet's row
 * numbers, counted on from one sheet to the next.
 */
export async function readXlsx(data: Uint8Array): Promise<SourceItem[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const out: SourceItem[] = [];
  let offset = 0;
  for (const sheet of book.worksheets) {
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      let filled = 0;
      let bold = 0;
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const master = cell.isMerged ? cell.master : cell;
        const sameRow = master.row === cell.row;
        const text = sameRow && master.col !== cell.col ? "" : tidy(cellText(master.value));
        cells.push(text);
        if (text && master === cell) {
          filled++;
          if (cell.font?.bold) bold++;
        }
      }
      out.push({
        type: "row",
        line: offset + r,
        cells,
        bold: filled > 0 && bold === filled,
        paginated: false,
      });
    }
    offset += sheet.rowCount;
  }
  return out;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value) return String(value.text);
  if ("result" in value) return value.result === undefined ? "" : String(value.result);
  return "";
}
